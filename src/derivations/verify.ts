/**
 * Runs the engine over a derivation: every step against the step it cites,
 * every mistake against the step it is taken from. The build, `npm run
 * verify`, the tests and the presenter all read these verdicts, so a badge on
 * the page can only say what the engine found.
 */
import { describeResult } from '../verify/index';
import { cachedCheck } from './check-cache';
import type { CheckResult, Counterexample, Relation } from '../verify/types';
import { type Derivation, type MistakeSpec, type Step, inInterval, parseInterval } from './define';
import { REPORT_FILE } from './report-file';
import { type TexGateReport, texGate } from './tex-gate';

/** What the page shows for one step. */
export type StepVerdict =
  /** A starting line (definition or assumption): nothing to check. */
  | { state: 'given'; kind: 'definition' | 'assumption' }
  /** Exempt by a written reason stored on the step. */
  | { state: 'exempt'; reason: string }
  /** Checked by the engine. */
  | { state: 'checked'; result: CheckResult; label: string };

export interface StepReport {
  step: Step;
  verdict: StepVerdict;
  /** Wall-clock time spent on this step, in ms. */
  ms: number;
}

export interface MistakeReport {
  mistake: MistakeSpec;
  relation: Relation;
  result: CheckResult;
  /** The refutation the page shows: the mistake's pinned counterexample when it has one, else the engine's. */
  label: string;
  ms: number;
}

export interface DerivationReport {
  derivation: Derivation;
  steps: StepReport[];
  mistakes: MistakeReport[];
  /** Human-readable problems: steps not verified, mistakes not refuted, displays that disagree. Empty when all is well. */
  failures: string[];
  /** What the reader sees is what was checked: the display gate (./tex-gate.ts). */
  tex?: TexGateReport;
}

/** The `data-status` of a step in the DOM: verified, unproven (exempt or not yet proved) or given. */
export function domStatus(v: StepVerdict): 'verified' | 'unproven' | 'given' {
  if (v.state === 'given') return 'given';
  if (v.state === 'exempt') return 'unproven';
  return v.result.status === 'verified' ? 'verified' : 'unproven';
}

function relationOf(step: Step): Relation | undefined {
  const j = step.justification;
  return j.kind === 'definition' || j.kind === 'assumption' ? undefined : j;
}

