/**
 * The derivation model: a derivation is data. Its page, plots, practice
 * checker, presenter and tests all read the module made by
 * `defineDerivation`; a step's math is written here and nowhere else.
 */
import type { Relation, VariableDecl, VerifyOptions } from '../verify/types';

/** How a step follows from the step(s) it cites, or that it is a starting line. */
export type Justification =
  | Relation
  /** A starting line that defines something (the loss, the model). Not checked. */
  | { kind: 'definition' }
  /** A starting line the problem gives us (the noise model, the prior). Not checked. */
  | { kind: 'assumption' };

export type JustificationKind = Justification['kind'];

export interface StepSpec {
  /** Stable kebab-case id: used in MDX (`<Step id>`), URLs, tests and the DOM. */
  id: string;
  /** The math as the engine reads it (ASCII, mathjs syntax). */
  expr: string;
  /** The math as readers see it (TeX, rendered at build time). */
  tex: string;
  /** How this step follows from the one(s) it cites. */
  justification: Justification;
  /** The move in words, e.g. "Expand the square" (hint ladder, presenter). */
  move: string;
  /** Ids of earlier steps this one follows from; by default the previous step. */
  from?: string | readonly string[];
  /**
   * The only exemption: a written reason this step is not machine-checked.
   * Rendered on the page as "not machine-checked: <reason>".
   */
  unchecked?: string;
  /** Per-step overrides of the engine defaults. */
  options?: Partial<VerifyOptions>;
  /**
   * Expressions this step assumes nonzero (`['a - c']` for a ≠ c), passed to the engine as
   * `conditions`. The reader must see them: write them in the step's `tex`.
   */
  conditions?: readonly string[];
  /** Names for the TeX gate, as the derivation's `notation`: added to it, and overriding it, for this step only. */
  notation?: Readonly<Record<string, string>>;
  /** Private notes for an interviewer presenting this step. */
  notes?: string;
}

/** A tempting wrong step. The build fails unless the engine refutes it. */
export interface MistakeSpec {
  id: string;
  /** The step the mistake is taken from (it is checked against this one). */
  from: string;
  expr: string;
  tex: string;
  /** Relation the candidate believes holds; by default the relation of the correct next step. */
  relation?: Relation;
  /** Why it is wrong, in a sentence or two. */
  explanation: string;
  /**
   * A counterexample a person would choose (small round values inside the
   * declared domains), shown in the page's refutation box instead of the
   * engine's random one. Every scalar variable of the wrong line and of the
   * correct step after `from` is given a value. Validated at build: the values
   * respect the declared assumptions, and the engine refutes the mistake at
   * exactly this point (the wrong line against the correct step).
   */
  counterexample?: Readonly<Record<string, number>>;
}

/**
 * A live plot from the page, shown by the presenter as a slide of its own
 * right after a step (after any earlier slide for the same step).
 */
export interface SlideSpec {
  /** Id of the step the slide follows. */
  after: string;
  /**
   * A key of PLOTS in src/plots/registry.ts. Checked against the registry by
   * the presenter build (src/site/presenter-data.ts), not here: the plot
   * builders import the derivation modules, so this file cannot import them.
   */
  plot: string;
}

/** What an interviewer listens for. */
export interface Rubric {
  strong: readonly string[];
  mistakes: readonly string[];
  redFlags: readonly string[];
}

