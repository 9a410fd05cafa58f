import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every HTML route of the built site, as a path relative to the base URL (e.g. `derivations/monty-hall/`). */
export function builtPages(dir = process.env.E2E_DIST ?? 'dist'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(full);
      } else if (name === 'index.html') {
        out.push(relative(dir, d) ? `${relative(dir, d)}/` : '');
      } else if (name === '404.html') {
        out.push('404.html');
      }
    }
  };
  walk(dir);
  return out.sort();
}
