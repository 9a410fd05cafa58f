/**
 * `#compiled-steps` in the browser: the tables generated at build time by the
 * `derivable:compiled-steps` Vite plugin (src/integrations/compiled-steps.ts), so a plot
 * ships plain functions and no expression parser.
 */
import tables from 'virtual:derivable-steps';
import type { Derivation } from './define';
import type { CompiledTable } from './js-runtime';

export function compiledFor(d: Derivation): CompiledTable {
  const t = tables[d.slug] as CompiledTable | undefined;
  if (!t) throw new Error(`derivation \`${d.slug}\` has no compiled steps; compiled: ${Object.keys(tables).join(', ')}`);
  return t;
}

/** The same table by slug, for a plot that needs a few steps of a module whose page it is not on. */
export function compiledForSlug(slug: string): CompiledTable {
  const t = tables[slug] as CompiledTable | undefined;
  if (!t) throw new Error(`derivation \`${slug}\` has no compiled steps; compiled: ${Object.keys(tables).join(', ')}`);
  return t;
}
