/**
 * What the /round/ page needs of each derivation: its question, the score
 * anchors written from its rubric, its follow-ups and tempting mistakes. Read
 * from the module and the page frontmatter; nothing here is written twice.
 */
import type { Derivation } from '../derivations/define';
import type { CriterionKey, RoundQuestion } from '../round/round';
import { questionHtml } from './presenter-data';
import { renderInlineText, renderTex } from './render-math';

const join = (items: readonly string[] | undefined) => (items?.length ? items.join('; ') : 'none written');

/**
 * Anchors for scores 1–4. Knowledge of the topic is anchored on the module's rubric (red flags,
 * common mistakes, the strong answer); expressing the work clearly on how the notepad reads.
 */
export function anchors(d: Derivation): Record<CriterionKey, [string, string, string, string]> {
  const r = d.rubric;
  return {
    knowledge: [
      `Red flags: ${join(r?.redFlags)}.`,
      `Falls into the common mistakes: ${join(r?.mistakes)}.`,
      'Most of the strong answer; the gaps are closed when prompted.',
      `The strong answer: ${join(r?.strong)}.`,
    ],
    expression: [
      'Cannot set the problem up on the notepad, or writes results without a derivation and cannot explain a line when asked.',
      'Reaches parts of the result, but the lines do not follow one from the next without help, or a tempting mistake goes unnoticed.',
      'Right and followable; steps skipped or assumptions (shapes, invertibility, independence) left implicit until asked.',
      'Every line follows from the one before and is said out loud; shapes, assumptions and conditions are stated unprompted.',
    ],
  };
}

export interface RoundQuestionView {
  data: RoundQuestion;
  questionHtml: string;
  anchorsHtml: Record<CriterionKey, string[]>;
  followUpsHtml: string[];
  mistakesHtml: { id: string; mathHtml: string; whyHtml: string }[];
}

export function roundQuestion(
  d: Derivation,
  page: { title: string; question: string; questionMath?: string | undefined },
): RoundQuestionView {
  const a = anchors(d);
  const where = `${d.slug} › round`;
  const data: RoundQuestion = {
    slug: d.slug,
    title: page.title,
    question: page.question,
    anchors: a,
    followUps: [...(d.followUps ?? [])],
    mistakes: d.mistakes.map((m) => ({ id: m.id, tex: m.tex, explanation: m.explanation })),
  };
  return {
    data,
    questionHtml: questionHtml(page, d.slug),
    anchorsHtml: {
      knowledge: a.knowledge.map((t, i) => renderInlineText(t, `${where} › knowledge ${i + 1}`)),
      expression: a.expression.map((t, i) => renderInlineText(t, `${where} › expression ${i + 1}`)),
    },
    followUpsHtml: data.followUps.map((t, i) => renderInlineText(t, `${where} › followUps[${i}]`)),
    mistakesHtml: d.mistakes.map((m) => ({
      id: m.id,
      mathHtml: renderTex(m.tex, { where: `${where} › mistake ${m.id}` }),
      whyHtml: renderInlineText(m.explanation, `${where} › mistake ${m.id}`),
    })),
  };
}
