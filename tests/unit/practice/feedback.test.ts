/**
 * Feedback a candidate can use: the slips practice mode can name, the
 * counterexample sentence, and counterexamples inside the declared domains
 * (pinned ones validated at build, the engine's for every other mistake).
 */
import { describe, expect, test } from 'vitest';
import { counterexampleSentence } from '../../../components/practice/logic';
import { DerivationError, defineDerivation } from '../../../src/derivations/define';
import momentum from '../../../src/derivations/momentum';
import { derivations } from '../../../src/derivations/index';
import { mutants, slipWords } from '../../../src/derivations/mutants';
import newton from '../../../src/derivations/newton-method';
import { brokenAssumption, pinnedRefutation, verifyDerivation } from '../../../src/derivations/verify';

describe('typical slips of a step', () => {
  const kinds = (expr: string, vars = []) => mutants(expr, vars).map((m) => `${m.kind}: ${m.expr}`);

  test('sign, factor 2, missing ½, exponent, swap, inverted ratio, dropped term', () => {
    const out = kinds('x = (xk + a/xk)/2');
    expect(out).toContain('sign: x = (xk - a/xk)/2');
    expect(out).toContain('sign: x = -((xk + a/xk)/2)');
    expect(out).toContain('factor-2: x = 2*((xk + a/xk)/2)');
    expect(out).toContain('half: x = (xk + a/xk)');
    expect(out).toContain('swap: x = (a + xk/a)/2');
    expect(out).toContain('inverted-ratio: x = 2/(xk + a/xk)');
    expect(kinds('a*b^2 - c/d')).toEqual(
      expect.arrayContaining(['exponent: a*b^3 - c/d', 'inverted-ratio: a*b^2 - d/c', 'dropped-term: a*b^2', 'dropped-term: - c/d']),
    );
    // A factor 2 inside a ratio is not a factor of the line: `c/2*e` is not turned into `c/e`.
    expect(kinds('c/2*e').filter((k) => k.startsWith('factor-2'))).toEqual(['factor-2: 2*(c/2*e)']);
  });

  test('a product of matrices in the wrong order, and the numerator of a ratio taken whole', () => {
    const vars = [
      { name: 'A', shape: ['n', 'n'] as const },
      { name: 'B', shape: ['n', 'n'] as const },
    ];
    expect(
      mutants('X*transpose(X)', [{ name: 'X', shape: ['n', 'p'] }])
        .filter((m) => m.kind === 'transposed-product')
        .map((m) => m.expr),
    ).toEqual(['transpose(X)*X']);
    // (AB)ᵀ = BᵀAᵀ written AᵀBᵀ: also what swapping A and B gives, so it is listed once, as the swap.
    expect(
      mutants('transpose(B)*transpose(A)', vars)
        .map((m) => m.expr)
        .filter((e) => e === 'transpose(A)*transpose(B)'),
    ).toHaveLength(1);
    expect(mutants('v = transpose(t)*y/(transpose(t)*t)', []).find((m) => m.kind === 'inverted-ratio')?.expr).toBe(
      'v = (transpose(t)*t)/(transpose(t)*y)',
    );
  });

  test('every slip has words, and a swap names its symbols', () => {
    for (const kind of ['sign', 'factor-2', 'half', 'exponent', 'swap', 'dropped-term', 'transposed-product', 'inverted-ratio'] as const) {
      expect(slipWords({ kind }).length).toBeGreaterThan(5);
    }
    expect(slipWords({ kind: 'swap', detail: 'a and b' })).toBe('a and b swapped');
  });
});

describe('counterexample sentence', () => {
  test('every variable listed, in one sentence', () => {
    const vars = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`x${i}`, i - 4]));
    const text = counterexampleSentence({ values: vars, left: -3, right: '5/2' });
    expect(text).toBe(
      'at x0 = −4, x1 = −3, x2 = −2, x3 = −1, x4 = 0, x5 = 1, x6 = 2, x7 = 3, x8 = 4 your line gives −3, the line before gives 5/2',
    );
    expect(text).not.toContain('…');
    expect(counterexampleSentence({ values: {}, left: '1/9', right: '1/3' })).toBe('your line gives 1/9, the line before gives 1/3');
  });
});

describe('counterexamples respect declared domains', () => {
  // A cold verification cache checks every step and mistake of a page here (least-squares: ~40 s
  // with the cache off on a busy 2-core machine): a ceiling for a stuck run, not an expectation.
  test.each([...derivations.values()].map((d) => [d.slug, d] as const))(
    'every mistake of %s',
    async (_slug, d) => {
      const report = await verifyDerivation(d);
      expect(report.failures).toEqual([]);
      for (const r of report.mistakes) {
        const m = r.mistake;
        if (m.counterexample) {
          const pin = await pinnedRefutation(d, m);
          expect(pin, m.id).not.toHaveProperty('failure');
          expect(r.label, m.id).toMatch(/^refuted: at .+ this line gives .+, the correct step \(\d+\) gives .+$/);
          continue;
        }
        expect(r.result.status, m.id).toBe('refuted');
        if (r.result.status !== 'refuted') continue;
        for (const [name, v] of Object.entries(r.result.counterexample.values)) {
          const x = typeof v === 'number' ? v : Number(/^-?\d+\/\d+$/.test(v) ? eval(v) : v);
          if (!Number.isFinite(x)) continue;
          expect(brokenAssumption(d, name, x), `${d.slug} › ${m.id}: ${name} = ${v}`).toBeUndefined();
        }
      }
    },
    300_000,
  );
});

