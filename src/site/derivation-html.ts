/**
 * Assembles a derivation page: the MDX prose holds placeholders written by
 * <Step>, <Ref> and <Mistake>; this replaces them with the rendered math and
 * the engine's verdicts, after checking that the page places every step of
 * the module exactly once and in order.
 */
import type { Derivation, Step } from '../derivations/define';
import { domStatus, type DerivationReport, type MistakeReport, type StepReport } from '../derivations/verify';
import { escapeHtml, renderInlineText, renderTex } from './render-math';

const SLOT = /<derivable-(step|ref|mistake|rubric|followups) data-id="([^"]*)"><\/derivable-\1>/g;

const RUBRIC_PARTS = { strong: 'strong', mistakes: 'mistakes', 'red-flags': 'redFlags' } as const;

export class PlacementError extends Error {
  override name = 'PlacementError';
}

/** Check the order of placed step ids against the module; throws with the valid ids. */
export function checkPlacement(d: Derivation, placed: readonly string[], file: string): void {
  const valid = d.steps.map((s) => s.id);
  const list = `valid ids, in order: ${valid.join(', ')}`;
  const seen = new Set<string>();
  for (const id of placed) {
    if (!valid.includes(id)) throw new PlacementError(`${file}: <Step id="${id}" /> is not a step of \`${d.slug}\`; ${list}`);
    if (seen.has(id)) throw new PlacementError(`${file}: <Step id="${id}" /> is placed twice; ${list}`);
    seen.add(id);
  }
  const missing = valid.filter((id) => !seen.has(id));
  if (missing.length) throw new PlacementError(`${file}: steps not placed: ${missing.join(', ')}; ${list}`);
  placed.forEach((id, i) => {
    if (id !== valid[i]) {
      throw new PlacementError(`${file}: <Step id="${id}" /> is out of order (expected \`${valid[i]}\` there); ${list}`);
    }
  });
}

const ref = (s: Step) => `<a class="eqref" href="#step-${s.id}">(${s.number})</a>`;

const BADGE_ICON = { verified: '✓', unproven: '?', given: '≔', refuted: '✗', warning: '⚠' } as const;

function badge(status: keyof typeof BADGE_ICON, text: string): string {
  return `<span class="badge badge--${status}"><span aria-hidden="true">${BADGE_ICON[status]}</span> ${escapeHtml(text)}</span>`;
}

/** The verdict badge of one step; the page and the presenter show the same text. */
export function stepBadge(r: StepReport): string {
  const { verdict } = r;
  // Starting lines are not checked; say what they are in words a reader can use.
  if (verdict.state === 'given') {
    return badge(
      'given',
      verdict.kind === 'definition' ? 'definition: introduces a name, nothing to check' : 'premise: assumed here, not derived',
    );
  }
  if (verdict.state === 'exempt') return badge('unproven', `not machine-checked: ${verdict.reason}`);
  const r0 = verdict.result;
  // Verified with a warning (⇒, an extraneous solution): the unproven colour and a ⚠, never a plain ✓.
  if (r0.status === 'verified' && r0.warning) return badge('warning', verdict.label);
  return badge(domStatus(verdict) === 'verified' ? 'verified' : 'unproven', verdict.label);
}

/**
 * Off-screen steps and mistakes skip layout (`content-visibility: auto`), so
 * the page reserves a placeholder size for each until it is first rendered;
 * a placeholder far from the real height makes the page jump as the reader
 * scrolls. These estimate the two parts of that height, which global.css
 * combines per screen width: the display math (rows of the TeX, taller for
 * fractions, sums with limits and matrices; it scrolls sideways rather than
 * wrapping, so it is the same on every screen) and the length of the text
 * under it (which wraps to more lines on a phone). The browser remembers the
 * real size once a step has been seen. Fitted on the five pages: the mean
 * error is under 1rem, against about 6rem for one fixed size.
 */
export function estimatedMathRem(tex: string): number {
  const flat = tex.replace(/\\begin\{pmatrix\}[\s\S]*?\\end\{pmatrix\}/g, (m) => ` MAT${m.split('\\\\').length} `);
  const rem = flat.split(/\\\\(?![a-zA-Z])/).reduce((h, row) => {
    let r = 2.4;
    if (/\\(?:d?frac|underbrace|overset|sqrt\{|sum_[a-z]|prod_[a-z])/.test(row)) r = 3.6;
    if (/\\(?:sum|prod)_\{[^}]*\}\^/.test(row)) r = 5;
    for (const m of row.matchAll(/MAT(\d+)/g)) r = Math.max(r, 1.45 * Number(m[1]) + 0.9);
    return h + r;
  }, 0);
  return Math.round(rem * 10) / 10;
}

/** Roughly the characters a reader sees in text with `$…$` TeX: commands and braces do not count. */
export function visibleChars(text: string): number {
  return text.replace(/\\[a-zA-Z]+/g, 'x').replace(/[{}$^_\\]/g, '').length;
}

function sizeStyle(tex: string, text: string): string {
  return `--math-h: ${estimatedMathRem(tex)}rem; --text-chars: ${visibleChars(text)}`;
}

