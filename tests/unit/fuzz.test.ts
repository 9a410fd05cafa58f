/**
 * Hostile input (issue 8): 10 000 generated inputs through the engine and the
 * check command. Random expressions, huge exponents, deep nesting, very long
 * lines, control characters, TeX macros that expand without bound, raw
 * strings. Each must end in a verdict with a readable message, never an
 * uncaught error, and never run past its time limit.
 *
 * Bulk runs use `checkSync` with a deadline (the engine's in-worker path);
 * a smaller sample goes through `check()`, whose worker is terminated at the
 * hard limit, and through the CLI's `main` as a function.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { check, checkSync, describeResult, parseLine, shutdown } from '../../src/verify/index';
import type { CheckInput, CheckResult, Relation, VariableDecl } from '../../src/verify/index';
import { main, splitChains } from '../../src/cli/check';

afterAll(() => shutdown());

const SEED = 8_2026;

// ---------------------------------------------------------------------------
// Generators.

const VARS = ['x', 'y', 'a', 'b', 't', 'X', 'theta', 'pi', 'e'];
const FNS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'atan', 'factorial', 'transpose', 'inv', 'det', 'trace', 'identity'];

const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => String(d)),
  fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map(String),
  fc.constantFrom('0', '1e308', '1e-320', '1e999', '0.000000000000000000001', '-0', '.5', '5.', '1e', '0x1F', 'Infinity', 'NaN'),
);

/** Random ASCII expressions, mostly well formed. */
const asciiExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VARS),
    number,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^', ' ', '=', '==', '!', ','), tie('e')).map(([a, op, b]) => `${a}${op}${b}`),
    fc.tuple(fc.constantFrom(...FNS), tie('e')).map(([f, a]) => `${f}(${a})`),
    tie('e').map((a) => `(${a})`),
    tie('e').map((a) => `-${a}`),
    fc.tuple(tie('e'), tie('e'), tie('e'), tie('e')).map(([a, b, c, d]) => `[[${a}, ${b}], [${c}, ${d}]]`),
  ),
})).e;

const hugeExponent = fc.oneof(
  fc
    .tuple(fc.constantFrom('x', '2', '10', '(x+1)', '-1', '0', '0.5', 'e', '[[1,1],[0,1]]'), fc.bigInt({ min: 10n, max: 10n ** 40n }))
    .map(([b, k]) => `${b}^${k}`),
  fc.tuple(fc.constantFrom('x', '9', '10', '2'), fc.integer({ min: 2, max: 12 })).map(([b, n]) => Array(n).fill(b).join('^')),
  fc.bigInt({ min: 10n, max: 10n ** 30n }).map((k) => `x^(10^${k})`),
  fc.integer({ min: 100, max: 10 ** 7 }).map((k) => `factorial(${k})`),
  fc.integer({ min: 100, max: 10 ** 9 }).map((k) => String.raw`\sum_{i=1}^{${k}} i^${k}`),
  fc.integer({ min: 2, max: 6 }).map((n) => `${'e^{'.repeat(n)}x${'}'.repeat(n)}`),
);

const WRAPS: ReadonlyArray<readonly [string, string]> = [
  ['(', ')'],
  ['sin(', ')'],
  ['-(', ')'],
  ['exp(', ')'],
  ['[', ']'],
  ['{', '}'],
  [String.raw`\frac{1}{`, '}'],
  [String.raw`\sqrt{`, '}'],
  ['e^{', '}'],
  [String.raw`\left(`, String.raw`\right)`],
  [String.raw`\begin{pmatrix}`, String.raw`\end{pmatrix}`],
];

const deepNesting = fc
  .tuple(fc.integer({ min: 20, max: 3000 }), fc.constantFrom(...WRAPS), fc.constantFrom('x', '1', 'x+1'), fc.boolean())
  .map(([n, [open, close], core, balanced]) => `${open.repeat(n)}${core}${balanced ? close.repeat(n) : close.repeat(Math.floor(n / 2))}`);

