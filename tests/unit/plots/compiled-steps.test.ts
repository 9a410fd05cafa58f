/**
 * Steps compiled to JavaScript (src/derivations/compile-js.ts) against mathjs
 * evaluating the same text: for every expression of every derivation, on
 * seeded random scopes, both give the same number or matrix, or both fail.
 * The build ships the compiled functions to plots in place of mathjs, so this
 * is what keeps them honest.
 */
import { describe, expect, it } from 'vitest';
import { all, create, type MathNode } from 'mathjs';
import { derivations } from '../../../src/derivations/index';
import { compileDerivation, derivationSources, expressionToJs, tablesModule } from '../../../src/derivations/compile-js';
import { Mat, splitEquation, type Scope, type Value } from '../../../src/derivations/js-runtime';
import { createRng } from '../../../src/verify/random';

const math = create(all!, { predictable: true });
const FUNCTIONS = new Set(['sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'abs', 'transpose', 'inv', 'det', 'identity', 'trace']);

/** Each expression's text by key, as compile-js splits it. */
function texts(slug: string): Map<string, string> {
  const d = derivations.get(slug)!;
  const out = new Map<string, string>();
  for (const s of d.steps) {
    const eq = splitEquation(s.expr);
    if (eq) {
      out.set(`${s.id}|lhs`, eq.lhs);
      out.set(`${s.id}|rhs`, eq.rhs);
    } else out.set(`${s.id}|expr`, s.expr);
    if (s.justification.kind === 'substitute')
      for (const [n, t] of Object.entries(s.justification.bindings)) out.set(`${s.id}|binding|${n}`, t);
  }
  return out;
}

const symbols = (text: string) =>
  [
    ...new Set(
      math
        .parse(text)
        .filter((n: MathNode) => n.type === 'SymbolNode')
        .map((n) => (n as MathNode & { name: string }).name),
    ),
  ].filter((n) => !FUNCTIONS.has(n) && n !== 'pi' && n !== 'e');

type Outcome = { ok: true; value: number[][] } | { ok: false };
const asRows = (v: unknown): number[][] => {
  if (typeof v === 'number') return [[v]];
  if (v instanceof Mat) return v.toArray();
  const a = (v as { toArray(): unknown }).toArray() as number[] | number[][];
  return Array.isArray(a[0]) ? (a as number[][]) : (a as number[]).map((x) => [x]);
};
function run(f: () => unknown): Outcome {
  try {
    return { ok: true, value: asRows(f()) };
  } catch {
    return { ok: false };
  }
}
const close = (a: number, b: number) =>
  (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('steps compiled to JavaScript', () => {
  it('compiles every expression but the ones it names, and says why', () => {
    const unsupported = [...derivations.values()].flatMap((d) =>
      Object.values(derivationSources(d)).flatMap((s) => ('unsupported' in s ? [s.unsupported] : [])),
    );
    // `trace` appears once (pca-decorrelation), in a step no plot evaluates.
    expect(unsupported).toEqual([expect.stringMatching(/^function trace in ".*" is not compiled to JavaScript$/)]);
    expect(expressionToJs('a b + c')).toEqual({ js: '(s)=>R.add(R.mul(R.v(s,"a"),R.v(s,"b")),R.v(s,"c"))' });
  });

  for (const slug of derivations.keys()) {
    it(`agrees with mathjs on every expression of ${slug}, scalars and matrices alike`, () => {
      const table = compileDerivation(derivations.get(slug)!);
      const random = createRng(7);
      let compared = 0;
      for (const [key, text] of texts(slug)) {
        const f = table[key]!;
        if (typeof f !== 'function') continue; // named by the test above
        const names = symbols(text);
        for (let trial = 0; trial < 3; trial++) {
          // Numbers in (0.5, 2.5); where mathjs rejects a scalar for some name (a matrix variable), 2 x 2 matrices.
          const scalar: Record<string, Value> = Object.fromEntries(names.map((n) => [n, 0.5 + 2 * random()]));
          let scope: Scope = scalar;
          if (!run(() => math.evaluate(text, { ...scalar })).ok) {
            scope = Object.fromEntries(
              names.map((n) => [
                n,
                new Mat([
                  [1.5 + random(), random() - 0.5],
                  [random() - 0.5, 1.5 + random()],
                ]),
              ]),
            );
          }
          const mathScope = Object.fromEntries(Object.entries(scope).map(([n, v]) => [n, v instanceof Mat ? math.matrix(v.toArray()) : v]));
          const want = run(() => math.evaluate(text, mathScope));
          const got = run(() => f(scope));
          expect(got.ok, `${slug} ${key}: ${text}`).toBe(want.ok);
          if (want.ok && got.ok) {
            compared++;
            expect(got.value.length, `${slug} ${key}`).toBe(want.value.length);
            want.value.forEach((row, i) =>
              row.forEach((x, j) =>
                expect(close(got.value[i]![j]!, x), `${slug} ${key} [${i}][${j}]: ${got.value[i]![j]} vs ${x}`).toBe(true),
              ),
            );
          }
        }
      }
      expect(compared, `expressions of ${slug} compared with a value`).toBeGreaterThan(0);
    });
  }

  it('ships the same source it runs in Node', () => {
    const source = tablesModule([derivations.get('bayes-rule')!], '/runtime.ts');
    expect(source).toMatch(/^import \{ R \} from "\/runtime\.ts";\nexport default \{"bayes-rule":\{/);
    for (const src of Object.values(derivationSources(derivations.get('bayes-rule')!))) if ('js' in src) expect(source).toContain(src.js);
  });
});
