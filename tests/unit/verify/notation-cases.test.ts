/**
 * The notation helper's case table (notation-cases.json, same shape as
 * cases.json) through the public checkSync, and the reader's own promises:
 * ambiguous readings are said, unsupported notation names what to write,
 * and limits apply before any work.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkSync, parseLine } from '../../../src/verify/index';
import type { Case } from './cases.test';

const cases: Case[] = JSON.parse(readFileSync(new URL('./notation-cases.json', import.meta.url), 'utf8')).cases;

describe('notation case table', () => {
  it('covers every notation class with right and wrong lines, LaTeX and ASCII', () => {
    const classes = new Set(cases.map((c) => c.category));
    expect(classes.size).toBeGreaterThanOrEqual(8);
    for (const k of classes) {
      const mine = cases.filter((c) => c.category === k);
      expect(
        mine.some((c) => c.truth === 'verified'),
        k,
      ).toBe(true);
      expect(
        mine.some((c) => c.truth === 'refuted' || c.truth === 'error'),
        k,
      ).toBe(true);
    }
    expect(cases.some((c) => /\\/.test(c.next))).toBe(true);
    expect(cases.some((c) => !/\\/.test(c.next))).toBe(true);
  });

  it('gives every case its expected status, and never verifies a wrong step', () => {
    const wrong: string[] = [];
    const accepted: string[] = [];
    for (const c of cases) {
      const r = checkSync({ prev: c.prev, next: c.next, relation: c.relation ?? { kind: 'equal' }, variables: c.variables ?? [] });
      const want = c.expected ?? c.truth;
      if (r.status !== want) wrong.push(`[${c.category}] ${c.prev}  ->  ${c.next}: expected ${want}, got ${r.status} ${JSON.stringify(r)}`);
      if (c.truth === 'refuted' && r.status === 'verified') accepted.push(`${c.prev} -> ${c.next}`);
    }
    expect(accepted, 'wrong steps reported verified').toEqual([]);
    expect(wrong).toEqual([]);
  });
});

const read = (t: string) => {
  const p = parseLine(t);
  return p.ok ? { ascii: p.ascii, notes: p.notes ?? [] } : { error: p.message };
};

describe('the reader reads what the preview draws', () => {
  it('reads \\operatorname{…} as the function, never a variable, and refuses unknown ones with the list', () => {
    expect(read(String.raw`\operatorname{sin}(x+y)`)).toEqual({ ascii: 'sin(x + y)', notes: [] });
    expect(read(String.raw`\mathrm{tanh}(x)`)).toMatchObject({ ascii: '(exp(x) - exp(-x))/(exp(x) + exp(-x))' });
    expect(read(String.raw`\operatorname{foo}(x)`)).toMatchObject({
      error: expect.stringContaining('unknown function "foo": expected one of'),
    });
    expect(read(String.raw`\operatorname{Var}(X)`)).toMatchObject({ ascii: 'Var(X)' });
  });

  it('keeps the base of a logarithm', () => {
    for (const t of [String.raw`\log_{10}(x)`, String.raw`\log_{10} x`, 'log10(x)', 'log(x, 10)'])
      expect(read(t), t).toMatchObject({ ascii: 'log(x)/log(10)' });
    expect(read(String.raw`\log_2 x`)).toMatchObject({ ascii: 'log(x)/log(2)' });
    expect(read(String.raw`\log x`)).toMatchObject({ ascii: 'log(x)' });
  });

  it('reads subscripts as TeX does (x_i - \\theta is not x_{i-\\theta})', () => {
    expect(read(String.raw`x_i - \theta`)).toMatchObject({ ascii: 'x_i - theta' });
    expect(read(String.raw`\sigma_0^2`)).toMatchObject({ ascii: 'sigma_0^2' });
    expect(read(String.raw`w_{jk}`)).toMatchObject({ ascii: 'w_jk' });
    expect(read(String.raw`x_{n+1}`)).toMatchObject({ ascii: 'x_np1', notes: [expect.stringContaining('x_np1')] });
  });

  it('says which reading it took where a line could mean two things', () => {
    expect(read('y^T y')).toMatchObject({ ascii: 'transpose(y)*y', notes: [expect.stringContaining('^T as the transpose')] });
    expect(read(String.raw`y^T y`).notes?.join()).toContain('transpose');
    expect(read('Xw').notes?.join()).toContain('read Xw as one name; for a product write X*w');
    expect(read(String.raw`\sigma(z)`).notes?.join()).toContain('sigmoid');
    expect(read("J'(v)").notes?.join()).toContain('derivative');
    expect(read(String.raw`A^{-1}`)).toMatchObject({ ascii: 'inv(A)', notes: [expect.stringContaining('1/A when A is a scalar')] });
    expect(read(String.raw`a^{-1}`)).toMatchObject({ ascii: 'a^(-1)' });
  });

  it('takes an inverse only for a declared matrix when the caller names them', async () => {
    const { parseLine: parseWith } = await import('../../../src/verify/parse');
    const { readLatex } = await import('../../../src/verify/cas/latex-default');
    const m = parseWith(String.raw`N^{-1}`, readLatex, undefined, { matrices: new Set(['X']) });
    expect(m.ok && m.ascii).toBe('N^(-1)');
    const x = parseWith(String.raw`X^{-1}`, readLatex, undefined, { matrices: new Set(['X']) });
    expect(x.ok && x.ascii).toBe('inv(X)');
    const t = parseWith('x^T', readLatex, undefined, { scalars: new Set(['T']) });
    expect(t.ok && t.ascii).toBe('x^T');
  });

  it('names what to write for notation it does not read', () => {
    expect(read(String.raw`\mathbb{E}[X]`)).toMatchObject({ ascii: 'E(X)', notes: [expect.stringContaining('random variable')] });
    expect(read('E[X]')).toMatchObject({ ascii: 'E(X)' });
    expect(read(String.raw`\nabla_w L`)).toMatchObject({ error: expect.stringContaining('diff(f, w)') });
    expect(read(String.raw`\frac{1}{2} J'(v)`)).toMatchObject({ error: expect.stringContaining('derivative') });
    expect(read(String.raw`X^{+}`)).toMatchObject({ error: expect.stringContaining('inv(transpose(X)*X)*transpose(X)') });
    expect(read(String.raw`x \le y`)).toMatchObject({ error: expect.stringContaining('≤') });
    expect(read(String.raw`\text{so } x`)).toMatchObject({ error: expect.stringContaining('comment') });
  });
});

describe('limits before work', () => {
  it('refuses a sum past the node limit before expanding it, at once', () => {
    const t0 = process.cpuUsage();
    const r = read(
      String.raw`\sum_{a=1}^{50}\sum_{b=1}^{50}\sum_{c=1}^{50}\sum_{d=1}^{50}\sum_{e=1}^{50}\sum_{f=1}^{50}\sum_{g=1}^{50}\sum_{h=1}^{50} x_a`,
    );
    expect(r).toMatchObject({ error: expect.stringMatching(/would expand to about \d+ nodes; the limit is 400/) });
    const used = process.cpuUsage(t0);
    // CPU time, not wall-clock: the old reader took 78 s and 4.7 GB here.
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
    expect(read(String.raw`\sum_{i=1}^{50} (y_i - w x_i - b)^2`)).toMatchObject({ error: expect.stringContaining('the limit is 400') });
    expect(read(String.raw`\sum_{i=1}^{50} y_i`)).toMatchObject({ ascii: expect.stringContaining('y_50') });
  });

  it('refuses brackets nested past 60 with a message, never a stack overflow (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 61, max: 3000 }),
        fc.constantFrom(['(', ')'], ['{', '}'], ['\\left(', '\\right)'], ['[', ']']),
        fc.boolean(),
        (depth, [open, close], latex) => {
          const text = `${latex ? '\\frac{1}{2}' : '1+'}${open!.repeat(depth)}x${close!.repeat(depth)}`;
          const p = parseLine(text.slice(0, 1900));
          expect(p.ok).toBe(false);
          if (!p.ok) expect(p.message).toMatch(/nested more than (60|3) deep|expected a closing|limit is 2000/);
          if (!p.ok) expect(p.message).not.toMatch(/call stack/);
        },
      ),
      { numRuns: 60, seed: 14 },
    );
    expect(read('('.repeat(60) + 'x' + ')'.repeat(60))).toMatchObject({ ascii: 'x' });
  });

  it('answers every random mix of the new notation with a reading or a message (fuzz)', () => {
    const atoms = [
      String.raw`x_i`,
      String.raw`\theta_0`,
      String.raw`\hat v`,
      String.raw`\bar x`,
      String.raw`X^\top`,
      String.raw`X^{-1}`,
      String.raw`\|x\|^2`,
      String.raw`\log_{2} x`,
      String.raw`\operatorname{sigmoid}(x)`,
      String.raw`\tanh x`,
      String.raw`\sum_{i=1}^{3} y_i`,
      String.raw`\left[ x \right]`,
      String.raw`e^{z_j}`,
      String.raw`\max(a, b)`,
      'x^T',
      'relu(x)',
      'sign(x)',
      '||x||',
      'Xᵀ',
      'A⁻¹',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...atoms), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(' + ', ' - ', ' ', '*', '/'), { minLength: 8, maxLength: 8 }),
        (xs, ops) => {
          const text = xs.map((x, i) => (i ? ops[i]! : '') + x).join('');
          const p = parseLine(text);
          if (p.ok) expect(p.ascii.length).toBeGreaterThan(0);
          else expect(p.message.length).toBeGreaterThan(5);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});
