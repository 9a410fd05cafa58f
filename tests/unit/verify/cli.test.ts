import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/check';
import { shutdown } from '../../../src/verify/index';

afterAll(() => shutdown());

async function run(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await main(argv, { stdin: Readable.from([stdin]), stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const STEPS = `assume x > 0
# a chain that holds
log(x^2)
2*log(x)

(x+1)^2
x^2 + x + 1
`;

describe('npm run check', () => {
  it('prints the JSON shape from issue 3 and exits 1 on a refuted line', async () => {
    const r = await run(['--json', '-'], STEPS);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.chains).toHaveLength(2);
    const line = j.chains[1].lines[1];
    expect(Object.keys(line).sort()).toEqual(['counterexample', 'input', 'line', 'message', 'method', 'ms', 'relation', 'status']);
    expect(line).toMatchObject({ line: 7, status: 'refuted' });
    expect(j.chains[0].lines[1]).toMatchObject({ line: 4, status: 'verified' });
  });
  it('marks lines in human output and exits 0 when all hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'derivable-'));
    const file = join(dir, 'ok.txt');
    writeFileSync(file, 'x^2 - 4 = 0\n(x-2)*(x+2) = 0\n\n\\frac{x^{2}-1}{x-1}\nx + 1\n');
    const r = await run([file]);
    expect(r.out).toMatch(/✓\s+2/);
    expect(r.code).toBe(0);
  });
  it('exits 2 on bad usage and a missing file', async () => {
    expect((await run(['--nope'])).code).toBe(2);
    const m = await run(['/no/such/file.txt']);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/no such file/);
  });
  it('works as a real process via npm run check', () => {
    const p = spawnSync('npm', ['run', '-s', 'check', '--', '-'], { input: '(x+1)^2\nx^2+2x+2\n', encoding: 'utf8', timeout: 60_000 });
    expect(p.status).toBe(1);
    expect(p.stdout).toMatch(/✗/);
  });
});
