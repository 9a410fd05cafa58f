/**
 * The CAS adapter: the only module that touches nerdamer. It hides
 * nerdamer's global state (stored expressions, variables, the timeout
 * setting) behind three calls, and never answers "equal" by itself: the
 * engine only asks it to confirm a zero after numeric agreement, and to
 * propose roots that the engine then checks against the equation as written.
 *
 * We use nerdamer-prime (the maintained fork): on our case table it proved
 * more identities than nerdamer 1.1.13 and never ran past its own time
 * limit (numbers in src/verify/README.md; `npm run bench` re-measures).
 */
import nerdamerPrime from 'nerdamer-prime';

export type ZeroVerdict = 'zero' | 'nonzero' | 'timeout' | 'failed';

/** What the engine needs from a CAS. Tests and the bench can hand in another one. */
export interface Cas {
  readonly name: string;
  /** Is the expression identically zero? Never a proof of "nonzero". */
  isZero(expr: string, timeoutMs: number): ZeroVerdict;
  /** Candidate roots of `expr = 0` in `v` (to be checked by the caller), or undefined. */
  solve(expr: string, v: string, timeoutMs: number): string[] | undefined;
  /** Raw `simplify(a - b)` is 0: the naive method the bench compares against. */
  rawSimplifyZero(a: string, b: string, timeoutMs: number): boolean;
}

/** Digit runs at least this long are not handed to nerdamer (see `text` below); the numeric evidence stands. */
const LONG_DIGITS = /\d{200}/;

type NerdamerLike = {
  (expr: string): { toString(): string };
  set(setting: string, value: unknown): unknown;
  flush(): unknown;
  clearVars(): unknown;
  solve?(expr: string, v: string): { toString(): string };
};

/** Wrap a nerdamer build (nerdamer-prime or nerdamer 1.1.13 with add-ons). */
export function createNerdamerCas(name: string, n: NerdamerLike): Cas {
  selfTest(name, n);
  const run = <T>(timeoutMs: number, f: () => T): T | 'timeout' | 'failed' => {
    try {
      n.set('TIMEOUT', Math.max(1, Math.floor(timeoutMs)));
    } catch {
      // nerdamer 1.1.13 has no TIMEOUT setting; the worker's hard limit covers it.
    }
    try {
      return f();
    } catch (e) {
      return /timeout/i.test((e as Error)?.message ?? '') ? 'timeout' : 'failed';
    } finally {
      n.flush();
      n.clearVars();
    }
  };
  const text = (s: string) => {
    // nerdamer's number-reading RegExp backtracks quadratically on long digit runs (1,900 digits: seconds per call, past TIMEOUT).
    if (LONG_DIGITS.test(s)) throw new Error('a number too long for the CAS parser');
    return n(s).toString();
  };
  return {
    name,
    isZero(expr, timeoutMs) {
      const start = Date.now();
      const r = run(timeoutMs, () => {
        if (text(`expand(${expr})`) === '0') return 'zero' as const;
        const left = timeoutMs - (Date.now() - start);
        if (left <= 0) return 'timeout' as const;
        return text(`simplify(${expr})`) === '0' ? ('zero' as const) : ('nonzero' as const);
      });
      return r;
    },
    solve(expr, v, timeoutMs) {
      const r = run(timeoutMs, () => {
        const out = text(`solve(${expr}, ${v})`);
        const m = /^\[(.*)\]$/s.exec(out.trim());
        if (!m) return undefined;
        return splitTopLevel(m[1]!).filter((s) => s.length > 0);
      });
      return r === 'timeout' || r === 'failed' ? undefined : r;
    },
    rawSimplifyZero(a, b, timeoutMs) {
      const r = run(timeoutMs, () => text(`simplify((${a})-(${b}))`) === '0');
      return r === true;
    },
  };
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** ENGINES.md: a core-only build silently differentiates wrong. Refuse to run on one. */
function selfTest(name: string, n: NerdamerLike): void {
  const d = n('diff(x^2,x)').toString();
  const s = n('solve(x^2-4,x)').toString();
  n.flush();
  if (d !== '2*x' || !/2/.test(s)) {
    throw new Error(`CAS self-test failed for ${name}: diff(x^2,x) gave ${d}, solve gave ${s}; import the full build`);
  }
}

let cached: Cas | undefined;

/** The engine's CAS: nerdamer-prime, loaded once per thread. */
export function defaultCas(): Cas {
  return (cached ??= createNerdamerCas('nerdamer-prime', nerdamerPrime as unknown as NerdamerLike));
}