export interface DerivationSpec {
  /** One slug names a derivation everywhere: page, module, plot, test. */
  slug: string;
  title: string;
  variables: readonly VariableDecl[];
  steps: readonly StepSpec[];
  mistakes?: readonly MistakeSpec[];
  rubric?: Rubric;
  followUps?: readonly string[];
  /** Plots the presenter shows as slides; place them where the page places its <Plot>s. */
  slides?: readonly SlideSpec[];
  /** Derivation-wide overrides of the engine defaults. */
  options?: Partial<VerifyOptions>;
  /**
   * Names the display uses for what the checked expression writes otherwise, for the gate that
   * proves a step's TeX says what its `expr` says (./tex-gate.ts): `{ lambda_Min: 'm', x_star:
   * 'inv(A)*b' }` declares that where the page shows $\lambda_{\min}$ the check has `m`. Keys are
   * names as the engine's LaTeX reader spells them (`\lambda_{\min}` is `lambda_Min`, `x^\star`
   * is `x_star`, `\hat\beta` is `beta_hat`). For every step; a step can add to it or override it.
   */
  notation?: Readonly<Record<string, string>>;
  /**
   * Intervals the engine's assumptions cannot say, for declared scalars: a
   * probability in `[0, 1]`, a decay rate β in `(0, 1)`. Counterexamples shown
   * for this derivation's mistakes (pinned, or the engine's) must lie inside;
   * a pin outside fails the build. The variable still declares the assumption
   * the interval's lower end needs (`positive` for `(0, …`, `nonnegative` or
   * `positive` for `[0, …`), so that the engine samples on that side.
   */
  domains?: Readonly<Record<string, Interval>>;
}

/** An interval in the usual notation, ends included with `[` `]`, excluded with `(` `)`. */
export type Interval = `${'(' | '['}${number}, ${number}${')' | ']'}`;

