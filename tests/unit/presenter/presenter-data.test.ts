import { describe, expect, it } from 'vitest';
import { derivations } from '../../../src/derivations/index';
import type { DerivationReport } from '../../../src/derivations/verify';
import { defineDerivation } from '../../../src/derivations/define';
import { PLOTS } from '../../../src/plots/registry';
import {
  deckEntries,
  deckStops,
  interviewerSteps,
  missingInterviewerContent,
  plotSlides,
  projectedSteps,
} from '../../../src/site/presenter-data';
import { stopKey } from '../../../src/presenter/deck';

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

  it('every module has a slide for each plot its page places, after the same step', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const [slug, d] of derivations) {
      const mdx = await readFile(new URL(`../../../content/derivations/${slug}.mdx`, import.meta.url), 'utf8');
      // The page's order of <Step id> and <Plot name>: a plot follows the step written before it.
      const placed: { after: string; plot: string }[] = [];
      let last = '';
      for (const m of mdx.matchAll(/<(Step id|Plot name)="([^"]+)"/g)) {
        if (m[1] === 'Step id') last = m[2]!;
        else placed.push({ after: last, plot: m[2]! });
      }
      expect(d.slides, slug).toEqual(placed);
    }
  });

  it('fails the build on an unknown plot, listing the valid names', () => {
    const d = derivations.get('monty-hall')!;
    const bad = defineDerivation({ ...d, slides: [{ after: 'evidence', plot: 'monty-hall-gmaes' }] });
    expect(() => plotSlides(bad)).toThrow(
      `derivation \`monty-hall\`, slides[0] (after \`evidence\`): unknown plot \`monty-hall-gmaes\`; known plots: ${Object.keys(PLOTS).join(', ')}`,
    );
    // Not fooled by names every object has.
    expect(() => plotSlides(defineDerivation({ ...d, slides: [{ after: 'evidence', plot: 'constructor' }] }))).toThrow(/unknown plot/);
  });

  it('puts each slide right after its step, with the registry caption, in both windows alike', () => {
    const report = givenReport('ml-vs-map');
    const entries = deckEntries(report.derivation, projectedSteps(report));
    expect(entries.length).toBe(report.derivation.steps.length + 2);
    const keys = entries.map((e) => e.key);
    const shrink = report.derivation.step('map-shrinkage').number;
    expect(keys[keys.indexOf(String(shrink)) + 1]).toBe('plot:ml-vs-map-estimates');
    const slide = entries.find((e) => e.kind === 'slide');
    expect(slide?.kind === 'slide' && slide.slide).toMatchObject({
      plot: 'ml-vs-map-estimates',
      after: shrink,
      caption: PLOTS['ml-vs-map-estimates'].caption,
      grid: { rows: 2, cols: 1 },
      readout: 'side',
    });
    // A single wide panel leaves height to spare: its readout goes under it.
    expect(plotSlides(derivations.get('monty-hall')!)[0]).toMatchObject({ grid: { rows: 1, cols: 1 }, readout: 'under' });
    // Unless the readout is tall (backprop's matrices): under the panel it would squeeze the graph.
    expect(plotSlides(derivations.get('backpropagation')!)[0]).toMatchObject({ grid: { rows: 1, cols: 1 }, readout: 'side' });
    expect(entries.every((e) => e.key === stopKey(e.stop))).toBe(true);
    const interviewer = deckEntries(report.derivation, interviewerSteps(report));
    expect(deckStops(interviewer)).toEqual(deckStops(entries));
  });

  it('keeps the first three positions of monty-hall steps, so the issue’s "→ three times" test holds', () => {
    const report = givenReport('monty-hall');
    const stops = deckStops(deckEntries(report.derivation, projectedSteps(report)));
    expect(stops.slice(0, 3)).toEqual([1, 2, 3].map((number) => ({ kind: 'step', number })));
  });
});
