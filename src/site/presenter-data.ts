/**
 * What the two presenter windows show, built from the derivation module and
 * the engine's report. The projected window gets `ProjectedStep`s, a type
 * with no notes field, so the notes cannot leak into the room by accident;
 * only the interviewer view reads `InterviewerStep`s.
 */
import type { Derivation } from '../derivations/define';
import { domStatus, type DerivationReport } from '../derivations/verify';
import { stepBadge } from './derivation-html';
import { renderTex } from './render-math';

export interface ProjectedStep {
  id: string;
  /** 1-based, as on the page; also the position at which this step is the newest. */
  number: number;
  status: 'verified' | 'unproven' | 'given';
  kind: string;
  /** The move in words. */
  move: string;
  /** KaTeX HTML + MathML, display mode. */
  mathHtml: string;
  /** The verdict badge, as on the page. */
  badgeHtml: string;
}

export interface InterviewerStep extends ProjectedStep {
  /** Private notes, or undefined when the module has none for this step. */
  notes: string | undefined;
}

/** Refuses to present a derivation the engine did not verify, like the page does. */
export function assertVerified(report: DerivationReport): void {
  if (report.failures.length) {
    throw new Error(
      `Derivation \`${report.derivation.slug}\` does not verify; the presenter is not built.\n  ${report.failures.join('\n  ')}`,
    );
  }
}

export function projectedSteps(report: DerivationReport): ProjectedStep[] {
  const d = report.derivation;
  return report.steps.map((r) => ({
    id: r.step.id,
    number: r.step.number,
    status: domStatus(r.verdict),
    kind: r.step.justification.kind,
    move: r.step.move,
    mathHtml: renderTex(r.step.tex, { display: true, where: `${d.slug} › step ${r.step.id}` }),
    badgeHtml: stepBadge(r),
  }));
}

export function interviewerSteps(report: DerivationReport): InterviewerStep[] {
  const notes = new Map(report.derivation.steps.map((s) => [s.id, s.notes?.trim() || undefined]));
  return projectedSteps(report).map((s) => ({ ...s, notes: notes.get(s.id) }));
}

/** Interviewer content a module lacks: steps without notes, a missing rubric part, no follow-ups. */
export function missingInterviewerContent(d: Derivation): string[] {
  const out: string[] = [];
  const bare = d.steps.filter((s) => !s.notes?.trim()).map((s) => `(${s.number}) ${s.id}`);
  if (bare.length) out.push(`no notes for ${bare.length} of ${d.steps.length} steps: ${bare.join(', ')}`);
  if (!d.rubric) out.push('no rubric');
  else {
    if (!d.rubric.strong.length) out.push('rubric has no "strong answer" points');
    if (!d.rubric.mistakes.length) out.push('rubric has no common mistakes');
    if (!d.rubric.redFlags.length) out.push('rubric has no red flags');
  }
  if (!d.followUps?.length) out.push('no follow-up questions');
  return out;
}