/** The relation a mistake claims: its own, or that of the correct step after the one it is taken from. */
export function mistakeRelation(d: Derivation, m: MistakeSpec): Relation {
  if (m.relation) return m.relation;
  const next = d.steps.find((s) => s.cites[0] === m.from && relationOf(s));
  const rel = next && relationOf(next);
  if (!rel) {
    throw new Error(`derivation \`${d.slug}\`, mistake \`${m.id}\`: no step follows \`${m.from}\`, so give the mistake a \`relation\``);
  }
  return rel;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Does `x` satisfy every assumption, and the interval, declared for it? The first one it breaks, if any. */
export function brokenAssumption(d: Derivation, name: string, x: number): string | undefined {
  const decl = d.variables.find((v) => v.name === name);
  for (const a of decl?.assumptions ?? []) {
    if (a === 'positive' && !(x > 0)) return 'positive';
    if (a === 'nonnegative' && !(x >= 0)) return 'nonnegative';
    if (a === 'nonzero' && x === 0) return 'nonzero';
    if (a === 'integer' && !Number.isInteger(x)) return 'integer';
    if (a === 'real' && !Number.isFinite(x)) return 'real';
  }
  const interval = d.domains?.[name];
  const bounds = interval && parseInterval(interval);
  if (interval && bounds && !inInterval(bounds, x)) return `in ${interval}`;
  return undefined;
}

/** A pinned value as the engine reads it: integers as they are, others as exact fractions where short. */
function literal(x: number): string {
  if (Number.isInteger(x)) return `(${x})`;
  for (let q = 2; q <= 1000; q++) {
    const p = Math.round(x * q);
    if (Math.abs(p / q - x) < 1e-12) return `(${p}/${q})`;
  }
  return `(${x})`;
}

/**
 * Check a mistake's pinned counterexample: declared scalar variables only,
 * inside their declared domains, every scalar of both lines given, and the
 * engine refutes the wrong line against the correct next step at that point.
 * Returns the refutation box's sentence, or why the pin is not valid.
 */
export async function pinnedRefutation(
  d: Derivation,
  m: MistakeSpec,
): Promise<{ label: string; counterexample: Counterexample } | { failure: string }> {
  const pin = m.counterexample ?? {};
  for (const [name, x] of Object.entries(pin)) {
    const decl = d.variables.find((v) => v.name === name);
    if (!decl) return { failure: `names \`${name}\`, which is not a declared variable` };
    if (decl.shape) return { failure: `gives \`${name}\` a value, but it is a matrix or vector (pin scalars only)` };
    if (!Number.isFinite(x)) return { failure: `gives \`${name}\` the value ${x}` };
    const broken = brokenAssumption(d, name, x);
    if (broken) return { failure: `puts \`${name}\` = ${x} outside its declared domain (${broken})` };
  }
  const at = d.steps.findIndex((s) => s.id === m.from);
  const right = d.steps.slice(at + 1).find((s) => s.cites[0] === m.from && relationOf(s)) ?? d.steps[at + 1];
  if (!right) return { failure: `has no correct step after \`${m.from}\` to compare with` };
  const sides = (expr: string) => {
    const i = expr.indexOf('=');
    return i < 0 ? { lhs: '', rhs: expr } : { lhs: expr.slice(0, i).trim(), rhs: expr.slice(i + 1).trim() };
  };
  const wrong = sides(m.expr);
  const correct = sides(right.expr);
  if (wrong.lhs !== correct.lhs)
    return { failure: `cannot compare \`${m.expr}\` with step ${right.id} (\`${right.expr}\`): their left-hand sides differ` };
  const declared = new Set(d.variables.map((v) => v.name));
  const substitute = (text: string) => text.replace(IDENT, (n) => (n in pin ? literal(pin[n]!) : n));
  const missing = [...new Set([...(wrong.rhs.match(IDENT) ?? []), ...(correct.rhs.match(IDENT) ?? [])])].filter(
    (n) => declared.has(n) && !(n in pin),
  );
  if (missing.length)
    return {
      failure: `leaves ${missing.map((n) => `\`${n}\``).join(', ')} without a value (a pin gives every variable of both lines, scalars only)`,
    };
  const result = await cachedCheck({
    prev: substitute(correct.rhs),
    next: substitute(wrong.rhs),
    relation: { kind: 'equal' },
    variables: [],
    options: { ...d.options, ...right.options },
  });
  if (result.status !== 'refuted')
    return {
      failure: `is not a counterexample: at that point the engine finds the wrong line and step ${right.id} ${describeResult(result)}`,
    };
  const c: Counterexample = { ...result.counterexample, values: { ...pin, ...result.counterexample.values } };
  const values = Object.entries(pin).map(([k, x]) => `${k} = ${literal(x).slice(1, -1).replace(/^-/, '−')}`);
  const fmt = (v: number | string) => String(v).replace(/(^|[\s(,=[])-(?=\d)/g, '$1−');
  const label = `refuted: at ${values.join(', ')} this line gives ${fmt(c.left)}, the correct step (${right.number}) gives ${fmt(c.right)}`;
  return { label, counterexample: c };
}

function failureText(d: Derivation, what: string, prev: string, next: string, r: CheckResult): string {
  const head = `${d.slug} › ${what}: ${r.status}`;
  const detail = describeResult(r);
  return `${head}\n    from: ${prev}\n    line: ${next}\n    ${detail}`;
}

/**
 * Verify every step and mistake of `d`. All checks are issued at once: the
 * engine runs them on a pool of workers (one per core) and simulations in
 * slices on this thread, so they overlap. Reports keep the derivation's order;
 * `ms` is each check's own time as the engine measured it (not its wait in the queue).
 * Checks go through `cachedCheck` (check-cache.ts): a verdict a time budget may have
 * decided is retried with larger budgets, and unchanged checks come from the disk cache.
 */
export async function verifyDerivation(d: Derivation): Promise<DerivationReport> {
  const stepJobs = d.steps.map(async (step): Promise<{ report: StepReport; failure?: string }> => {
    const rel = relationOf(step);
    if (!rel) {
      return { report: { step, verdict: { state: 'given', kind: step.justification.kind as 'definition' | 'assumption' }, ms: 0 } };
    }
    if (step.unchecked !== undefined) {
      const report: StepReport = { step, verdict: { state: 'exempt', reason: step.unchecked }, ms: 0 };
      if (!step.unchecked.trim()) return { report, failure: `${d.slug} › step ${step.id}: an exemption needs a written reason` };
      return { report };
    }
    const prev = d.step(step.cites[0]!);
    const result = await cachedCheck({
      prev: prev.expr,
      next: step.expr,
      relation: rel,
      variables: d.variables,
      ...(step.conditions ? { conditions: step.conditions } : {}),
      options: { ...d.options, ...step.options },
    });
    const report: StepReport = { step, verdict: { state: 'checked', result, label: describeResult(result) }, ms: result.ms };
    if (result.status === 'verified') return { report };
    return { report, failure: failureText(d, `step (${step.number}) ${step.id} [${rel.kind}]`, prev.expr, step.expr, result) };
  });
  const mistakeJobs = d.mistakes.map(async (m): Promise<{ report: MistakeReport; failure?: string }> => {
    const relation = mistakeRelation(d, m);
    const from = d.step(m.from);
    const result = await cachedCheck({
      prev: from.expr,
      next: m.expr,
      relation,
      variables: d.variables,
      options: { ...d.options, ...from.options },
    });
    const report: MistakeReport = { mistake: m, relation, result, label: describeResult(result), ms: result.ms };
    if (result.status === 'refuted' && m.counterexample) {
      const pin = await pinnedRefutation(d, m);
      if ('failure' in pin) return { report, failure: `${d.slug} › mistake ${m.id}: the pinned counterexample ${pin.failure}` };
      report.label = pin.label;
    }
    if (result.status === 'refuted') return { report };
    return {
      report,
      failure: `${d.slug} › mistake ${m.id} should be refuted with a counterexample but is ${result.status}\n    from: ${from.expr}\n    line: ${m.expr}\n    ${describeResult(result)}`,
    };
  });
  const texJob = texGate(
    d,
    (step) => (prev, next) =>
      cachedCheck({ prev, next, relation: { kind: 'equal' }, variables: d.variables, options: { ...d.options, ...step.options } }),
  );
  const [stepOut, mistakeOut, tex] = await Promise.all([Promise.all(stepJobs), Promise.all(mistakeJobs), texJob]);
  const failures = [...stepOut, ...mistakeOut].flatMap((o) => (o.failure ? [o.failure] : [])).concat(tex.failures);
  return { derivation: d, steps: stepOut.map((o) => o.report), mistakes: mistakeOut.map((o) => o.report), failures, tex };
}

/**
 * The build verifies every derivation once, in a separate process
 * (`src/cli/verify.ts --out`, started by the `derivable:verify` integration),
 * because the engine's hard time limit needs worker threads that a bundled
 * page cannot start. Pages and the presenter read that report here; a
 * fingerprint of each module guards against reading verdicts for math that
 * has changed since.
 */
export { REPORT_FILE };

interface SerializedReport {
  fingerprint: string;
  steps: Array<{ id: string; verdict: StepVerdict; ms: number }>;
  mistakes: Array<{ id: string; relation: Relation['kind']; result: CheckResult; label: string; ms: number }>;
  failures: string[];
}

/** A stable hash of everything in a derivation that the verdicts depend on. */
export async function fingerprint(d: Derivation): Promise<string> {
  const text = JSON.stringify(
    { variables: d.variables, options: d.options, steps: d.steps, mistakes: d.mistakes },
    // Function source is not stable across transpilers (tsx vs the Vite
    // bundle); every build re-verifies anyway, so a marker is enough here.
    (_k, v: unknown) => (typeof v === 'function' ? '[function]' : v),
  );
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}

export async function serializeReports(reports: readonly DerivationReport[]): Promise<Record<string, SerializedReport>> {
  const out: Record<string, SerializedReport> = {};
  for (const r of reports) {
    out[r.derivation.slug] = {
      fingerprint: await fingerprint(r.derivation),
      steps: r.steps.map((s) => ({ id: s.step.id, verdict: s.verdict, ms: s.ms })),
      mistakes: r.mistakes.map((m) => ({ id: m.mistake.id, relation: m.relation.kind, result: m.result, label: m.label, ms: m.ms })),
      failures: r.failures,
    };
  }
  return out;
}

let loaded: Promise<Record<string, SerializedReport>> | undefined;

/** The build's verdicts for `d`, read from the report the build wrote before rendering. */
export async function verifiedReport(d: Derivation): Promise<DerivationReport> {
  loaded ??= import('node:fs/promises').then(async (fs) => {
    try {
      return JSON.parse(await fs.readFile(REPORT_FILE, 'utf8')) as Record<string, SerializedReport>;
    } catch {
      throw new Error(`No verification report at ${REPORT_FILE}: build with \`npm run build\`, which verifies every derivation first.`);
    }
  });
  const all = await loaded;
  const saved = all[d.slug];
  if (!saved) throw new Error(`The verification report has no entry for \`${d.slug}\`: run \`npm run build\` again.`);
  if (saved.fingerprint !== (await fingerprint(d))) {
    throw new Error(
      `The verification report for \`${d.slug}\` is stale (the module changed after it was verified): run \`npm run build\` again.`,
    );
  }
  const mistakes = new Map(d.mistakes.map((m) => [m.id, m]));
  return {
    derivation: d,
    steps: saved.steps.map((s) => ({ step: d.step(s.id), verdict: s.verdict, ms: s.ms })),
    mistakes: saved.mistakes.map((m) => ({
      mistake: mistakes.get(m.id)!,
      relation: mistakeRelation(d, mistakes.get(m.id)!),
      result: m.result,
      label: m.label,
      ms: m.ms,
    })),
    failures: saved.failures,
  };
}
