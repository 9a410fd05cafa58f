/**
 * Issue 13's case table (notepad-cases.json): notation candidates type on a notepad, each line
 * with its expected status, through the public checkSync, with the `assume` line above it read
 * by the notepad's own grammar (src/verify/assume.ts). Also what each class promises besides
 * the status: the badge for sums says at which sizes, and large sums are refused before work.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkSync, describeResult, parseLine, shutdown } from '../../../src/verify/index';
import { checkText } from '../../../src/cli/check';
import type { CheckResult, VariableDecl } from '../../../src/verify/index';
import { parseAssumptions } from '../../../src/verify/assume';
import type { Case } from './cases.test';

type NotepadCase = Case & { assume?: string; definitions?: string[] };

const cases: NotepadCase[] = JSON.parse(readFileSync(new URL('./notepad-cases.json', import.meta.url), 'utf8')).cases;

function run(c: Pick<NotepadCase, 'prev' | 'next' | 'assume' | 'relation' | 'variables' | 'definitions'>): CheckResult {
  let variables: VariableDecl[] = [...(c.variables ?? [])];
  if (c.assume) {
    const a = parseAssumptions(c.assume);
    if (!a.ok) throw new Error(`assume ${c.assume}: ${a.message}`);
    variables = [...variables, ...a.variables];
  }
  return checkSync({
    prev: c.prev,
    next: c.next,
    relation: c.relation ?? { kind: 'equal' },
    variables,
    ...(c.definitions ? { definitions: c.definitions } : {}),
  });
}

describe('notepad case table (issue 13)', () => {
  it('covers each class with right and wrong lines, in LaTeX and in ASCII', () => {
    const classes = new Set(cases.map((c) => c.category));
    for (const k of classes) {
      const mine = cases.filter((c) => c.category === k);
      expect(mine.filter((c) => c.truth === 'verified').length, k).toBeGreaterThanOrEqual(5);
      expect(mine.filter((c) => c.truth === 'refuted').length, k).toBeGreaterThanOrEqual(5);
      expect(mine.length, k).toBeGreaterThanOrEqual(30);
      expect(
        mine.some((c) => /\\/.test(c.prev + c.next)),
        k,
      ).toBe(true);
      expect(
        mine.some((c) => !/\\/.test(c.prev + c.next)),
        k,
      ).toBe(true);
    }
  });

  for (const k of new Set(cases.map((c) => c.category))) {
    it(`gives every ${k} case its expected status, and never verifies a wrong step`, () => {
      const wrong: string[] = [];
      const accepted: string[] = [];
      for (const c of cases.filter((x) => x.category === k)) {
        const r = run(c);
        const want = c.expected ?? c.truth;
        const imp = 'relation' in r ? r.relation : undefined;
        if (r.status !== want || (c.implication && r.status === 'verified' && imp !== c.implication))
          wrong.push(`${c.prev}  ->  ${c.next}: expected ${want}${c.implication ?? ''}, got ${r.status}${imp ?? ''} ${JSON.stringify(r)}`);
        if (c.truth === 'refuted' && r.status === 'verified') accepted.push(`${c.prev} -> ${c.next}`);
      }
      expect(accepted, 'wrong steps reported verified').toEqual([]);
      expect(wrong).toEqual([]);
    });
  }
});

describe('sums over a symbolic range', () => {
  it('says where the evidence comes from: n = 1…8 with random data, never "symbolically"', () => {
    const r = run({ prev: String.raw`\sum_{i=1}^{n} i`, next: 'n*(n+1)/2' });
    expect(r.status).toBe('verified');
    expect(describeResult(r)).toBe('checked at n = 1…8 with random data');
    const skip = run({ prev: 'sum(x_i, i, 2, n)', next: 'sum(x_i, i, 1, n) - x_1' });
    expect(describeResult(skip)).toBe('checked at n = 2…8 with random data');
  });

  it('names the size and the data in a counterexample', () => {
    const r = run({ prev: 'sum(x_i*y_i, i, 1, n)', next: 'sum(x_i, i, 1, n)*sum(y_i, i, 1, n)' });
    expect(r.status).toBe('refuted');
    if (r.status === 'refuted') expect(Object.keys(r.counterexample.values)).toEqual(expect.arrayContaining(['n', 'x_1', 'y_1']));
  });

  it('reads a summand as TeX does: it ends at the first + or − outside brackets, and says so', () => {
    const p = parseLine(String.raw`\frac{1}{n}\sum_{i=1}^{n} x_i^2 - m^2`);
    expect(p).toMatchObject({ ok: true, ascii: '1/n*sum(x_i^2, i, 1, n) - m^2' });
    expect(p.ok && p.notes?.join()).toContain('ending at the first + or −');
    expect(parseLine(String.raw`\sum_{i=1}^{3} y_i - 2`)).toMatchObject({ ascii: 'y_1 + y_2 + y_3 - 2' });
    expect(parseLine(String.raw`\sum_i y_i`)).toMatchObject({ ascii: 'sum(y_i, i, 1, n)', notes: [expect.stringContaining('i=1}^{n}')] });
  });

  it('refuses what it cannot expand with a message, before the work, never a hang', () => {
    const six = run({
      prev: 'sum(sum(sum(sum(sum(sum(x_i*y_j*z_k*u_l*v_m*w_p, p, 1, n), m, 1, n), l, 1, n), k, 1, n), j, 1, n), i, 1, n)',
      next: 'sum(x_i, i, 1, n)*sum(y_i, i, 1, n)*sum(z_i, i, 1, n)*sum(u_i, i, 1, n)*sum(v_i, i, 1, n)*sum(w_i, i, 1, n)',
    });
    expect(six).toMatchObject({ status: 'error', message: expect.stringMatching(/would expand to about \d+ nodes/) });
    const t0 = process.cpuUsage();
    expect(parseLine('sum(x_i, i, 1, 100000000)')).toMatchObject({ ok: false, message: expect.stringContaining('the limit is 400') });
    const used = process.cpuUsage(t0);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
    expect(parseLine('sum_i y_i')).toMatchObject({ ok: false, message: expect.stringContaining('sum(y_i, i, 1, n)') });
    expect(parseLine('x_(i+1)')).toMatchObject({ ok: false, message: expect.stringContaining('inside sum(') });
  });

  it('carries an assumption on an indexed name to its entries (p_i > 0 gives p_1, …, p_n > 0)', () => {
    const r = run({ prev: String.raw`\log \prod_{i=1}^{n} p_i`, next: String.raw`\sum_{i=1}^{n} \log p_i`, assume: 'p_i > 0' });
    expect(r.status).toBe('verified');
  });
});

describe('expectation, variance, covariance', () => {
  it('says on what it checked: random finite distributions, or the moments of a named one', () => {
    const r = run({ prev: 'Var(a*X + b)', next: 'a^2*Var(X)' });
    expect(describeResult(r)).toBe('checked on 6 random finite distributions of X (exact probabilities)');
    const n = run({ prev: 'Var(X)', next: 's^2', assume: 'X ~ N(mu, s^2)' });
    expect(n.status).toBe('verified');
    expect(describeResult(n)).toMatch(/\(from the moments of X\)$/);
  });

  it('refutes the classic slips with a distribution where they fail', () => {
    const r = run({ prev: 'E[X*Y]', next: 'E[X]*E[Y]' });
    expect(r.status).toBe('refuted');
    if (r.status === 'refuted') expect(r.counterexample.note).toMatch(/when \(X, Y\) = .* with probabilities /);
    const mean = run({
      prev: String.raw`\operatorname{Var}\left(\frac{1}{n}\sum_{i=1}^{n} X_i\right)`,
      next: String.raw`\frac{1}{n}\sum_{i=1}^{n}\operatorname{Var}(X_i)`,
      assume: 'X_i iid',
    });
    expect(mean.status).toBe('refuted');
    if (mean.status === 'refuted') expect(mean.counterexample.note).toMatch(/^at n = \d+: .*when each X_i = /);
  });

  it('says which names it read as random, and refuses a random variable outside E', () => {
    expect(parseLine(String.raw`\mathbb{E}[aX + bY]`)).toMatchObject({
      ok: true,
      ascii: 'E(a*X + b*Y)',
      notes: [expect.stringContaining('read X, Y as random variables')],
    });
    expect(run({ prev: 'X + E[X]', next: '2*E[X]' })).toMatchObject({
      status: 'error',
      message: expect.stringContaining('only inside E[...]'),
    });
  });

  it('reads distributions and independence in an assume line', () => {
    const a = parseAssumptions('X ~ N(mu, s^2), Y ~ Bernoulli(p), X, Y independent, n integer');
    expect(a).toMatchObject({
      ok: true,
      variables: expect.arrayContaining([
        { name: 'X', independent: true, distribution: { family: 'normal', params: ['mu', 's^2'] } },
        { name: 'Y', independent: true, distribution: { family: 'bernoulli', params: ['p'] } },
        { name: 'n', assumptions: ['real', 'integer'] },
      ]),
    });
    expect(parseAssumptions('X_i ~ Poisson(lambda) iid')).toMatchObject({ ok: true, variables: [{ name: 'X_i', independent: true }] });
    expect(parseAssumptions('X ~ Cauchy(0, 1)')).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown distribution Cauchy'),
    });
    expect(parseAssumptions('X ~ N(mu)')).toMatchObject({ ok: false, message: expect.stringContaining('takes 2 parameters') });
  });
});

describe('a notepad with definitions and continuation lines (npm run check)', () => {
  afterAll(() => shutdown());

  it('defines L, starts anew at its derivative, and checks each "= …" line against the one above', async () => {
    const pad = [
      'L(w) = sum((y_i - w*x_i)^2, i, 1, n)',
      String.raw`\frac{\partial L}{\partial w}`,
      String.raw`= -2\sum_{i=1}^{n} x_i (y_i - w x_i)`,
      String.raw`= 2 w \sum_i x_i^2 - 2\sum_i x_i y_i`,
      String.raw`= 2 w \sum_i x_i^2 + 2\sum_i x_i y_i`,
    ].join('\n');
    const [chain] = await checkText(pad);
    expect(chain!.lines.map((l) => l.status)).toEqual(['given', 'given', 'verified', 'verified', 'refuted']);
    expect(chain!.lines[1]!.message).toContain('a derivative of a function defined above');
    expect(chain!.lines[2]!.message).toContain('checked at n = 1…8 with random data');
  });

  it('reads distributions from the assume line of a chain', async () => {
    const [chain] = await checkText('assume X ~ Poisson(lambda)\nVar(X)\n= lambda\n= lambda^2');
    expect(chain!.lines.map((l) => l.status)).toEqual(['given', 'verified', 'refuted']);
  });
});

describe('solution sets as written', () => {
  it('reads "or" and ± as the union of the solution sets, and says so', () => {
    expect(parseLine('x = ±2')).toMatchObject({
      ok: true,
      ascii: '(x - 2)*(x + 2) = 0',
      notes: [expect.stringContaining('joined by "or"')],
    });
    expect(parseLine('x = 1 ± 2 ± 3')).toMatchObject({ ok: false, message: expect.stringContaining('more than one ±') });
    const lost = run({ prev: 'x^2 = 4', next: 'x = 2' });
    expect(lost.status === 'refuted' && lost.counterexample.note).toMatch(/x = [−-]2 solves the previous line but not the new one/);
  });

  it('compares a system joined by "and" only with a stated solution, never calling it the only one', () => {
    const r = run({ prev: 'x + y = 3 and x - y = 1', next: 'x = 2 and y = 1' });
    expect(r).toMatchObject({ status: 'unproven', reason: expect.stringContaining('only solution is not shown') });
    const w = run({ prev: 'x + y = 3 and x - y = 1', next: 'x = 2 and y = 2' });
    expect(w.status === 'refuted' && w.counterexample.note).toContain('does not solve x + y = 3');
  });
});
