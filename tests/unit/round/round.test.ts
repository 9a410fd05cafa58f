import { describe, expect, it } from 'vitest';
import {
  addQuestion,
  card,
  emptyRound,
  goTo,
  moveQuestion,
  parseRound,
  plannedMinutes,
  questionElapsed,
  removeQuestion,
  toJson,
  toMarkdown,
  toggleRound,
  type RoundQuestion,
} from '../../../src/round/round';

const q = (slug: string): RoundQuestion => ({
  slug,
  title: `Title ${slug}`,
  question: `Question ${slug}?`,
  anchors: { knowledge: ['k1', 'k2', 'k3', 'k4'], expression: ['e1', 'e2', 'e3', 'e4'] },
  followUps: ['f0', 'f1'],
  mistakes: [{ id: `${slug}-m`, tex: 'x^2', explanation: 'why' }],
});
const QS = new Map(['a', 'b', 'c'].map((s) => [s, q(s)]));
const KNOWN = new Set(QS.keys());

describe('the round plan', () => {
  it('adds each question once, with budgets that share out the hour', () => {
    const r = emptyRound();
    for (const s of ['a', 'b', 'c', 'a']) addQuestion(r, s);
    expect(r.plan.map((p) => p.slug)).toEqual(['a', 'b', 'c']);
    expect(plannedMinutes(r)).toBe(60);
  });
  it('reorders and removes, keeping the current question current', () => {
    const r = emptyRound();
    for (const s of ['a', 'b', 'c']) addQuestion(r, s);
    goTo(r, 1, 0);
    moveQuestion(r, 'b', -1);
    expect(r.plan.map((p) => p.slug)).toEqual(['b', 'a', 'c']);
    expect(r.plan[r.current]!.slug).toBe('b');
    removeQuestion(r, 'a');
    expect(r.plan[r.current]!.slug).toBe('b');
    removeQuestion(r, 'b');
    expect(r.plan[r.current]!.slug).toBe('c');
  });
});

describe('the clocks', () => {
  it('runs the question clock exactly while the round runs, and hands over on next/previous', () => {
    const r = emptyRound();
    for (const s of ['a', 'b']) addQuestion(r, s);
    toggleRound(r, 0);
    goTo(r, 1, 60_000);
    goTo(r, 0, 90_000);
    toggleRound(r, 100_000); // pause
    expect(questionElapsed(r, 'a', 500_000)).toBe(70_000);
    expect(questionElapsed(r, 'b', 500_000)).toBe(30_000);
    // Moving while paused runs no clock.
    goTo(r, 1, 600_000);
    expect(questionElapsed(r, 'b', 900_000)).toBe(30_000);
  });
});

describe('storage and export', () => {
  it('round-trips through JSON and drops unknown questions and garbled fields only', () => {
    const r = emptyRound();
    addQuestion(r, 'a');
    addQuestion(r, 'b');
    card(r, 'a').scores.knowledge = 3;
    card(r, 'a').notes = 'good';
    const raw = JSON.parse(JSON.stringify(r));
    raw.plan.push({ slug: 'gone', minutes: 5 });
    raw.cards.b = { scores: { knowledge: 9, expression: 2 }, followUps: [1, 'x'], mistakes: ['b-m'], notes: 42 };
    const back = parseRound(JSON.stringify(raw), KNOWN);
    expect(back.plan.map((p) => p.slug)).toEqual(['a', 'b']);
    expect(back.cards.a).toEqual({ scores: { knowledge: 3 }, followUps: [], mistakes: [], notes: 'good' });
    expect(back.cards.b).toEqual({ scores: { expression: 2 }, followUps: [1], mistakes: ['b-m'], notes: '' });
    for (const bad of [null, '', '{', '[]', '"x"']) expect(parseRound(bad, KNOWN)).toEqual(emptyRound());
  });
  it('exports Markdown with the scores, their anchors, follow-ups, mistakes, notes and summary', () => {
    const r = emptyRound();
    addQuestion(r, 'a');
    addQuestion(r, 'b');
    r.candidate = 'Ada';
    const c = card(r, 'a');
    c.scores = { knowledge: 4, expression: 2 };
    c.followUps = [1];
    c.mistakes = ['a-m'];
    c.notes = 'Derived the normal equations cleanly.';
    r.summary = 'Hire.';
    const md = toMarkdown(r, QS, 0, new Date('2026-12-02T00:00:00Z'));
    expect(md).toContain('# Theory round, 2026-12-02');
    expect(md).toContain('Candidate: Ada');
    expect(md).toContain('**Knowledge of the topic: 4/4** (k4)');
    expect(md).toContain('**Expressing ideas and problem solving clearly and correctly: 2/4** (e2)');
    expect(md).toContain('- f1');
    expect(md).toContain('- $x^2$: why');
    expect(md).toContain('Derived the normal equations cleanly.');
    expect(md).toContain('## 2. Title b');
    expect(md).toMatch(/## Summary\n\nHire\./);
    const json = JSON.parse(toJson(r, QS, 0));
    expect(json.questions[0]).toMatchObject({
      slug: 'a',
      scores: { knowledge: 4, expression: 2 },
      followUpsAsked: ['f1'],
      mistakesSeen: ['a-m'],
    });
  });
});