describe('pinned counterexamples are validated', () => {
  const withPin = (counterexample: Record<string, number>) =>
    defineDerivation({
      slug: newton.slug,
      title: newton.title,
      variables: newton.variables,
      steps: newton.steps,
      mistakes: newton.mistakes.filter((m) => m.id === 'update-sign-flipped').map((m) => ({ ...m, counterexample })),
    });

  test('the pages use a valid pin: every variable, inside its domain, really refuted there', async () => {
    const d = withPin({ xk: 2, fk: 1, dk: 1 });
    expect(await pinnedRefutation(d, d.mistakes[0]!)).toEqual({
      label: 'refuted: at xk = 2, fk = 1, dk = 1 this line gives 3, the correct step (2) gives 1',
      counterexample: { values: { xk: 2, fk: 1, dk: 1 }, left: '3', right: '1' },
    });
  });

  test('a pin outside a declared domain, without every variable, or where the lines agree fails the build', async () => {
    const outside = withPin({ xk: -1, fk: 1, dk: 1 });
    expect(await pinnedRefutation(outside, outside.mistakes[0]!)).toEqual({
      failure: 'puts `xk` = -1 outside its declared domain (positive)',
    });
    const zero = withPin({ xk: 2, fk: 1, dk: 0 });
    expect(await pinnedRefutation(zero, zero.mistakes[0]!)).toEqual({ failure: 'puts `dk` = 0 outside its declared domain (nonzero)' });
    const partial = withPin({ xk: 2, fk: 1 });
    expect(await pinnedRefutation(partial, partial.mistakes[0]!)).toMatchObject({
      failure: expect.stringMatching(/^leaves `dk` without a value/),
    });
    const agree = withPin({ xk: 2, fk: 0, dk: 1 });
    expect(await pinnedRefutation(agree, agree.mistakes[0]!)).toMatchObject({
      failure: expect.stringMatching(/^is not a counterexample: /),
    });
    const report = await verifyDerivation(agree);
    expect(report.failures.join('\n')).toMatch(
      /newton-method › mistake update-sign-flipped: the pinned counterexample is not a counterexample/,
    );
  });
});

describe('intervals the engine cannot say are declared on the derivation', () => {
  test('the pages declare them: decay rates in (0, 1), probabilities at most 1, counts integers', () => {
    const byName = (slug: string, name: string) => derivations.get(slug)!.variables.find((v) => v.name === name)!;
    expect(derivations.get('momentum')!.domains).toMatchObject({ beta: '[0, 1)' });
    expect(derivations.get('adaptive-methods')!.domains).toMatchObject({ b1: '(0, 1)', b2: '(0, 1)' });
    expect(derivations.get('monty-hall')!.domains).toMatchObject({ p: '[0, 1]' });
    expect(derivations.get('bayes-rule')!.domains).toMatchObject({ pA: '(0, 1]', pBgA: '(0, 1]' });
    for (const [slug, name] of [
      ['conjugate-priors', 'n'],
      ['monte-carlo-clt', 'n'],
      ['pca-decorrelation', 'N'],
      ['receptive-field', 'k'],
    ] as const)
      expect(byName(slug, name).assumptions, `${slug} › ${name}`).toEqual(expect.arrayContaining(['positive', 'integer']));
  });

  test('a value outside the interval breaks it; its ends count as written', () => {
    expect(brokenAssumption(momentum, 'beta', 2)).toBe('in [0, 1)');
    expect(brokenAssumption(momentum, 'beta', 1)).toBe('in [0, 1)');
    expect(brokenAssumption(momentum, 'beta', 0.9)).toBeUndefined();
    const hall = derivations.get('monty-hall')!;
    expect(brokenAssumption(hall, 'p', 1)).toBeUndefined();
    expect(brokenAssumption(hall, 'p', 0)).toBeUndefined();
    expect(brokenAssumption(hall, 'p', 1.5)).toBe('in [0, 1]');
  });

  test('a pin outside an interval fails the build', async () => {
    const d = defineDerivation({
      ...momentum,
      mistakes: momentum.mistakes.filter((m) => m.id === 'modulus-beta').map((m) => ({ ...m, counterexample: { beta: 2, t: 0.5 } })),
    });
    expect(await pinnedRefutation(d, d.mistakes[0]!)).toEqual({ failure: 'puts `beta` = 2 outside its declared domain (in [0, 1))' });
  });

  test('misdeclared intervals fail with a hint', () => {
    const make = (domains: Record<string, string>) => () =>
      defineDerivation({ ...momentum, domains: domains as NonNullable<Parameters<typeof defineDerivation>[0]['domains']> });
    expect(make({ gamma: '(0, 1)' })).toThrow(/domains.gamma: `gamma` is not a declared variable/);
    expect(make({ x: '(0, 1)' })).toThrow(/`x` is a matrix or vector/);
    expect(make({ beta: '0 < beta < 1' })).toThrow(/is not an interval like \(0, 1\)/);
    expect(make({ beta: '(1, 0)' })).toThrow(DerivationError);
    // The lower end needs the matching assumption, so that the engine samples inside.
    expect(make({ u: '(0, 1)' })).toThrow(/\(0, 1\) needs `u` declared positive/);
  });
});
