/**
 * A theory round, as pure data and functions shared by the /round/ page and
 * its tests: the plan (questions in order with time budgets), the clocks (the
 * whole round and each question), the scorecard of each question, and the
 * exports. Everything lives in the interviewer's browser (localStorage); no
 * part of it is ever sent anywhere.
 */
import { FRESH, elapsedMs, isRunning, parseTimer, toggleTimer, type TimerState } from '../presenter/timer';

export const STORAGE_KEY = 'derivable-round';
/** Seed 001: a theory round is an hour. */
export const ROUND_MINUTES = 60;
export const MAX_NOTES = 20_000;

/** The two criteria a theory round is scored on (seed 001), each on 1–4. */
export const CRITERIA = [
  { key: 'knowledge', label: 'Knowledge of the topic' },
  { key: 'expression', label: 'Expressing ideas and problem solving clearly and correctly' },
] as const;
export type CriterionKey = (typeof CRITERIA)[number]['key'];
export const SCORES = [1, 2, 3, 4] as const;

/** What the page knows of a question, from the derivation module and page (built into the page). */
export interface RoundQuestion {
  slug: string;
  title: string;
  /** The question as asked, plain text. */
  question: string;
  /** Anchor text per criterion and score (index 0 is score 1), as written (inline TeX in `$…$`). */
  anchors: Record<CriterionKey, [string, string, string, string]>;
  followUps: string[];
  mistakes: { id: string; tex: string; explanation: string }[];
}

export interface Scorecard {
  scores: Partial<Record<CriterionKey, number>>;
  /** Indexes into the question's follow-ups that were asked. */
  followUps: number[];
  /** Ids of tempting mistakes seen. */
  mistakes: string[];
  notes: string;
}

export interface RoundState {
  v: 1;
  candidate: string;
  plan: { slug: string; minutes: number }[];
  /** Index into the plan of the question being asked. */
  current: number;
  round: TimerState;
  /** Time spent on each question, by slug. */
  clocks: Record<string, TimerState>;
  cards: Record<string, Scorecard>;
  summary: string;
}

export function emptyRound(): RoundState {
  return { v: 1, candidate: '', plan: [], current: 0, round: FRESH, clocks: {}, cards: {}, summary: '' };
}

export function emptyCard(): Scorecard {
  return { scores: {}, followUps: [], mistakes: [], notes: '' };
}

const str = (x: unknown, max = MAX_NOTES) => (typeof x === 'string' ? x.slice(0, max) : '');
const obj = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};

/** A budget in whole minutes, 1–60. */
export function clampMinutes(n: unknown): number {
  const m = Math.round(Number(n));
  return Number.isFinite(m) ? Math.min(ROUND_MINUTES, Math.max(1, m)) : 10;
}

/** Read a stored round; unknown questions and garbled fields are dropped, never the rest. */
export function parseRound(raw: string | null, known: ReadonlySet<string>): RoundState {
  const r = emptyRound();
  if (!raw) return r;
  let data: Record<string, unknown>;
  try {
    data = obj(JSON.parse(raw));
  } catch {
    return r;
  }
  r.candidate = str(data.candidate, 200);
  r.summary = str(data.summary);
  const seen = new Set<string>();
  for (const p of Array.isArray(data.plan) ? data.plan : []) {
    const slug = obj(p).slug;
    if (typeof slug === 'string' && known.has(slug) && !seen.has(slug)) {
      seen.add(slug);
      r.plan.push({ slug, minutes: clampMinutes(obj(p).minutes) });
    }
  }
  const cur = Number(data.current);
  r.current = Number.isInteger(cur) ? Math.min(Math.max(0, cur), Math.max(0, r.plan.length - 1)) : 0;
  r.round = parseTimer(JSON.stringify(data.round ?? null));
  for (const [slug, t] of Object.entries(obj(data.clocks))) if (known.has(slug)) r.clocks[slug] = parseTimer(JSON.stringify(t));
  for (const [slug, c] of Object.entries(obj(data.cards))) {
    if (!known.has(slug)) continue;
    const card = obj(c);
    const scores: Scorecard['scores'] = {};
    for (const { key } of CRITERIA) {
      const s = Number(obj(card.scores)[key]);
      if ((SCORES as readonly number[]).includes(s)) scores[key] = s;
    }
    r.cards[slug] = {
      scores,
      followUps: (Array.isArray(card.followUps) ? card.followUps : []).filter((i): i is number => Number.isInteger(i) && i >= 0),
      mistakes: (Array.isArray(card.mistakes) ? card.mistakes : []).filter((m): m is string => typeof m === 'string').slice(0, 100),
      notes: str(card.notes),
    };
  }
  return r;
}

export function card(r: RoundState, slug: string): Scorecard {
  return (r.cards[slug] ??= emptyCard());
}

export function plannedMinutes(r: RoundState): number {
  return r.plan.reduce((s, p) => s + p.minutes, 0);
}

/** Add a question at the end of the plan (once), with an even share of what is left of the hour. */
export function addQuestion(r: RoundState, slug: string): void {
  if (r.plan.some((p) => p.slug === slug)) return;
  const left = ROUND_MINUTES - plannedMinutes(r);
  r.plan.push({ slug, minutes: clampMinutes(left >= 10 ? Math.min(20, left) : 10) });
}

