import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyDerivations, type VerifierCommand } from '../../../src/integrations/verify';

type Plugin = { name: string; buildApp: { order: string; handler: () => Promise<void> } };

/** Run the integration's build setup with a stand-in verifier; return the Vite plugin it registers. */
function setUpBuild(verifier: VerifierCommand): { plugin: Plugin; logged: string[] } {
  const logged: string[] = [];
  const plugins: Plugin[] = [];
  const hook = verifyDerivations(verifier).hooks['astro:config:setup'] as (o: unknown) => void;
  hook({
    command: 'build',
    logger: { info: (m: string) => logged.push(m) },
    updateConfig: (c: { vite: { plugins: Plugin[] } }) => plugins.push(...c.vite.plugins),
  });
  expect(plugins).toHaveLength(1);
  return { plugin: plugins[0]!, logged };
}

const node = process.execPath;

describe('the build’s verification step', () => {
  it('waits for the verifier before pages render, and deletes an old report first', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'dv-')), 'report.json');
    writeFileSync(report, '{"stale":true}');
    // The verifier leaves a mark just before it exits: the hook must not resolve before it.
    const mark = join(dirname(report), 'verifier-finished');
    const script = `setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(mark)}, 'done'), 300)`;
    const { plugin, logged } = setUpBuild({ command: node, args: ['-e', script], report });
    expect(existsSync(report)).toBe(false);
    // Astro's static generation is a later `buildApp` post hook: ours must be one too.
    expect(plugin.buildApp.order).toBe('post');
    await plugin.buildApp.handler();
    expect(existsSync(mark)).toBe(true);
    expect(logged.join('\n')).toMatch(/every derivation verified in/);
  });

  it('stops the build when a step fails verification', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'dv-')), 'report.json');
    const { plugin } = setUpBuild({ command: node, args: ['-e', 'process.exit(1)'], report });
    await expect(plugin.buildApp.handler()).rejects.toThrow(/failed verification.*stops before rendering/);
  });

  it('stops the build with a clear message when the verifier cannot start', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'dv-')), 'report.json');
    const { plugin } = setUpBuild({ command: join(tmpdir(), 'no-such-verifier'), args: [], report });
    await expect(plugin.buildApp.handler()).rejects.toThrow(/Could not start the verifier/);
  });
});
