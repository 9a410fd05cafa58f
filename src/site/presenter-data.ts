/**
 * What the two presenter windows show, built from the derivation module and
 * the engine's report. The projected window gets `ProjectedStep`s, a type
 * with no notes field, so the notes cannot leak into the room by accident;
 * only the interviewer view reads `InterviewerStep`s.
 */
import type { Derivation, Rubric } from '../derivations/define';
import { domStatus, type DerivationReport } from '../derivations/verify';
import { PLOTS, type PlotEntry } from '../plots/registry';
import { stopKey, type Stop } from '../presenter/deck';
import { stepBadge } from './derivation-html';
import { renderInlineText, renderTex } from './render-math';

export interface ProjectedStep {
  id: string;
  /** 1-based, as on the page; also the position at which this step is the newest. */
  number: number;
  status: 'verified' | 'unproven' | 'given';
  kind: string;
  /** The move in words, as HTML (module prose may hold `$...$` inline TeX). */
  moveHtml: string;
  /** KaTeX HTML + MathML, display mode. */
  mathHtml: string;
  /** The verdict badge, as on the page. */
  badgeHtml: string;
}

export interface InterviewerStep extends ProjectedStep {
  /** Private notes as HTML, or undefined when the module has none for this step. */
  notesHtml: string | undefined;
  /** The tempting wrong steps a candidate may take from this step, with why they are wrong. */
  mistakes: TemptingMistake[];
}

/** A tempting wrong next step (module `mistakes`), for the interviewer's notes. */
export interface TemptingMistake {
  id: string;
  /** Number of the step it is taken from. */
  from: number;
  /** KaTeX HTML of the wrong line, display mode. */
  mathHtml: string;
  /** Why it is wrong, as HTML. */
  whyHtml: string;
}

export function temptingMistakes(d: Derivation, fromStepId?: string): TemptingMistake[] {
  return d.mistakes
    .filter((m) => fromStepId === undefined || m.from === fromStepId)
    .map((m) => ({
      id: m.id,
      from: d.step(m.from).number,
      mathHtml: renderTex(m.tex, { display: true, where: `${d.slug} › mistake ${m.id}` }),
      whyHtml: renderInlineText(m.explanation, `${d.slug} › mistake ${m.id} › explanation`),
    }));
}

/** A plot shown as a slide of its own (module `slides`). */
export interface PlotSlide {
  /** Registry key, rendered with <Plot name>. */
  plot: string;
  /** Number of the step the slide follows. */
  after: number;
  /** The plot's caption from the registry, as plain text. */
  caption: string;
  /** What the plot shows, in words (for the interviewer). */
  description: string;
  /** How the plot's panels are laid out on the slide, so they can be sized to fit the screen. */
  grid: { rows: number; cols: number };
  /**
   * Where the readout goes on the slide: under a single wide panel, which the screen's width
   * limits (so there is height to spare), otherwise in the side column with the controls. A readout
   * of many lines goes to the side even then: under the panel it would take the height the panel
   * needs, and the chart would be drawn too small for its labels at the room's text size.
   */
  readout: 'under' | 'side';
}

/** One stop of the deck, in order, with what to render for it; `key` is `stopKey(stop)`. */
export type DeckEntry<S extends ProjectedStep = ProjectedStep> =
  { kind: 'step'; key: string; stop: Stop; step: S } | { kind: 'slide'; key: string; stop: Stop; slide: PlotSlide };

/** The tallest readout (in lines, `PlotEntry.readoutLines`) that may go under a slide's panel. */
const MAX_LINES_UNDER = 3;

/**
 * The module's slides, checked against the plot registry. An unknown name
 * fails the build with the list of valid ones (define.ts cannot check it:
 * the plot builders import the derivation modules).
 */
export function plotSlides(d: Derivation): PlotSlide[] {
  const known = PLOTS as Record<string, PlotEntry | undefined>;
  return d.slides.map((sl, i) => {
    const entry = Object.hasOwn(known, sl.plot) ? known[sl.plot] : undefined;
    if (!entry) {
      throw new Error(
        `derivation \`${d.slug}\`, slides[${i}] (after \`${sl.after}\`): unknown plot \`${sl.plot}\`; known plots: ${Object.keys(PLOTS).join(', ')}`,
      );
    }
    const n = entry.panels.length;
    const grid = entry.layout === 'row' ? { rows: 1, cols: n } : { rows: n, cols: 1 };
    const readout = n === 1 && entry.panels[0]!.aspect >= 1.5 && entry.readoutLines <= MAX_LINES_UNDER ? 'under' : 'side';
    return { plot: sl.plot, after: d.step(sl.after).number, caption: entry.caption, description: entry.description, grid, readout };
  });
}