export function removeQuestion(r: RoundState, slug: string): void {
  const i = r.plan.findIndex((p) => p.slug === slug);
  if (i < 0) return;
  const slugNow = r.plan[r.current]?.slug;
  if (slugNow === slug) pauseQuestion(r, Date.now());
  r.plan.splice(i, 1);
  const j = r.plan.findIndex((p) => p.slug === slugNow);
  r.current = j >= 0 ? j : Math.min(r.current, Math.max(0, r.plan.length - 1));
}

export function moveQuestion(r: RoundState, slug: string, by: -1 | 1): void {
  const i = r.plan.findIndex((p) => p.slug === slug);
  const j = i + by;
  if (i < 0 || j < 0 || j >= r.plan.length) return;
  const slugNow = r.plan[r.current]?.slug;
  [r.plan[i], r.plan[j]] = [r.plan[j]!, r.plan[i]!];
  r.current = Math.max(
    0,
    r.plan.findIndex((p) => p.slug === slugNow),
  );
}

function pauseQuestion(r: RoundState, now: number): void {
  const slug = r.plan[r.current]?.slug;
  const t = slug ? r.clocks[slug] : undefined;
  if (slug && t && isRunning(t)) r.clocks[slug] = toggleTimer(t, now);
}

function runQuestion(r: RoundState, now: number): void {
  const slug = r.plan[r.current]?.slug;
  if (!slug) return;
  const t = r.clocks[slug] ?? FRESH;
  if (!isRunning(t)) r.clocks[slug] = toggleTimer(t, now);
}

/** Start or pause the round; the current question's clock runs exactly while the round does. */
export function toggleRound(r: RoundState, now: number): void {
  if (isRunning(r.round)) pauseQuestion(r, now);
  else runQuestion(r, now);
  r.round = toggleTimer(r.round, now);
}

/** Go to another question of the plan; its clock takes over from the one left. */
export function goTo(r: RoundState, index: number, now: number): void {
  if (index < 0 || index >= r.plan.length || index === r.current) return;
  pauseQuestion(r, now);
  r.current = index;
  if (isRunning(r.round)) runQuestion(r, now);
}

export function questionElapsed(r: RoundState, slug: string, now: number): number {
  return elapsedMs(r.clocks[slug] ?? FRESH, now);
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
export { clock as formatClock };

/** The round as Markdown: plan, times, scores with their anchors, follow-ups, mistakes, notes, summary. */
export function toMarkdown(r: RoundState, questions: ReadonlyMap<string, RoundQuestion>, now: number, date = new Date(now)): string {
  const lines: string[] = [`# Theory round, ${date.toISOString().slice(0, 10)}`, ''];
  if (r.candidate.trim()) lines.push(`Candidate: ${r.candidate.trim()}`, '');
  lines.push(`Round time: ${clock(elapsedMs(r.round, now))} of ${ROUND_MINUTES}:00 (planned ${plannedMinutes(r)} min)`, '');
  r.plan.forEach((p, i) => {
    const q = questions.get(p.slug);
    if (!q) return;
    const c = r.cards[p.slug] ?? emptyCard();
    lines.push(`## ${i + 1}. ${q.title}`, '');
    lines.push(`Budget ${p.minutes} min, spent ${clock(questionElapsed(r, p.slug, now))}.`, '');
    lines.push(`> ${q.question}`, '');
    for (const { key, label } of CRITERIA) {
      const s = c.scores[key];
      lines.push(s ? `- **${label}: ${s}/4** (${q.anchors[key][s - 1]})` : `- **${label}:** not scored`);
    }
    const asked = c.followUps.filter((k) => q.followUps[k] !== undefined).map((k) => q.followUps[k]!);
    lines.push('', `Follow-ups asked (${asked.length} of ${q.followUps.length}):`);
    lines.push(...(asked.length ? asked.map((t) => `- ${t}`) : ['- none']));
    const seen = q.mistakes.filter((m) => c.mistakes.includes(m.id));
    lines.push('', `Tempting mistakes seen (${seen.length} of ${q.mistakes.length}):`);
    lines.push(...(seen.length ? seen.map((m) => `- $${m.tex}$: ${m.explanation}`) : ['- none']));
    lines.push('', 'Notes:', '', c.notes.trim() ? c.notes.trim() : '_none_', '');
  });
  lines.push('## Summary', '', r.summary.trim() ? r.summary.trim() : '_none_', '');
  return lines.join('\n');
}

/** The round as JSON: the stored state with each question's title and times spelled out. */
export function toJson(r: RoundState, questions: ReadonlyMap<string, RoundQuestion>, now: number): string {
  return JSON.stringify(
    {
      format: 'derivable-round/1',
      exportedAt: new Date(now).toISOString(),
      candidate: r.candidate,
      roundMs: elapsedMs(r.round, now),
      questions: r.plan.map((p) => {
        const q = questions.get(p.slug);
        const c = r.cards[p.slug] ?? emptyCard();
        return {
          slug: p.slug,
          title: q?.title ?? p.slug,
          budgetMinutes: p.minutes,
          spentMs: questionElapsed(r, p.slug, now),
          scores: c.scores,
          followUpsAsked: c.followUps.map((k) => q?.followUps[k]).filter((t) => t !== undefined),
          mistakesSeen: c.mistakes,
          notes: c.notes,
        };
      }),
      summary: r.summary,
    },
    null,
    2,
  );
}
