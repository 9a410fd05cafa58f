/**
 * `#compiled-steps` in Node (tests, tools, the static build's server side): each derivation's
 * expressions compiled on first use, from the same generated source the browser receives.
 */
import { compileDerivation } from './compile-js';
import { derivations } from './index';
import type { Derivation } from './define';
import type { CompiledTable } from './js-runtime';

const tables = new Map<string, CompiledTable>();

export function compiledFor(d: Derivation): CompiledTable {
  let t = tables.get(d.slug);
  if (!t) tables.set(d.slug, (t = compileDerivation(d)));
  return t;
}

/** The same table by slug (see compiled-browser.ts). */
export function compiledForSlug(slug: string): CompiledTable {
  const d = derivations.get(slug);
  if (!d) throw new Error(`no derivation \`${slug}\``);
  return compiledFor(d);
}
