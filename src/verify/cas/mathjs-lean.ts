/**
 * The mathjs that browser bundles get for `#mathjs` (package.json "imports"):
 * the engine asks mathjs for three things only — `parse` (and the node
 * classes with their `toTex`), `config` and the `BigNumber` type — so the
 * instance is made from their factories instead of all of them. The same
 * `create` and `all` names as mathjs's own entry, so `mathjs.ts` does not
 * know which one it got. Node keeps the single-file build (fast to load).
 */
import { create, bignumberDependencies, parseDependencies, type FactoryFunctionMap } from 'mathjs';

export { create };
export const all: FactoryFunctionMap = { ...parseDependencies, ...bignumberDependencies };
