/**
 * The presenter as an interviewer uses it in a round (issue 18): keys whatever has focus, the round
 * clock, the pinned question, what the room may see, text size on a 720p projector, the tempting
 * mistakes in the notes, and two windows that cannot be driven apart (issue 14).
 */
import { test, expect, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const PRESENT = 'present/monty-hall/';
const visibleSteps = (page: Page) => page.locator('[data-step-id]:visible');
const position = (page: Page) => page.locator('[data-position]');

/** Every derivation with a presenter, from the build being tested. */
const SLUGS = readdirSync(join(process.env.E2E_DIST ?? 'dist', 'present'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

test('Space after clicking Start reveals the next step; the clock keeps running', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-01-05T10:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-05T10:00:01Z'));
  await page.goto(`${PRESENT}notes/`);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(position(page)).toHaveText(/^Step 1 of \d+$/);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.clock.runFor(5_000);
  await expect(page.getByRole('timer')).toHaveText('0:05');
  // Enter on a focused button still presses it.
  await page.getByRole('button', { name: 'Pause' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(position(page)).toHaveText(/^Step 1 of \d+$/);
});

test('the clock starts on the first reveal, has a key, stays in view and survives closing either window', async ({ page, context }) => {
  // Time stands still except when the test moves it.
  await context.clock.install({ time: new Date('2026-01-05T10:00:00Z') });
  await context.clock.pauseAt(new Date('2026-01-05T10:00:01Z'));
  await page.goto(PRESENT);
  const [notes] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await notes.waitForLoadState();
  const clock = notes.getByRole('timer');
  await expect(clock).toHaveText('0:00');
  await expect(notes.getByRole('button', { name: 'Start' })).toBeVisible();

  // The first reveal starts it.
  await page.keyboard.press('ArrowRight');
  await expect(notes.getByRole('button', { name: 'Pause' })).toBeVisible();
  await context.clock.runFor(65_000);
  await expect(clock).toHaveText('1:05');

  // Still in view with the rubric scrolled to the bottom.
  await notes.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(notes.locator('.i-follow li').last()).toBeInViewport();
  await expect(notes.getByRole('heading', { name: 'Rubric' })).not.toBeInViewport();
  await expect(clock).toBeInViewport();

  // Close the interviewer window; C in the room pauses the clock and says so.
  await notes.close();
  await page.keyboard.press('c');
  await expect(page.locator('[data-goto]')).toHaveText('Round clock paused — 1:05');
  await context.clock.runFor(30_000);
  const [again] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await again.waitForLoadState();
  await expect(again.getByRole('timer')).toHaveText('1:05');
  await expect(again.getByRole('button', { name: 'Resume' })).toBeVisible();

  // Close the projected window; C in the interviewer window runs it on.
  await page.close();
  await again.keyboard.press('c');
  await context.clock.runFor(10_000);
  await expect(again.getByRole('timer')).toHaveText('1:15');
  await again.close();
  const fresh = await context.newPage();
  await fresh.goto(`${PRESENT}notes/`);
  await expect(fresh.getByRole('timer')).toHaveText('1:15');
  await expect(fresh.getByRole('button', { name: 'Pause' })).toBeVisible();
  // A clock paused on purpose is not restarted by the next reveal.
  await fresh.keyboard.press('c');
  await fresh.keyboard.press('ArrowRight');
  await expect(fresh.getByRole('button', { name: 'Resume' })).toBeVisible();
});

test("a clicker's PageDown on a plot slide moves the deck, never the focused slider", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('present/pca-decorrelation/#plot:pca-decorrelation');
  const pca = page.locator('[data-slide-plot="pca-decorrelation"]');
  await expect(pca.locator('dv-plot')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const rho = pca.getByRole('slider', { name: 'Correlation ρ' });
  const before = await rho.inputValue();
  await rho.focus();
  await page.keyboard.press('PageDown');
  await expect(pca).not.toHaveAttribute('aria-current', 'step');
  await expect(position(page)).toHaveText(/^Step \d+ of \d+$/);
  expect(await rho.inputValue()).toBe(before);
  await page.keyboard.press('PageUp');
  await expect(pca).toHaveAttribute('aria-current', 'step');
  expect(await rho.inputValue()).toBe(before);
  // Space on a focused plot button moves the deck too (the button is pressed with Enter or a click).
  await page.goto(`${PRESENT}#plot:monty-hall-games`);
  const games = page.locator('[data-slide-plot="monty-hall-games"]');
  await expect(games.locator('dv-plot')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const run = games.getByRole('button', { name: 'Run 100 games' });
  const readout = await games.locator('[data-readout]').textContent();
  await run.focus();
  await page.keyboard.press('Space');
  await expect(games).not.toHaveAttribute('aria-current', 'step');
  expect(await games.locator('[data-readout]').textContent()).toBe(readout);
});

test('help closed with the mouse is not reopened by Space, which reveals instead', async ({ page }) => {
  await page.goto(PRESENT);
  await page.getByRole('button', { name: /^Keys/ }).click();
  const help = page.getByRole('dialog', { name: 'Keys' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('start or pause the round clock');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  await page.keyboard.press('Space');
  await expect(help).toBeHidden();
  await expect(visibleSteps(page)).toHaveCount(1);
  // The same for the pin button: Space after clicking it moves on.
  await page.getByRole('button', { name: /^Pin question/ }).click();
  await page.keyboard.press('Space');
  await expect(visibleSteps(page)).toHaveCount(2);
});

test('the question can be pinned above the steps, from either window, and stays pinned on reload', async ({ page, context }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(PRESENT);
  const question = page.locator('#p-question');
  await page.keyboard.press('End');
  await expect(page.locator('[data-end]')).toBeInViewport();
  await expect(question).not.toBeInViewport();
  await page.keyboard.press('q');
  await expect(page.getByRole('button', { name: /^Pin question/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(question).toBeInViewport();
  // The newest step is still on screen, below the pinned question, not under it.
  const q = (await question.boundingBox())!;
  const last = (await page.locator('[data-step-id]').last().boundingBox())!;
  expect(last.y).toBeGreaterThanOrEqual(q.y + q.height - 1);
  expect(last.y + last.height).toBeLessThanOrEqual(720);
  await page.reload();
  await expect(question).toBeInViewport();
  // The interviewer window unpins it.
  const notes = await context.newPage();
  await notes.goto(`${PRESENT}notes/`);
  await expect(notes.getByRole('button', { name: 'Pin question' })).toHaveAttribute('aria-pressed', 'true');
  await notes.getByRole('button', { name: 'Pin question' }).click();
  await expect(page.getByRole('button', { name: /^Pin question/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(question).not.toBeInViewport();
});

test('the interviewer notes list the tempting mistakes, with the step each comes from', async ({ page }) => {
  await page.goto('derivations/monty-hall/');
  const onPage = await page.locator('[data-mistake-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.mistakeId!));
  expect(onPage.length).toBeGreaterThan(0);
  await page.goto(`${PRESENT}notes/`);
  const all = page.locator('.i-all-mistakes [data-mistake-id]');
  expect(await all.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.mistakeId!))).toEqual(onPage);
  await expect(all.first()).toContainText(/From step \(\d+\)/);
  // At the step a mistake is taken from, the notes for that step show it with why it is wrong.
  const from = Number((await all.first().locator('.i-mistake__from').textContent())!.match(/\((\d+)\)/)![1]);
  await page.goto(`${PRESENT}notes/#${from}`);
  const here = page.locator('[data-now]:visible [data-mistakes]');
  await expect(here).toBeVisible();
  await expect(here.locator(`[data-mistake-id="${onPage[0]}"]`)).toContainText(/\w{4,}/);
});

test('the two windows cannot be driven apart: a bad or stale message is answered and both agree', async ({ page, context }) => {
  await page.goto(`${PRESENT}#4`);
  const notes = await context.newPage();
  await notes.goto(`${PRESENT}notes/`);
  const now = notes.locator('[data-now]:visible');
  await expect(now).toHaveAttribute('data-now', '4');
  const send = (msg: object) =>
    notes.evaluate((m) => {
      const ch = new BroadcastChannel('derivable-present:monty-hall');
      ch.postMessage(m);
      ch.close();
    }, msg);
  const state = { type: 'state', blank: false, pinned: false, badges: false, id: 'zzzz' };
  // Out of the deck, fractional, garbled: refused by both, whoever claims to send them.
  for (const position of [9999, 2.5, -1, '3']) {
    await send({ ...state, from: 'interviewer', position, seq: 1e6 });
    await send({ ...state, from: 'presenter', position, seq: 1e6 });
  }
  await send({ nonsense: true });
  // A valid one from a third window is taken by both alike.
  await send({ ...state, from: 'presenter', position: 2, seq: 1e6 });
  await expect(visibleSteps(page)).toHaveCount(2);
  await expect(now).toHaveAttribute('data-now', '2');
  // An old one is answered with the newer state: nobody goes back.
  await send({ ...state, from: 'presenter', position: 7, seq: 0 });
  await page.keyboard.press('ArrowRight');
  await expect(visibleSteps(page)).toHaveCount(3);
  await expect(now).toHaveAttribute('data-now', '3');
  // Both windows press at the same moment: they end in the same place.
  await Promise.all([page.keyboard.press('ArrowRight'), notes.keyboard.press('ArrowLeft')]);
  const both = async () => [await position(page).textContent(), await position(notes).textContent()];
  await expect.poll(async () => new Set(await both()).size).toBe(1);
  // And they stay so (the answers have settled): a further move is seen by both.
  await page.keyboard.press('End');
  await expect(now).toHaveAttribute('data-now', /\d+/);
  await expect.poll(async () => new Set(await both()).size).toBe(1);
});

for (const slug of SLUGS) {
  test(`the room sees no internal ids, no ASCII math, no badges unless asked, nothing under 20px at 720p (${slug})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`present/${slug}/`);
    await page.keyboard.press('End');
    await expect(page.locator('[data-end]')).toBeVisible();
    // Plots load when they come into view: show each, then come back to the end.
    for (const plot of await page.locator('.p-slide dv-plot').all()) {
      await plot.scrollIntoViewIfNeeded();
      await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    }

    // The question: math typeset, no ASCII subscripts, carets or tildes outside KaTeX.
    const questionText = await page.locator('#p-question').evaluate((h) => {
      const c = h.cloneNode(true) as HTMLElement;
      c.querySelectorAll('.katex').forEach((k) => k.remove());
      return c.textContent ?? '';
    });
    expect(questionText).not.toMatch(/[_^~*]|\b[a-z]_\w/);

    // No step id of the module in anything the room can read, plots included. An id that is also
    // an English phrase of the prose ("log-likelihood") is not counted; "(step mse-gap-factored)" is.
    const text = await page.evaluate(
      () => document.body.innerText + ' ' + [...document.querySelectorAll('svg text')].map((t) => t.textContent).join(' '),
    );
    const prose = await page.locator('.p-step__move').allInnerTexts();
    const ids = await page
      .locator('[data-step-id]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.stepId!).filter((id) => id.includes('-')));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids.filter((id) => !prose.some((p) => p.includes(id))))
      expect(text, `step id ${id} is shown to the room`).not.toContain(id);
    expect(text).not.toMatch(/\bstep [a-z]+(-[a-z0-9]+)+/);

    // Badges are hidden until V.
    await expect(page.locator('.p-step__badge:visible')).toHaveCount(0);
    await page.keyboard.press('v');
    await expect(page.locator('.p-step__badge:visible').first()).toBeVisible();

    // Every visible text is at least 20px at 1280x720: HTML text, plot ticks and labels (SVG text as
    // drawn, after the SVG's scale), and each formula's base size (KaTeX's own sub- and superscripts
    // are smaller by design and not counted).
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keys' })).toBeVisible();
    const small = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !n.textContent?.trim()) continue;
        if (el.closest('.katex, script, style, .visually-hidden, figcaption, [hidden], noscript, [aria-hidden="true"]:not(svg)')) continue;
        if (el.closest('dialog:not([open])')) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        let size = parseFloat(getComputedStyle(el).fontSize);
        if (el instanceof SVGElement) size *= (el as unknown as SVGGraphicsElement).getScreenCTM?.()?.a ?? 1;
        if (size < 19.5)
          out.push(
            `${size.toFixed(1)}px: ${n.textContent.trim().slice(0, 40)} (${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''})`,
          );
      }
      for (const k of document.querySelectorAll<HTMLElement>('.katex')) {
        if (k.closest('[hidden], .visually-hidden') || k.getBoundingClientRect().width === 0) continue;
        const size = parseFloat(getComputedStyle(k).fontSize);
        if (size < 19.5) out.push(`${size.toFixed(1)}px: formula ${k.textContent?.slice(0, 30)}`);
      }
      return [...new Set(out)];
    });
    expect(small).toEqual([]);
  });
}