const longLine = fc
  .tuple(fc.integer({ min: 1000, max: 8000 }), fc.constantFrom('x+', '1', '(x)*', String.raw`\alpha `, 'é', '😀', ' ', '\u0000', 'sin(x)+'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n) + 'x');

const CONTROL = [...Array(32).keys()]
  .map((c) => String.fromCharCode(c))
  .concat(['\u007f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u202e', '\u2028', '\ufeff', '\ud800', '\udfff', '\uffff']);

const controlChars = fc
  .array(fc.oneof(fc.constantFrom(...CONTROL), fc.constantFrom('x', '+', '1', '(', ')', '^', '=', String.raw`\frac`, '{', '}', '*')), {
    minLength: 1,
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

const MACRO_BOMBS = [
  String.raw`\def\a{\a\a}\a`,
  String.raw`\def\a{\a}\a`,
  String.raw`\def\a#1{\a{#1#1}}\a{x}`,
  String.raw`\newcommand{\x}{\x\x}\x`,
  String.raw`\newcommand{\x}[1]{\x{#1}{#1}}\x{y}`,
  String.raw`\renewcommand{\frac}{\frac\frac}\frac{1}{2}`,
  String.raw`\let\a\a\a`,
  String.raw`\edef\a{\a\a}\a`,
  String.raw`\gdef\b{\b x}\b`,
  String.raw`\expandafter\a\expandafter\a\a`,
  String.raw`\csname a\endcsname`,
  String.raw`\def\a{\b}\def\b{\a}\a`,
  String.raw`\newcommand{\lol}{\lol\lol\lol\lol}\lol`,
  String.raw`\href{javascript:alert(1)}{x}`,
  String.raw`\url{javascript:alert(1)}`,
  String.raw`\htmlClass{x}{y}\htmlData{onerror=alert(1)}{x}`,
  String.raw`\includegraphics{http://evil/x.png}`,
  String.raw`\input{/etc/passwd}`,
  String.raw`\begin{matrix}`.repeat(40),
];

const TEX_TOKENS = [
  ...MACRO_BOMBS,
  String.raw`\frac`,
  String.raw`\sqrt`,
  String.raw`\sum`,
  String.raw`\prod`,
  String.raw`\int`,
  String.raw`\lim`,
  '^',
  '_',
  '{',
  '}',
  '(',
  ')',
  String.raw`\left(`,
  String.raw`\right)`,
  String.raw`\cdot`,
  String.raw`\times`,
  String.raw`\alpha`,
  String.raw`\theta`,
  String.raw`\mathbf{X}`,
  String.raw`\top`,
  String.raw`\ln`,
  String.raw`\log`,
  String.raw`\exp`,
  String.raw`\sin^2`,
  String.raw`\partial`,
  String.raw`\nabla`,
  '&',
  String.raw`\\`,
  '=',
  '+',
  '-',
  'x',
  'y',
  '1',
  '2',
  String.raw`\begin{pmatrix}`,
  String.raw`\end{pmatrix}`,
  String.raw`\operatorname{tr}`,
  '%',
  '#1',
  '~',
  '$',
  String.raw`\,`,
];

const texMacros = fc.oneof(
  fc.constantFrom(...MACRO_BOMBS),
  fc
    .tuple(
      fc.constantFrom('def', 'gdef', 'edef', 'newcommand', 'renewcommand'),
      fc.stringMatching(/^[a-z]{1,4}$/),
      fc.integer({ min: 1, max: 8 }),
    )
    .map(([kind, name, k]) =>
      kind.endsWith('command')
        ? `\\${kind}{\\${name}}{${`\\${name}`.repeat(k)}}\\${name}`
        : `\\${kind}\\${name}{${`\\${name}`.repeat(k)}}\\${name}`,
    ),
  fc.array(fc.constantFrom(...TEX_TOKENS), { minLength: 1, maxLength: 30 }).map((t) => t.join(' ')),
);

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);

/** One hostile line, tagged with its family for the report. */
const hostileLine = fc.oneof(
  { arbitrary: asciiExpr, weight: 4 },
  { arbitrary: hugeExponent, weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: longLine, weight: 1 },
  { arbitrary: controlChars, weight: 2 },
  { arbitrary: texMacros, weight: 3 },
  { arbitrary: anyText, weight: 2 },
);

const relation: fc.Arbitrary<Relation> = fc.oneof(
  fc.constant<Relation>({ kind: 'equal' }),
  fc.constant<Relation>({ kind: 'equation' }),
  fc.constantFrom('x', 'y', 'X', '').map<Relation>((wrt) => ({ kind: 'derivative', wrt })),
  fc.constantFrom('x', 'y', 'v').map<Relation>((v) => ({ kind: 'solve', for: v })),
  fc
    .tuple(fc.constantFrom('x', 'y', '__proto__', 'constructor'), hostileLine)
    .map<Relation>(([k, v]) => ({ kind: 'substitute', bindings: { [k]: v } })),
  fc.constant<Relation>({ kind: 'matrix' }),
  fc.constant<Relation>({ kind: 'probability' }),
);

const variables: fc.Arbitrary<VariableDecl[]> = fc.oneof(
  fc.constant<VariableDecl[]>([]),
  fc.constant<VariableDecl[]>([{ name: 'x', assumptions: ['positive'] }]),
  fc.constant<VariableDecl[]>([
    { name: 'X', shape: ['n', 'p'] },
    { name: 'y', shape: ['n', 1] },
  ]),
  fc.constant<VariableDecl[]>([{ name: 'S', shape: ['p', 'p'], structure: 'spd' }]),
);

const pair = fc.record({
  prev: fc.oneof({ arbitrary: asciiExpr, weight: 3 }, { arbitrary: hostileLine, weight: 1 }),
  next: hostileLine,
  relation,
  variables,
});

// ---------------------------------------------------------------------------
// What every answer must satisfy.

const STATUSES = ['verified', 'refuted', 'unproven', 'error'];
/** Text that means a crash or a formatting slip leaked into a message. */
const LEAK =
  /(gives|=) NaN\b|\[object |Cannot read prop|is not a function|is not defined|is not iterable|undefined \(reading|Unexpected token/;

function expectClearText(text: unknown, what: string): void {
  expect(typeof text, what).toBe('string');
  const s = text as string;
  expect(s.trim().length, `${what} is empty`).toBeGreaterThan(0);
  expect(s, `${what} leaks an internal error`).not.toMatch(LEAK);
}

function expectWellFormed(r: CheckResult): void {
  expect(STATUSES).toContain(r.status);
  expect(Number.isFinite(r.ms)).toBe(true);
  if (r.status === 'error') expectClearText(r.message, 'error message');
  if (r.status === 'unproven') expectClearText(r.reason, 'unproven reason');
  expectClearText(describeResult(r), 'description');
}

function expectParse(text: string): void {
  const p = parseLine(text);
  if (p.ok) {
    expect(typeof p.ascii).toBe('string');
  } else {
    expectClearText(p.message, 'parse message');
    if (p.position !== undefined) expect(p.position).toBeGreaterThanOrEqual(1);
  }
}

/**
 * Bulk engine limit. The deadline is honoured between steps of the sync core
 * (a single step can run a little past it); `check()` below enforces it hard.
 * The sync bound is on CPU time: the machine may be shared, and wall time
 * then stretches every step alike.
 */
const SYNC_LIMIT_MS = 200;
const SYNC_SLACK_MS = 300;
/** The hard limit of `check()`: the worker is terminated 150 ms past it. */
const HARD_LIMIT_MS = 800;

/** The 10 000 inputs: engine pairs, CLI notepads split into chains, hard-limit checks, whole CLI runs. */
const RUNS = { sync: 7_250, split: 2_500, hard: 150, cli: 100 } as const;

/** Smaller numbers than the defaults so 10 000 inputs fit in a minute; the code paths are the same. */
const FUZZ_OPTIONS = { samples: 12, matrixInstances: 4, symbolicLimitMs: 150 } as const;

// ---------------------------------------------------------------------------

describe('hostile inputs the fuzz test found', () => {
  // Each of these crashed, hung or ran far past its limit before the fix in src/verify.
  it('a singular matrix literal against a scalar is a shape mismatch, not a TypeError', () => {
    const r = checkSync({ prev: 'x', next: 'inv([[0,0],[0,0]])', relation: { kind: 'equal' } });
    expect(r).toMatchObject({ status: 'refuted', counterexample: { left: 'a 2×2 matrix', right: 'a 1×1 matrix' } });
  });

  it('unbalanced or deeply bracketed LaTeX is refused at once with a column', () => {
    for (const text of [
      String.raw`\alpha+${String.raw`\left(`.repeat(28)}x`,
      String.raw`\alpha+${'['.repeat(12)}x${']'.repeat(6)}`,
      String.raw`\alpha+${'['.repeat(16)}x${']'.repeat(16)}`,
    ]) {
      const p = parseLine(text);
      expect(p).toMatchObject({ ok: false, position: expect.any(Number) });
      expectClearText(!p.ok && p.message, 'parse message');
    }
    expect(parseLine(String.raw`\left( \frac{1}{2} \right) x^{2}`).ok).toBe(true);
  });

  it('LaTeX with an operand missing (\\sum, \\ln alone) is a parse error, not a TypeError', () => {
    for (const text of [String.raw`\sum`, String.raw`\frac{1}`, String.raw`\ln`, String.raw`\ln()`]) {
      expect(parseLine(text)).toMatchObject({ ok: false });
      expect(checkSync({ prev: 'x', next: text, relation: { kind: 'equal' } }).status).toBe('error');
    }
  });

  it('trig of an argument past decimal.js precision is inconclusive at that point, and later checks stay fast', () => {
    const r = checkSync({ prev: '-t-e=e', next: 'tan(-e^-a)', relation: { kind: 'equation' } });
    expectWellFormed(r);
    // decimal.js had left its precision at 18 million digits: the next exp() never returned.
    const c0 = process.cpuUsage();
    expectWellFormed(checkSync({ prev: 'exp(905)', next: '1e999', relation: { kind: 'equal' }, options: { timeLimitMs: 500 } }));
    const c = process.cpuUsage(c0);
    expect((c.user + c.system) / 1000).toBeLessThan(1500);
  });

  it('huge numbers and factorials never reach the CAS, so equation checks stop at their limit', () => {
    for (const next of ['factorial(5889603)', '(2/3)^99999', `0.${'1'.repeat(1900)}`]) {
      const c0 = process.cpuUsage();
      const r = checkSync({ prev: 'y', next, relation: { kind: 'equation' }, options: { timeLimitMs: 500 } });
      const c = process.cpuUsage(c0);
      expectWellFormed(r);
      expect((c.user + c.system) / 1000).toBeLessThan(1500);
    }
  });

  it('a counterexample value too large for a double still reads as a number', () => {
    const r = checkSync({ prev: 'x', next: `0.${'1'.repeat(1900)}`, relation: { kind: 'equal' } });
    expect(r.status).toBe('refuted');
    expect(describeResult(r)).toMatch(/the new line gives 0\.11111111,/);
  });
});

describe('sampling and precision limits (issue 14)', () => {
  const never = (prev: string, next: string, variables: VariableDecl[] = []) => {
    const r = checkSync({ prev, next, relation: { kind: 'equal' }, variables, options: { timeLimitMs: 3000 } });
    expectWellFormed(r);
    return r;
  };

  it('a value that underflows or overflows is never read as an exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 400 }), (k) => {
        expect(never('0', `exp(-10^${k}*x^2)`).status).not.toBe('verified');
        expect(never(`exp(10^${k}*x^2)`, `exp(10^${k}*x^2) + 1`).status).not.toBe('verified');
      }),
      { numRuns: 12, seed: SEED + 10 },
    );
  });

  it('a term below the working precision is never verified away', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.constantFrom('x', 'x^2', 'sin(x)', '1', 'y + 1', 'x^2 + 1'), (k, base) => {
        expect(never(base, `${base} + exp(-${k * 100})`).status).not.toBe('verified');
      }),
      { numRuns: 16, seed: SEED + 11 },
    );
  });

  it('a step that fails only past a threshold up to 1e6 (reals and integers, both signs) is refuted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.boolean(), (k, integer, plus) => {
        const v = integer ? 'n' : 'x';
        const vars: VariableDecl[] = integer ? [{ name: 'n', assumptions: ['integer'] }] : [];
        const c = `10^${k}`;
        const r = plus ? never(`abs(${v} + ${c})`, `${v} + ${c}`, vars) : never(`abs(${v} - ${c})`, `${c} - ${v}`, vars);
        expect(r.status).toBe('refuted');
      }),
      { numRuns: 16, seed: SEED + 12 },
    );
  });

  it('an equation step that loses a root is refuted, one that gains a root is ⇒ with a warning', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (a) => {
        const lost = checkSync({ prev: `x^2 = ${a * a}`, next: `x = ${a}`, relation: { kind: 'equation' } });
        expect(lost).toMatchObject({ status: 'refuted', counterexample: { values: { x: -a } } });
        const gained = checkSync({ prev: `x = ${a}`, next: `x^2 = ${a * a}`, relation: { kind: 'equation' } });
        expect(gained).toMatchObject({ status: 'verified', relation: '⇒', warning: { kind: 'extraneous-solution', values: { x: -a } } });
        expect(describeResult(gained)).toMatch(/^⚠/);
      }),
      { numRuns: 10, seed: SEED + 13 },
    );
  });
});

