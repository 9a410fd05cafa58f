import { describe, expect, it } from 'vitest';
import { derivations } from '../../../src/derivations/index';
import type { DerivationReport } from '../../../src/derivations/verify';
import { interviewerSteps, missingInterviewerContent, projectedSteps } from '../../../src/site/presenter-data';

/** A report with every step marked "given", so these tests need no engine run. */
function givenReport(slug: string): DerivationReport {
  const derivation = derivations.get(slug)!;
  return {
    derivation,
    steps: derivation.steps.map((step) => ({ step, verdict: { state: 'given', kind: 'definition' }, ms: 0 })),
    mistakes: [],
    failures: [],
  };
}

describe('presenter data', () => {
  it('the projected steps carry no notes, so the room cannot see them', () => {
    const report = givenReport('monty-hall');
    const noted = report.derivation.steps.filter((s) => s.notes);
    expect(noted.length).toBeGreaterThan(0);
    const projected = JSON.stringify(projectedSteps(report));
    for (const s of noted) expect(projected).not.toContain(s.notes!.slice(0, 40));
    for (const s of projectedSteps(report)) expect(Object.keys(s).filter((k) => k.startsWith('notes'))).toEqual([]);
  });

  it('the interviewer steps keep the module order and its notes', () => {
    const report = givenReport('monty-hall');
    const steps = interviewerSteps(report);
    expect(steps.map((s) => s.id)).toEqual(report.derivation.steps.map((s) => s.id));
    expect(steps.map((s) => s.number)).toEqual(steps.map((_, i) => i + 1));
    steps.forEach((s, i) => expect(s.notesHtml !== undefined).toBe(Boolean(report.derivation.steps[i]!.notes?.trim())));
    // Module prose holds inline TeX; it reaches the interviewer rendered, not as dollars.
    const texNote = steps.find((s) => report.derivation.step(s.id).notes?.includes('$'));
    expect(texNote?.notesHtml).toContain('class="katex');
    expect(texNote?.notesHtml).not.toMatch(/\$[^<]*\\/);
    expect(steps[0]!.mathHtml).toContain('class="katex');
    expect(steps[0]!.badgeHtml).toContain('definition');
  });

  it('names what a module lacks for the interviewer view', () => {
    const d = derivations.get('monty-hall')!;
    const missing = missingInterviewerContent(d);
    const bare = d.steps.filter((s) => !s.notes);
    if (bare.length) expect(missing[0]).toContain(`no notes for ${bare.length} of ${d.steps.length} steps`);
    expect(missing.join(' ')).not.toContain('no rubric');
    const { rubric: _rubric, ...withoutRubric } = d;
    const stripped = missingInterviewerContent({ ...withoutRubric, followUps: [] });
    expect(stripped).toContain('no rubric');
    expect(stripped).toContain('no follow-up questions');
  });
});