export interface Bounds {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

/** `(0, 1]` → its ends; undefined when it does not read as an interval. */
export function parseInterval(text: string): Bounds | undefined {
  const m = /^([([])\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*([)\]])$/.exec(text);
  if (!m) return undefined;
  const b = { lo: Number(m[2]), loOpen: m[1] === '(', hi: Number(m[3]), hiOpen: m[4] === ')' };
  return b.lo < b.hi ? b : undefined;
}

/** Whether `x` lies in the interval. */
export function inInterval(b: Bounds, x: number): boolean {
  return (b.loOpen ? x > b.lo : x >= b.lo) && (b.hiOpen ? x < b.hi : x <= b.hi);
}

export interface Step extends StepSpec {
  /** 1-based equation number. */
  number: number;
  /** Resolved citations (ids); empty for starting lines. */
  cites: readonly string[];
}

export interface Derivation extends Omit<DerivationSpec, 'steps'> {
  steps: readonly Step[];
  mistakes: readonly MistakeSpec[];
  slides: readonly SlideSpec[];
  step(id: string): Step;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class DerivationError extends Error {
  override name = 'DerivationError';
}

const isStart = (j: Justification) => j.kind === 'definition' || j.kind === 'assumption';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkNotation(notation: Readonly<Record<string, string>> | undefined, at: string): void {
  for (const [name, value] of Object.entries(notation ?? {})) {
    if (!NAME.test(name)) throw new DerivationError(`${at}: notation key \`${name}\` is not a name as the LaTeX reader spells one`);
    if (!value.trim()) throw new DerivationError(`${at}: notation \`${name}\` maps to nothing`);
  }
}

/** Validate a derivation and resolve its citations. Misuse throws with a hint. */
export function defineDerivation(spec: DerivationSpec): Derivation {
  const where = `derivation \`${spec.slug}\``;
  if (!KEBAB.test(spec.slug)) throw new DerivationError(`${where}: slug must be kebab-case`);
  if (spec.steps.length === 0) throw new DerivationError(`${where}: has no steps`);
  checkNotation(spec.notation, where);
  const seen = new Map<string, number>();
  const steps: Step[] = spec.steps.map((s, i) => {
    const at = `${where}, step \`${s.id}\``;
    if (!KEBAB.test(s.id)) throw new DerivationError(`${at}: id must be kebab-case`);
    if (seen.has(s.id)) throw new DerivationError(`${at}: duplicate id`);
    if (!s.expr.trim()) throw new DerivationError(`${at}: empty expr`);
    if (!s.tex.trim()) throw new DerivationError(`${at}: empty tex`);
    checkNotation(s.notation, at);
    let cites: string[];
    if (isStart(s.justification)) {
      cites = s.from === undefined ? [] : [s.from].flat();
    } else if (s.from === undefined) {
      const prev = spec.steps[i - 1];
      if (!prev) throw new DerivationError(`${at}: the first step must be a definition or assumption`);
      cites = [prev.id];
    } else {
      cites = [s.from].flat();
      // The engine checks a line against one earlier line; a step that needs
      // two facts should state the combination as its own step first.
      if (cites.length !== 1) throw new DerivationError(`${at}: a checked step cites exactly one earlier step, not ${cites.length}`);
    }
    for (const c of cites) {
      if (!seen.has(c)) {
        const known = [...seen.keys()].join(', ') || '(none)';
        throw new DerivationError(`${at}: cites \`${c}\`, which is not an earlier step; earlier ids: ${known}`);
      }
    }
    seen.set(s.id, i);
    return { ...s, number: i + 1, cites };
  });
  const mistakes = spec.mistakes ?? [];
  const mistakeIds = new Set<string>();
  for (const m of mistakes) {
    const at = `${where}, mistake \`${m.id}\``;
    if (!KEBAB.test(m.id)) throw new DerivationError(`${at}: id must be kebab-case`);
    if (mistakeIds.has(m.id) || seen.has(m.id)) throw new DerivationError(`${at}: duplicate id`);
    mistakeIds.add(m.id);
    if (!seen.has(m.from)) {
      throw new DerivationError(`${at}: cites unknown step \`${m.from}\`; known ids: ${[...seen.keys()].join(', ')}`);
    }
  }
  const slides = spec.slides ?? [];
  const slidePlots = new Set<string>();
  for (const [i, sl] of slides.entries()) {
    const at = `${where}, slides[${i}]`;
    if (!seen.has(sl.after)) {
      throw new DerivationError(`${at}: \`after\` names unknown step \`${sl.after}\`; known ids: ${[...seen.keys()].join(', ')}`);
    }
    if (!KEBAB.test(sl.plot)) throw new DerivationError(`${at}: plot name \`${sl.plot}\` must be kebab-case`);
    // The plot name is the slide's address in the presenter's URL hash, so it must be unique.
    if (slidePlots.has(sl.plot)) throw new DerivationError(`${at}: plot \`${sl.plot}\` is already a slide`);
    slidePlots.add(sl.plot);
  }
  for (const [name, interval] of Object.entries(spec.domains ?? {})) {
    const at = `${where}, domains.${name}`;
    const decl = spec.variables.find((v) => v.name === name);
    if (!decl)
      throw new DerivationError(`${at}: \`${name}\` is not a declared variable; declared: ${spec.variables.map((v) => v.name).join(', ')}`);
    if (decl.shape) throw new DerivationError(`${at}: \`${name}\` is a matrix or vector; intervals are for scalars`);
    const b = parseInterval(interval);
    if (!b) throw new DerivationError(`${at}: \`${interval}\` is not an interval like (0, 1) or [0, 1]`);
    const as = decl.assumptions ?? [];
    const needs = b.lo > 0 || (b.lo === 0 && b.loOpen) ? ['positive'] : b.lo === 0 ? ['nonnegative', 'positive'] : [];
    if (needs.length && !needs.some((a) => as.includes(a as never)))
      throw new DerivationError(
        `${at}: ${interval} needs \`${name}\` declared ${needs.join(' or ')}, so that the engine samples inside it`,
      );
  }
  const byId = new Map(steps.map((s) => [s.id, s]));
  return {
    ...spec,
    steps,
    mistakes,
    slides,
    step(id: string): Step {
      const s = byId.get(id);
      if (!s) throw new DerivationError(`${where}: unknown step id \`${id}\`; known ids: ${[...byId.keys()].join(', ')}`);
      return s;
    },
  };
}
