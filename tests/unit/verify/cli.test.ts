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
  it('reads an assume line anywhere in a chain as a declaration for the lines below it, as the browser does', async () => {
    const r = await run(['--json', '-'], 'sqrt(x^2)\nabs(x)\nassume x > 0\nx\nassume A n×n, B n×n\nA*B\nB*A\n');
    const [chain] = JSON.parse(r.out).chains;
    // abs(x) -> x needs x > 0, declared between them; A*B -> B*A is refuted on matrices, not read as math with a name "assume"
    expect(chain.lines.map((l: { line: number; status: string }) => [l.line, l.status])).toEqual([
      [1, 'given'],
      [2, 'verified'],
      [4, 'verified'],
      [6, 'refuted'],
      [7, 'refuted'],
    ]);
  });
  it('exits 2 on bad usage and a missing file', async () => {
    expect((await run(['--nope'])).code).toBe(2);
    const m = await run(['/no/such/file.txt']);
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/no such file/);
  });
  it('refuses non-regular files and input over 1 MB with a clear message', async () => {
    const dev = await run(['/dev/zero']);
    expect(dev.code).toBe(2);
    expect(dev.err).toMatch(/not a regular file/);
    const dir = mkdtempSync(join(tmpdir(), 'derivable-'));
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x\n'.repeat(600_000));
    const f = await run([big]);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/larger than 1 MB/);
    const s = await run(['-'], 'x\n'.repeat(600_000));
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/larger than 1 MB/);
  });
  it('escapes control characters in human output', async () => {
    const r = await run(['-'], 'x\u001b[2J\nx\u0007 + 0\n');
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.out).toContain('\\x1b[2J');
  });
  it('says so and exits 1 on an empty notepad', async () => {
    for (const text of ['', '\n\n', '# only a comment\n']) {
      const r = await run(['-'], text);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/nothing to check/);
    }
  });
  it('marks a step that gains a solution with ⚠ and a warning field, and exits 0 (it follows)', async () => {
    const human = await run(['-'], 'x = 2\nx^2 = 4\n');
    expect(human.out).toMatch(/⚠\s+2/);
    expect(human.out).toMatch(/x = −2 solves the new line but not the previous one/);
    expect(human.code).toBe(0);
    const j = JSON.parse((await run(['--json', '-'], 'x = 2\nx^2 = 4\n')).out);
    expect(j.chains[0].lines[1]).toMatchObject({
      status: 'verified',
      relation: '⇒',
      warning: { kind: 'extraneous-solution', values: { x: -2 } },
    });
    const lost = JSON.parse((await run(['--json', '-'], 'x^2 = 4\nx = 2\n')).out);
    expect(lost.chains[0].lines[1]).toMatchObject({ status: 'refuted', counterexample: { values: { x: -2 } } });
  });
  it('works as a real process via npm run check', () => {
    const p = spawnSync('npm', ['run', '-s', 'check', '--', '-'], { input: '(x+1)^2\nx^2+2x+2\n', encoding: 'utf8', timeout: 60_000 });
    expect(p.status).toBe(1);
    expect(p.stdout).toMatch(/✗/);
  });
});
