/**
 * The practice Web Worker: runs the engine's pure sync core off the main
 * thread. It is created on first use (or when practice starts), so the engine
 * is only downloaded when a reader starts practising or opens the scratchpad.
 *
 * It starts without the CAS (nerdamer-prime, ~170 KB gzipped, a separate
 * script: cas-script.ts) and without compute-engine (the LaTeX reader's
 * parser, ~145 KB, latex-script.ts, loaded for the first LaTeX line: a request
 * that needs it is answered `needs` and sent again once it has loaded). A `first` check runs the whole engine with a
 * stand-in CAS that knows nothing: numeric evidence, exact arithmetic and our
 * own normal form decide most lines on their own, and then the verdict is
 * exactly the one the full engine gives (the CAS was never asked). When the
 * engine asked the CAS to upgrade a numeric agreement to a proof, the numeric
 * verdict goes out marked not final and the page asks again at stage `full`
 * once the CAS has loaded. When it needed the CAS for evidence (roots of an
 * equation), nothing goes out but `needs`.
 */
import { type LatexEngine, createLatexReader } from '../../src/verify/cas/latex';
import { parseAsciiNode } from '../../src/verify/cas/mathjs';
import type { Cas } from '../../src/verify/cas/nerdamer';
import { checkSync } from '../../src/verify/core';
import { describeResult } from '../../src/verify/describe';
import { clearEvaluationCache } from '../../src/verify/numeric';
import { parseLine } from '../../src/verify/parse';
import { readDefinition } from '../../src/verify/definitions';
import type { CheckInput, CheckResult } from '../../src/verify/types';
import { warmUp, warmUpChecks } from '../../src/verify/warm-up';
import casScriptUrl from './cas-script?worker&url';
import latexScriptUrl from './latex-script?worker&url';
import {
  CAS_GLOBAL,
  LATEX_GLOBAL,
  type Module,
  type ModuleGlobals,
  type Preview,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';

const post = (m: WorkerResponse) => (self as unknown as { postMessage(m: WorkerResponse): void }).postMessage(m);
const globals = self as unknown as ModuleGlobals;

/** Thrown where the engine needs a module that has not loaded (the stand-in CAS's evidence, a LaTeX line). */
class NotLoaded extends Error {
  constructor(readonly module: Module) {
    super(`${module} not loaded`);
  }
}

let latexEngine: (() => LatexEngine) | undefined;
/** The engine's LaTeX reader, over compute-engine once latex-script.ts has loaded. */
const readLatex = createLatexReader(() => {
  if (!latexEngine) throw new NotLoaded('latex');
  return latexEngine();
});

/**
 * The CAS before nerdamer has loaded. `isZero` answers 'failed', which the
 * engine reads as "no proof": the numeric evidence stands, as when nerdamer
 * gives up. `solve` would be evidence, so the check stops and waits for the
 * real CAS instead of deciding without it.
 */
function standInCas(): Cas & { asked: boolean } {
  const cas = {
    name: 'nerdamer-prime (not loaded yet)',
    asked: false,
    isZero: () => {
      cas.asked = true;
      return 'failed' as const;
    },
    solve: (): never => {
      throw new NotLoaded('cas');
    },
    rawSimplifyZero: (): never => {
      throw new NotLoaded('cas');
    },
  };
  return cas;
}

let cas: Cas | undefined;

/**
 * nerdamer's first calls cost ~10× the later ones (JIT, lazily built tables):
 * a first proof would overrun its 40 ms budget (symbolicLimitMs) and fall back
 * to numeric evidence. One identity of each common kind, one per task, so a
 * line typed meanwhile is checked between them. As the node worker does
 * (src/verify/worker-entry.ts); nerdamer keeps nothing between calls (the
 * adapter flushes it), so no later answer comes from here.
 */
const CAS_WARM_UP = ['(v0+1)^2-(v0^2+2*v0+1)', 'sin(v0)^2+cos(v0)^2-1', 'exp(v0)*exp(v1)-exp(v0+v1)', 'log(v0*v1)-log(v0)-log(v1)'];

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function setUpCas(): Promise<void> {
  const make = globals[CAS_GLOBAL];
  if (!make) throw new Error('the CAS script did not register');
  await nextTask();
  const loaded = make(); // runs nerdamer's self-test
  for (const expr of CAS_WARM_UP) {
    await nextTask();
    loaded.isZero(expr, 1000);
  }
  cas = loaded;
}

async function setUpLatex(): Promise<void> {
  const make = globals[LATEX_GLOBAL];
  if (!make) throw new Error('the LaTeX script did not register');
  latexEngine = make;
  await nextTask();
  readLatex(String.raw`\frac{x}{2}`); // creates the engine (~40 ms) before a line waits for it
}

const SCRIPTS: Record<Module, { url: string; setUp: () => Promise<void> }> = {
  cas: { url: casScriptUrl, setUp: setUpCas },
  latex: { url: latexScriptUrl, setUp: setUpLatex },
};
const loading = new Set<Module>();

function load(module: Module): void {
  if (loading.has(module)) return;
  loading.add(module);
  const { url, setUp } = SCRIPTS[module];
  import(/* @vite-ignore */ url)
    .then(setUp)
    .then(() => post({ id: 0, kind: 'loaded', module }))
    .catch((err: unknown) => post({ id: 0, kind: 'load-failed', module, message: err instanceof Error ? err.message : String(err) }));
}

function answer(id: number, result: CheckResult, final: boolean): void {
  post({ id, kind: 'check', result, text: describeResult(result), final });
}

/**
 * Points of the first pass. A numeric agreement at 10 random points is shown at
 * once ("checked at 10 random points"); the full run at the engine's 40 (and
 * nerdamer) replaces it, reusing those 10 points' cached values. An 80-digit sin
 * or cos costs 0.6–1.5 ms here, so a new trigonometric line took 50–70 ms at 40
 * points and still about 60 at 20 (in Chromium), over the 50 ms budget.
 */
const FIRST_PASS_SAMPLES = 10;

/**
 * A fresh worker's first check paid for the JIT and for lazily built tables:
 * ~500 ms for a refutation on a phone profile (4× CPU), against 15–60 ms once
 * warm, and it was the one a candidate waited for after opening practice. So
 * the check worker runs small checks of the kinds practice sends while it
 * waits for the first line (an identity, a refutation with its counterexample
 * search, a derivative, a vector line; at the first pass's point count, with
 * the stand-in CAS, as a first check runs), one per task so that a line typed
 * meanwhile is checked between them. Then the 80-digit sin, exp and log (the
 * first line with one took ~1.5× the later ones). All at other points than
 * real checks (another seed); afterwards the cache of values they computed is
 * emptied, so that no verdict is ever read from this.
 */
const scalars = [
  { name: 'x', assumptions: ['positive'] },
  { name: 'y', assumptions: ['positive'] },
] as const satisfies CheckInput['variables'];
const WARM_UP_OPTIONS = { samples: FIRST_PASS_SAMPLES, seed: 1, symbolicLimitMs: 0 };
const WARM_UP: CheckInput[] = [
  ...warmUpChecks(
    [
      ['(x + 1)^2', 'x^2 + 2*x + 1'],
      ['(x + 1)^2', 'x^2 + 1'],
    ],
    scalars,
    WARM_UP_OPTIONS,
  ),
  { prev: '(y - v*x)^2', next: '-2*x*(y - v*x)', relation: { kind: 'derivative', wrt: 'v' }, variables: scalars, options: WARM_UP_OPTIONS },
  {
    prev: 'transpose(b - v*a)*(b - v*a)',
    next: '-2*transpose(a)*(b - v*a)',
    relation: { kind: 'derivative', wrt: 'v' },
    variables: [
      { name: 'a', shape: ['n', 1] },
      { name: 'b', shape: ['n', 1] },
      { name: 'v', assumptions: ['real'] },
    ],
    options: WARM_UP_OPTIONS,
  },
  ...warmUpChecks(
    [
      ['sin(x)^2 + cos(x)^2', '1'],
      ['exp(x + y)', 'exp(x)*exp(y)'],
      ['log(x*y)', 'log(x) + log(y)'],
      ['sqrt(x)*tan(y)', 'sqrt(x)*sin(y)/cos(y)'],
      ['atan(x) + x^3/(x - 2)', 'atan(x) + x^3/(x - 2)'],
    ],
    scalars,
    { samples: 6, seed: 1, symbolicLimitMs: 0 },
  ),
];

let warmedUp = false;

function warmUpChecker(): void {
  if (warmedUp) return;
  warmedUp = true;
  warmUp(
    WARM_UP,
    () => ({ cas: standInCas(), readLatex }),
    (f) => setTimeout(f, 0),
    { onDone: clearEvaluationCache },
  );
}

/** The preview worker's first line: mathjs's parser and TeX printer, warm before a line needs them. */
function warmUpPreview(): void {
  setTimeout(() => {
    try {
      preview('-2*transpose(a)*(b - v*a)/(2*x^2 + sqrt(y))');
    } catch {
      // Best effort: a real preview reports its own errors.
    }
  }, 0);
}

function check(id: number, input: CheckInput, deadline: number, stage: 'first' | 'full'): void {
  if (stage === 'full') {
    if (!cas) throw new Error('a full check was sent before the CAS was ready');
    answer(id, checkSync(input, deadline, { cas, readLatex }), true);
    return;
  }
  let standIn = standInCas();
  let result = checkSync(firstPass(input), deadline, { cas: standIn, readLatex });
  // Fewer points can leave a line unproven that the full count decides: decide it now, as before.
  if (result.status === 'unproven') result = checkSync(input, deadline, { cas: (standIn = standInCas()), readLatex });
  // Refuted or an error: the CAS cannot change that (it never refutes, and only ever upgrades a
  // verified method), and a counterexample at any point is one. Verified from the first pass: shown
  // at once, and the full run (every point, and the CAS) follows. Verified without asking the CAS
  // at full count: the same as the full run.
  const full = !input.options?.samples && result.status === 'verified' && result.method === 'numeric';
  answer(id, result, !(result.status === 'verified' && (standIn.asked || full)));
}

function firstPass(input: CheckInput): CheckInput {
  if (input.options?.samples) return input; // the derivation chose its count: keep it
  return { ...input, options: { ...input.options, samples: FIRST_PASS_SAMPLES } };
}

// --- preview ------------------------------------------------------------------

interface TexNode {
  type: string;
  name?: string;
  fn?: { name?: string };
  args?: TexNode[];
  toTex(options: object): string;
}

/**
 * Two fixes to mathjs's TeX for the preview: a variable that happens to be a
 * unit name (`t` is tonnes) is italic like any variable, and `transpose(X)`
 * prints as X^T without parentheses around a single symbol.
 */
function texHandler(node: TexNode, options: object): string | undefined {
  if (node.type === 'SymbolNode' && node.name && /^[A-Za-z]$/.test(node.name)) return ` ${node.name}`;
  if (node.type === 'FunctionNode' && node.fn?.name === 'transpose' && node.args?.length === 1) {
    const arg = node.args[0]!;
    const inner = arg.toTex(options);
    return arg.type === 'SymbolNode' ? ` {${inner}}^{\\top}` : ` \\left(${inner}\\right)^{\\top}`;
  }
  return undefined;
}

/**
 * ASCII line → TeX for the preview: mathjs prints what the engine parsed, with
 * the engine's own mathjs instance (numbers as it reads them; mathjs's default
 * instance would cost ~0.4 s more to start).
 */
function asciiTex(ascii: string): string {
  return ascii
    .split('=')
    .map((side) => parseAsciiNode(side).toTex({ parenthesis: 'auto', implicit: 'hide', handler: texHandler }))
    .join(' = ');
}

/**
 * The notepad's own lines (src/verify/definitions.ts): a definition `L(w) = …` is previewed as
 * typed once its right side reads; a continuation `= …` is previewed with its `=`; other lines
 * may use the functions defined above them.
 */
function preview(text: string, definitions: readonly string[] = []): Preview {
  const def = readDefinition(text);
  const defs = definitions.map(readDefinition).filter((d) => d !== undefined);
  if (def || /^\s*=(?!=)/.test(text)) {
    const rest = def ? def.body : text.replace(/^\s*=/, '');
    const inner = preview(rest, definitions);
    if (!inner.ok) return inner;
    const head = def ? `${def.name}(${def.params.join(', ')})` : '';
    return { ...inner, tex: inner.latex ? text : `${head} = ${inner.tex}`, equation: false };
  }
  const p = parseLine(text, readLatex, undefined, defs.length ? { definitions: defs } : {});
  if (!p.ok) return p.position === undefined ? { ok: false, message: p.message } : { ok: false, message: p.message, position: p.position };
  const equation = p.line.kind === 'equation';
  if (p.latex) return { ok: true, tex: text, latex: true, equation, ascii: p.ascii };
  let tex: string;
  try {
    tex = asciiTex(text);
  } catch {
    tex = asciiTex(p.ascii);
  }
  return { ok: true, tex, latex: false, equation, ascii: p.ascii };
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  try {
    if (req.kind === 'load') load(req.module);
    else if (req.kind === 'check') {
      post({ id: req.id, kind: 'started' });
      check(req.id, req.input, Date.now() + req.limitMs, req.stage);
    } else {
      post({ id: req.id, kind: 'started' });
      post({ id: req.id, kind: 'preview', preview: preview(req.text, req.definitions) });
    }
  } catch (err) {
    if (err instanceof NotLoaded) post({ id: req.id, kind: 'needs', module: err.module });
    else post({ id: req.id, kind: 'crash', message: err instanceof Error ? err.message : String(err) });
  }
};

post({ id: 0, kind: 'ready' });
// Each lane's worker warms up for its own work (engine-client.ts names it by its role).
if ((self as unknown as { name?: string }).name === 'derivable-preview') warmUpPreview();
else warmUpChecker();
