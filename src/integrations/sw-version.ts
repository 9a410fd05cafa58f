import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * After `astro build`: write the build's version into `sw.js`, so each build
 * has its own service worker and its own cache (public/sw.js says why).
 *
 * The version is a hash of every other file the build wrote, names and bytes:
 * the same output gives the same version (readers keep their cache), any
 * change gives a new one. List it last among the integrations, after those
 * that write into the build (Pagefind, the KaTeX font subsets).
 */
export function serviceWorkerVersion(): AstroIntegration {
  return {
    name: 'derivable:sw-version',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const version = await stampServiceWorker(fileURLToPath(dir));
        logger.info(`service worker cache version ${version}`);
      },
    },
  };
}

/** The line of public/sw.js the build rewrites. */
const PLACEHOLDER = /^const VERSION = 'dev';$/m;
export const WORKER = 'sw.js';

/** Hash of the build in `out`: every file but the worker, by path and content. */
export async function buildVersion(out: string): Promise<string> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => relative(out, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => path !== WORKER)
    .sort();
  const hash = createHash('sha256');
  for (const path of files) {
    const bytes = await readFile(join(out, path));
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Write the build's version into `out/sw.js`; returns it. */
export async function stampServiceWorker(out: string): Promise<string> {
  const file = join(out, WORKER);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    throw new Error(`sw-version: the build has no ${WORKER} (expected from public/${WORKER})`);
  }
  if (!PLACEHOLDER.test(source)) {
    throw new Error(`sw-version: ${file} has no line \`const VERSION = 'dev';\` to write the build's version into`);
  }
  const version = await buildVersion(out);
  await writeFile(file, source.replace(PLACEHOLDER, `const VERSION = '${version}';`));
  return version;
}
