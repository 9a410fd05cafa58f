import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVersion, stampServiceWorker } from '../../../src/integrations/sw-version';

const WORKER_SOURCE = readFileSync('public/sw.js', 'utf8');

/** A small build: a page, an asset and the worker as public/ has it. */
function fakeBuild(files: Record<string, string> = {}): string {
  const out = mkdtempSync(join(tmpdir(), 'dv-sw-'));
  mkdirSync(join(out, '_astro'));
  const all = { 'index.html': '<h1>Derivable</h1>', '_astro/page.abc123.css': 'h1{}', 'sw.js': WORKER_SOURCE, ...files };
  for (const [path, text] of Object.entries(all)) writeFileSync(join(out, path), text);
  return out;
}

const versionIn = (out: string) => /^const VERSION = '([^']*)';$/m.exec(readFileSync(join(out, 'sw.js'), 'utf8'))?.[1];

describe('the service worker’s build version', () => {
  it('is written into sw.js in place of the source’s `dev`, and nothing else changes', async () => {
    expect(versionIn(fakeBuild())).toBe('dev');
    const out = fakeBuild();
    const version = await stampServiceWorker(out);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(versionIn(out)).toBe(version);
    const stamped = readFileSync(join(out, 'sw.js'), 'utf8');
    expect(stamped.replace(version, 'dev')).toBe(WORKER_SOURCE);
  });

  it('is the same for the same output and differs when any file’s name or bytes differ', async () => {
    const a = await stampServiceWorker(fakeBuild());
    expect(await stampServiceWorker(fakeBuild())).toBe(a);
    expect(await stampServiceWorker(fakeBuild({ '_astro/page.abc123.css': 'h1{color:red}' }))).not.toBe(a);
    expect(await stampServiceWorker(fakeBuild({ '_astro/chunk.def456.js': '' }))).not.toBe(a);
  });

  it('does not depend on the worker itself, so stamping twice gives one version', async () => {
    const out = fakeBuild();
    const before = await buildVersion(out);
    writeFileSync(join(out, 'sw.js'), WORKER_SOURCE + '\n// edited');
    expect(await buildVersion(out)).toBe(before);
  });

  it('refuses, with a clear message, a build without the worker or without its version line', async () => {
    const out = fakeBuild();
    writeFileSync(join(out, 'sw.js'), "const VERSION = 'v1';\n");
    await expect(stampServiceWorker(out)).rejects.toThrow(/no line `const VERSION = 'dev';`/);
    const empty = mkdtempSync(join(tmpdir(), 'dv-sw-'));
    await expect(stampServiceWorker(empty)).rejects.toThrow(/the build has no sw\.js/);
  });
});