export function stepHtml(d: Derivation, r: StepReport): string {
  const { step, verdict } = r;
  const status = domStatus(verdict);
  const check = stepBadge(r);
  // A ⇒ step that gains a solution is verified but shown as a warning (extends data-status, never renames it).
  const res = verdict.state === 'checked' ? verdict.result : undefined;
  const warning = res?.status === 'verified' && res.warning ? ` data-warning="${res.warning.kind}"` : '';
  const cites = step.cites.map((id) => ref(d.step(id))).join(', ');
  const from = cites ? ` <span class="step__from">from ${cites}</span>` : '';
  const math = renderTex(step.tex, { display: true, where: `${d.slug} › step ${step.id}` });
  return [
    `<div class="step" id="step-${step.id}" data-step-id="${step.id}" data-status="${status}"${warning} data-kind="${step.justification.kind}" style="${sizeStyle(step.tex, `${step.move} from ${'(00), '.repeat(step.cites.length)} ${r.verdict.state === 'checked' ? r.verdict.label : 'definition: introduces a name, nothing to check'}`)}">`,
    `<div class="step__row"><div class="step__math" tabindex="0" role="group" aria-label="Step ${step.number}">${math}</div>`,
    `<span class="step__number">(${step.number})</span></div>`,
    `<p class="step__meta"><span class="step__move">${renderInlineText(step.move, `${d.slug} › step ${step.id} › move`)}</span>${from} ${check}</p>`,
    `</div>`,
  ].join('');
}

export function mistakeHtml(d: Derivation, r: MistakeReport): string {
  const { mistake: m } = r;
  const from = d.step(m.from);
  const math = renderTex(m.tex, { display: true, where: `${d.slug} › mistake ${m.id}` });
  return [
    `<div class="mistake" id="mistake-${m.id}" data-mistake-id="${m.id}" data-status="${r.result.status}" style="${sizeStyle(m.tex, `Tempting, but wrong — continuing from (00): ${m.explanation} ${r.label}`)}">`,
    `<p class="mistake__label">Tempting, but wrong — continuing from ${ref(from)}:</p>`,
    `<div class="mistake__math" tabindex="0" role="group" aria-label="Wrong step">${math}</div>`,
    `<p class="mistake__why">${renderInlineText(m.explanation, `${d.slug} › mistake ${m.id}`)}</p>`,
    `<p class="mistake__check">${badge('refuted', r.label)}</p>`,
    `</div>`,
  ].join('');
}

function listHtml(items: readonly string[] | undefined, where: string, missing: string, tag: 'ul' | 'ol' = 'ul'): string {
  if (!items?.length) throw new PlacementError(missing);
  return `<${tag} class="module-list">${items.map((t, i) => `<li>${renderInlineText(t, `${where}[${i}]`)}</li>`).join('')}</${tag}>`;
}

/** One part of the module's rubric as a list: strong, mistakes or red-flags. */
function rubricHtml(d: Derivation, part: string, file: string): string {
  const key = RUBRIC_PARTS[part as keyof typeof RUBRIC_PARTS];
  if (!key) throw new PlacementError(`${file}: <Rubric part="${part}" />; parts: ${Object.keys(RUBRIC_PARTS).join(', ')}`);
  return listHtml(d.rubric?.[key], `${d.slug} › rubric.${key}`, `${file}: <Rubric part="${part}" /> but the module has no rubric.${key}`);
}

/** Replace the placeholders in the rendered MDX body. */
export function assembleDerivationHtml(body: string, report: DerivationReport, file: string): string {
  const d = report.derivation;
  const placed = [...body.matchAll(SLOT)].filter((m) => m[1] === 'step').map((m) => m[2]!);
  checkPlacement(d, placed, file);
  const steps = new Map(report.steps.map((r) => [r.step.id, r]));
  const mistakes = new Map(report.mistakes.map((r) => [r.mistake.id, r]));
  const placedMistakes = new Set<string>();
  const html = body.replace(SLOT, (_all, kind: string, id: string) => {
    if (kind === 'step') return stepHtml(d, steps.get(id)!);
    if (kind === 'rubric') return rubricHtml(d, id, file);
    if (kind === 'followups')
      return listHtml(d.followUps, `${d.slug} › followUps`, `${file}: <FollowUps /> but the module has no followUps`, 'ol');
    if (kind === 'ref') {
      const s = d.steps.find((x) => x.id === id);
      if (!s) throw new PlacementError(`${file}: <Ref id="${id}" /> names no step; valid ids: ${d.steps.map((x) => x.id).join(', ')}`);
      return ref(s);
    }
    const r = mistakes.get(id);
    if (!r)
      throw new PlacementError(
        `${file}: <Mistake id="${id}" /> names no mistake; valid ids: ${[...mistakes.keys()].join(', ') || '(none)'}`,
      );
    if (placedMistakes.has(id)) throw new PlacementError(`${file}: <Mistake id="${id}" /> is placed twice`);
    placedMistakes.add(id);
    return mistakeHtml(d, r);
  });
  const unplaced = [...mistakes.keys()].filter((id) => !placedMistakes.has(id));
  if (unplaced.length) throw new PlacementError(`${file}: mistakes not placed: ${unplaced.join(', ')}`);
  return html;
}
