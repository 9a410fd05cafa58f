/**
 * Runs the engine over a derivation: every step against the step it cites,
 * every mistake against the step it is taken from. The build, `npm run
 * verify`, the tests and the presenter all read these verdicts, so a badge on
 * the page can only say what the engine found.
 */
import { check, describeResult } from '../verify/index';
import type { CheckResult, Relation } from '../verify/types';
import type { Derivation, MistakeSpec, Step } from './define';

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
  label: string;
  ms: number;
}

export interface DerivationReport {
  derivation: Derivation;
  steps: StepReport[];
  mistakes: MistakeReport[];
  /** Human-readable problems: steps not verified, mistakes not refuted. Empty when all is well. */
  failures: string[];
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
    throw new Error(
      `derivation \`${d.slug}\`, mistake \`${m.id}\`: no step follows \`${m.from}\`, so give the mistake a \`relation\``,
    );
  }
  return rel;
}

function failureText(d: Derivation, what: string, prev: string, next: string, r: CheckResult): string {
  const head = `${d.slug} › ${what}: ${r.status}`;
  const detail = describeResult(r);
  return `${head}\n    from: ${prev}\n    line: ${next}\n    ${detail}`;
}

export async function verifyDerivation(d: Derivation): Promise<DerivationReport> {
  const steps: StepReport[] = [];
  const failures: string[] = [];
  for (const step of d.steps) {
    const t0 = performance.now();
    const rel = relationOf(step);
    if (!rel) {
      steps.push({ step, verdict: { state: 'given', kind: step.justification.kind as 'definition' | 'assumption' }, ms: 0 });
      continue;
    }
    if (step.unchecked !== undefined) {
      if (!step.unchecked.trim()) failures.push(`${d.slug} › step ${step.id}: an exemption needs a written reason`);
      steps.push({ step, verdict: { state: 'exempt', reason: step.unchecked }, ms: 0 });
      continue;
    }
    const prev = d.step(step.cites[0]!);
    const result = await check({
      prev: prev.expr,
      next: step.expr,
      relation: rel,
      variables: d.variables,
      options: { ...d.options, ...step.options },
    });
    const ms = performance.now() - t0;
    steps.push({ step, verdict: { state: 'checked', result, label: describeResult(result) }, ms });
    if (result.status !== 'verified') {
      failures.push(failureText(d, `step (${step.number}) ${step.id} [${rel.kind}]`, prev.expr, step.expr, result));
    }
  }
  const mistakes: MistakeReport[] = [];
  for (const m of d.mistakes) {
    const t0 = performance.now();
    const relation = mistakeRelation(d, m);
    const from = d.step(m.from);
    const result = await check({
      prev: from.expr,
      next: m.expr,
      relation,
      variables: d.variables,
      options: { ...d.options, ...from.options },
    });
    mistakes.push({ mistake: m, relation, result, label: describeResult(result), ms: performance.now() - t0 });
    if (result.status !== 'refuted') {
      failures.push(
        `${d.slug} › mistake ${m.id} should be refuted with a counterexample but is ${result.status}\n    from: ${from.expr}\n    line: ${m.expr}\n    ${describeResult(result)}`,
      );
    }
  }
  return { derivation: d, steps, mistakes, failures };
}

const cache = new Map<string, Promise<DerivationReport>>();

/** Verify once per build; the page and the presenter share the report. */
export function verifiedReport(d: Derivation): Promise<DerivationReport> {
  let p = cache.get(d.slug);
  if (!p) {
    p = verifyDerivation(d);
    cache.set(d.slug, p);
  }
  return p;
}