describe('hostile input never crashes the engine or the check command', () => {
  it(`parseLine and checkSync answer ${RUNS.sync} hostile pairs within the deadline, with a clear message`, () => {
    let slowestCpu = 0;
    let slowestWall = 0;
    const statuses: Record<string, number> = {};
    fc.assert(
      fc.property(pair, ({ prev, next, relation: rel, variables: vars }) => {
        expectParse(prev);
        expectParse(next);
        const input: CheckInput = { prev, next, relation: rel, variables: vars, options: { ...FUZZ_OPTIONS, timeLimitMs: SYNC_LIMIT_MS } };
        const t0 = Date.now();
        const c0 = process.cpuUsage();
        const r = checkSync(input, t0 + SYNC_LIMIT_MS);
        const c = process.cpuUsage(c0);
        const cpu = (c.user + c.system) / 1000;
        slowestCpu = Math.max(slowestCpu, cpu);
        slowestWall = Math.max(slowestWall, Date.now() - t0);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        expectWellFormed(r);
        expect(cpu, `checkSync used ${cpu.toFixed(0)} ms of CPU against a ${SYNC_LIMIT_MS} ms deadline`).toBeLessThanOrEqual(
          SYNC_LIMIT_MS + SYNC_SLACK_MS,
        );
      }),
      { numRuns: RUNS.sync, seed: SEED, endOnFailure: true },
    );
    console.log(
      `fuzz: ${RUNS.sync} checkSync pairs; slowest ${slowestCpu.toFixed(0)} ms CPU, ${slowestWall} ms wall (deadline ${SYNC_LIMIT_MS} ms); ${JSON.stringify(statuses)}`,
    );
  }, 180_000);

  it(`the check command splits ${RUNS.split} hostile notepads into numbered chains without losing a line`, () => {
    const notepad = fc.array(
      fc.oneof(
        hostileLine,
        fc.constantFrom('', '# note', 'assume x > 0', 'assume x >', 'assume __proto__ > 0', '\r', 'assume constructor integer'),
      ),
      {
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(notepad, (lines) => {
        const text = lines.join('\n');
        const chains = splitChains(text);
        const total = text.split(/\r?\n/).length;
        for (const c of chains) {
          for (const l of [...c.lines, ...c.assumeErrors]) {
            expect(l.line).toBeGreaterThanOrEqual(1);
            expect(l.line).toBeLessThanOrEqual(total);
            expect(l.text.trim()).toBe(l.text);
          }
          for (const d of c.decls) expect(Array.isArray(d.assumptions)).toBe(true);
        }
      }),
      { numRuns: RUNS.split, seed: SEED + 1 },
    );
  });

  it(`check() stops ${RUNS.hard} hostile checks at the hard time limit`, async () => {
    // Inputs known to run long in the sync core, then generated ones.
    const known: CheckInput[] = [
      { prev: 'x', next: `${'sin('.repeat(150)}x${')'.repeat(150)}`, relation: { kind: 'equation' } },
      { prev: 'x', next: `0.${'1'.repeat(1900)}`, relation: { kind: 'equation' } },
      { prev: '(x+1)^1000000', next: '(x+1)^1000000', relation: { kind: 'equal' } },
      { prev: 'x^(10^1000)', next: 'x^(10^1000)', relation: { kind: 'substitute', bindings: { x: 'y^99999' } } },
      { prev: '--y', next: 'factorial(5889603)', relation: { kind: 'equation' } },
      { prev: 'y', next: '(2/3)^99999', relation: { kind: 'equation' } },
      { prev: 'x', next: String.raw`\alpha+${String.raw`\left(`.repeat(28)}x`, relation: { kind: 'equal' } },
      { prev: 'x', next: 'inv([[0,0],[0,0]])', relation: { kind: 'equal' } },
    ];
    const generated = fc.sample(pair, { numRuns: RUNS.hard - known.length, seed: SEED + 2 }).map((p) => ({ ...p }) as CheckInput);
    const statuses: Record<string, number> = {};
    for (const input of [...known, ...generated]) {
      // Each call returns (a hang would end the test); how long it took is the benchmark's business,
      // since wall time depends on what else the machine runs.
      const r = await check({ ...input, options: { ...FUZZ_OPTIONS, timeLimitMs: HARD_LIMIT_MS } });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      expectWellFormed(r);
    }
    console.log(`fuzz: ${RUNS.hard} check() calls: ${JSON.stringify(statuses)}`);
  }, 120_000);

  it(`the check command (main) answers ${RUNS.cli} hostile notepads with exit 0 or 1 and a message on every line`, async () => {
    const notepad = fc.array(
      fc.oneof(
        { arbitrary: hostileLine, weight: 3 },
        { arbitrary: fc.constantFrom('', '# c', 'assume x > 0', 'assume nonsense'), weight: 1 },
      ),
      {
        minLength: 1,
        maxLength: 4,
      },
    );
    const texts = fc.sample(notepad, { numRuns: RUNS.cli, seed: SEED + 3 }).map((l) => l.join('\n'));
    const statuses: Record<string, number> = {};
    for (const text of texts) {
      let out = '';
      let err = '';
      const code = await main(['--json', '-'], { stdin: Readable.from([text]), stdout: (s) => (out += s), stderr: (s) => (err += s) });
      expect([0, 1]).toContain(code);
      const report = JSON.parse(out) as { chains: { lines: { status: string; message: string; line: number }[] }[] };
      // Only a notepad with nothing to check says something on stderr (and exits 1).
      if (report.chains.length === 0) {
        expect(code).toBe(1);
        expect(err).toMatch(/nothing to check/);
      } else expect(err).toBe('');
      for (const c of report.chains) {
        for (const l of c.lines) {
          expect([...STATUSES, 'given']).toContain(l.status);
          statuses[l.status] = (statuses[l.status] ?? 0) + 1;
          expectClearText(l.message, `CLI message for line ${l.line}`);
        }
      }
    }
    console.log(`fuzz: ${RUNS.cli} notepads through the CLI, lines: ${JSON.stringify(statuses)}`);
  }, 180_000);
});