/** Steps and slides in deck order: each step, then the slides placed after it. */
export function deckEntries<S extends ProjectedStep>(d: Derivation, steps: readonly S[]): DeckEntry<S>[] {
  const slides = plotSlides(d);
  return steps.flatMap((step): DeckEntry<S>[] => {
    const stepStop: Stop = { kind: 'step', number: step.number };
    return [
      { kind: 'step', key: stopKey(stepStop), stop: stepStop, step },
      ...slides
        .filter((sl) => sl.after === step.number)
        .map((slide): DeckEntry<S> => {
          const stop: Stop = { kind: 'slide', plot: slide.plot, after: slide.after };
          return { kind: 'slide', key: stopKey(stop), stop, slide };
        }),
    ];
  });
}

/** The position list both windows navigate (serialised into `data-stops`). */
export function deckStops(entries: readonly DeckEntry[]): Stop[] {
  return entries.map((e) => e.stop);
}

type RubricPart = 'strong' | 'mistakes' | 'red-flags';

/** The rubric and follow-ups as HTML list items, for the interviewer view only. */
export interface InterviewerBrief {
  /** Undefined when the module has no rubric. */
  rubric: { key: RubricPart; label: string; itemsHtml: string[] }[] | undefined;
  followUpsHtml: string[];
  /** Every tempting mistake of the module, in order. */
  mistakes: TemptingMistake[];
}

/** Refuses to present a derivation the engine did not verify, like the page does. */
export function assertVerified(report: DerivationReport): void {
  if (report.failures.length) {
    throw new Error(
      `Derivation \`${report.derivation.slug}\` does not verify; the presenter is not built.\n  ${report.failures.join('\n  ')}`,
    );
  }
}

/** The interview question as HTML: its `questionMath` with the math typeset, else the plain text. */
export function questionHtml(data: { question: string; questionMath?: string | undefined }, where: string): string {
  if (data.questionMath) return renderInlineText(data.questionMath, `${where} › questionMath`);
  return data.question.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function projectedSteps(report: DerivationReport): ProjectedStep[] {
  const d = report.derivation;
  return report.steps.map((r) => ({
    id: r.step.id,
    number: r.step.number,
    status: domStatus(r.verdict),
    kind: r.step.justification.kind,
    moveHtml: renderInlineText(r.step.move, `${d.slug} › step ${r.step.id} › move`),
    mathHtml: renderTex(r.step.tex, { display: true, where: `${d.slug} › step ${r.step.id}` }),
    badgeHtml: stepBadge(r),
  }));
}

export function interviewerSteps(report: DerivationReport): InterviewerStep[] {
  const d = report.derivation;
  return projectedSteps(report).map((s) => {
    const notes = d.step(s.id).notes?.trim();
    return {
      ...s,
      notesHtml: notes ? renderInlineText(notes, `${d.slug} › step ${s.id} › notes`) : undefined,
      mistakes: temptingMistakes(d, s.id),
    };
  });
}

const RUBRIC_PARTS: ReadonlyArray<[RubricPart, string, keyof Rubric]> = [
  ['strong', 'A strong answer', 'strong'],
  ['mistakes', 'Common mistakes', 'mistakes'],
  ['red-flags', 'Red flags', 'redFlags'],
];

export function interviewerBrief(d: Derivation): InterviewerBrief {
  const rubric = d.rubric;
  return {
    rubric: rubric
      ? RUBRIC_PARTS.map(([key, label, field]) => ({
          key,
          label,
          itemsHtml: rubric[field].map((t, i) => renderInlineText(t, `${d.slug} › rubric.${field}[${i}]`)),
        }))
      : undefined,
    followUpsHtml: (d.followUps ?? []).map((t, i) => renderInlineText(t, `${d.slug} › followUps[${i}]`)),
    mistakes: temptingMistakes(d),
  };
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
