/** /round/: a round of three questions planned, timed, scored, exported, and kept across a reload (issue 18). */
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { seriousViolations } from './axe';

const QUESTIONS = ['least-squares', 'monty-hall', 'pca-decorrelation'] as const;
const card = (page: Page, slug: string) => page.locator(`[data-card="${slug}"]`);

async function score(page: Page, slug: string, knowledge: number, expression: number, notes: string) {
  const c = card(page, slug);
  await expect(c).toBeVisible();
  await c.locator(`[data-criterion=knowledge] input[value="${knowledge}"]`).check();
  await c.locator(`[data-criterion=expression] input[value="${expression}"]`).check();
  await c.locator('[data-followups] input').first().check();
  await c.locator('[data-mistakes] input').first().check();
  await c.locator('[data-notes]').fill(notes);
}

async function exported(page: Page, label: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
  return readFile((await download.path())!, 'utf8');
}

test('a scorecard is made when its question is planned, and has no serious accessibility violations', async ({ page }) => {
  // A real clock here: axe schedules its work with timers.
  await page.goto('round/');
  await expect(page.locator('[data-card]')).toHaveCount(0);
  await page.locator('[data-add="ml-vs-map"]').click();
  await expect(card(page, 'ml-vs-map')).toBeVisible();
  await expect(card(page, 'ml-vs-map').locator('[data-mistakes] input').first()).toBeVisible();
  expect(await seriousViolations(page, '[data-run]')).toEqual([]);
});

test('a round of three questions is planned, timed, scored, exported, and survives a reload', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.clock.install({ time: new Date('2026-12-02T09:00:00Z') });
  await context.clock.pauseAt(new Date('2026-12-02T09:00:01Z'));
  await page.goto('round/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Theory round');
  await expect(page.locator('[data-run]')).toBeHidden();

  // Plan: three questions, budgets set by hand.
  for (const slug of QUESTIONS) await page.locator(`[data-add="${slug}"]`).click();
  await expect(page.locator('[data-add="monty-hall"]')).toBeDisabled();
  const budgets = [20, 15, 25];
  for (const [i, slug] of QUESTIONS.entries()) {
    const input = page.locator(`[data-plan] [data-slug="${slug}"] [data-minutes]`);
    await input.fill(String(budgets[i]));
    await input.press('Tab');
  }
  await expect(page.locator('[data-total]')).toHaveText('3 questions, 60 of 60 minutes planned.');

  // Time: the round and the question clocks run together; the question clock hands over.
  const roundClock = page.getByRole('timer', { name: 'Round time' });
  const qClock = page.getByRole('timer', { name: 'Question time' });
  await page.getByRole('button', { name: 'Start round' }).click();
  await context.clock.runFor(5 * 60_000);
  await expect(roundClock).toHaveText('5:00');
  await expect(qClock).toHaveText('5:00');
  await expect(page.locator('[data-question-left]')).toHaveText('of 20:00 — 15:00 left');
  await score(page, 'least-squares', 3, 4, 'Q1: normal equations clean, shapes stated.');

  // N and P work from the keyboard outside text fields.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('n');
  await expect(page.locator('[data-position]')).toHaveText('Question 2 of 3');
  await context.clock.runFor(3 * 60_000);
  await expect(qClock).toHaveText('3:00');
  await expect(roundClock).toHaveText('8:00');
  await score(page, 'monty-hall', 2, 3, 'Q2: assumed the host opens at random.');
  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(qClock).toHaveText('5:00');
  await page.getByRole('button', { name: 'Next →' }).click();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.locator('[data-position]')).toHaveText('Question 3 of 3');
  await context.clock.runFor(16 * 60_000);
  await expect(page.locator('[data-question-left]')).toHaveText('of 25:00 — 9:00 left');
  await score(page, 'pca-decorrelation', 4, 2, 'Q3: said uncorrelated means independent, then corrected.');

  // The presenter deck of the current question is one key away.
  await page.getByRole('heading', { level: 1 }).click();
  const [deck] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('d')]);
  await expect(deck).toHaveURL(/present\/pca-decorrelation\/$/);
  await deck.close();

  await page.getByRole('textbox', { name: 'Candidate' }).fill('A. Candidate');
  await page.getByRole('textbox', { name: 'Round summary' }).fill('Strong on linear algebra; Bayes needs work.');
  await page.getByRole('button', { name: 'Pause round' }).click();

  // Export: the Markdown holds every score and note; the JSON the same in fields.
  const md = await exported(page, 'Export Markdown');
  expect(md).toContain('Candidate: A. Candidate');
  expect(md).toContain('Round time: 24:00 of 60:00 (planned 60 min)');
  expect(md).toMatch(/## 1\. Least squares[^\n]*\n\nBudget 20 min, spent 5:00\./);
  expect(md).toContain('**Knowledge of the topic: 3/4**');
  expect(md).toContain('**Expressing ideas and problem solving clearly and correctly: 4/4**');
  expect(md).toContain('**Knowledge of the topic: 2/4** (Falls into the common mistakes:');
  expect(md).toContain('**Expressing ideas and problem solving clearly and correctly: 2/4**');
  for (const note of [
    'Q1: normal equations clean, shapes stated.',
    'Q2: assumed the host opens at random.',
    'Q3: said uncorrelated means independent, then corrected.',
  ]) {
    expect(md).toContain(note);
  }
  expect(md).toContain('Strong on linear algebra; Bayes needs work.');
  expect(md).toMatch(/Follow-ups asked \(1 of \d+\)/);
  const json = JSON.parse(await exported(page, 'Export JSON'));
  expect(json.questions.map((q: { slug: string }) => q.slug)).toEqual([...QUESTIONS]);
  expect(json.questions[1].scores).toEqual({ knowledge: 2, expression: 3 });
  expect(json.questions[2].spentMs).toBe(16 * 60_000);

  // Reload: plan, position, clocks, scores, checkboxes and notes are all still there.
  await page.reload();
  await expect(page.locator('[data-total]')).toHaveText('3 questions, 60 of 60 minutes planned.');
  await expect(page.locator('[data-position]')).toHaveText('Question 3 of 3');
  await expect(roundClock).toHaveText('24:00');
  await expect(page.getByRole('button', { name: 'Resume round' })).toBeVisible();
  const c3 = card(page, 'pca-decorrelation');
  await expect(c3.locator('[data-criterion=knowledge] input[value="4"]')).toBeChecked();
  await expect(c3.locator('[data-criterion=expression] input[value="2"]')).toBeChecked();
  await expect(c3.locator('[data-mistakes] input').first()).toBeChecked();
  await expect(c3.locator('[data-notes]')).toHaveValue('Q3: said uncorrelated means independent, then corrected.');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(card(page, 'least-squares').locator('[data-notes]')).toHaveValue('Q1: normal equations clean, shapes stated.');
  await expect(card(page, 'least-squares').locator('[data-followups] input').first()).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Round summary' })).toHaveValue('Strong on linear algebra; Bayes needs work.');
});

test('the round page works with no server and sends nothing: every request stays on this origin', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('round/');
  await page.locator('[data-add="monty-hall"]').click();
  await card(page, 'monty-hall').locator('[data-notes]').fill('private note');
  await page.reload();
  await expect(card(page, 'monty-hall').locator('[data-notes]')).toHaveValue('private note');
  const origin = new URL(baseURL!).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(requests.some((u) => u.includes('private'))).toBe(false);
});
