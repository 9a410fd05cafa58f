/**
 * The JSON a derivation page embeds for practice mode, generated from the
 * module (never retyped), and its safe serialisation into a
 * `<script type="application/json">` block.
 */
import type { Derivation } from '../../src/derivations/define';
import type { Relation } from '../../src/verify/types';
import { renderInlineText } from '../../src/site/render-math';
import type { PracticeData } from './logic';

const isGiven = (kind: string) => kind === 'definition' || kind === 'assumption';

export function practiceData(d: Derivation): PracticeData {
  const firstChecked = d.steps.findIndex((s) => !isGiven(s.justification.kind));
  const starts = firstChecked < 0 ? d.steps.length : Math.max(1, firstChecked);
  return {
    slug: d.slug,
    title: d.title,
    variables: d.variables.map((v) => ({ ...v })),
    steps: d.steps.map((s, i) => {
      const j = s.justification;
      // A simulation carries a function: it cannot travel as JSON, and the
      // candidate's line is then checked as an equality instead.
      const relation: Relation | undefined = isGiven(j.kind) || j.kind === 'simulation' ? undefined : (j as Relation);
      return {
        id: s.id,
        number: s.number,
        expr: s.expr,
        tex: s.tex,
        move: s.move,
        moveHtml: renderInlineText(s.move, `${d.slug} › step ${s.id} › move`),
        start: i < starts,
        given: isGiven(j.kind),
        ...(relation ? { relation } : {}),
      };
    }),
  };
}

/** JSON that cannot close its script element or open a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
