import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';

const PRESENT = 'present/monty-hall/';

const steps = (page: Page) => page.locator('[data-step-id]');
const visibleSteps = (page: Page) => page.locator('[data-step-id]:visible');

async function visibleIds(page: Page): Promise<string[]> {
  return visibleSteps(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.stepId!));
}

test('the question comes alone; → reveals steps one at a time, ← hides one, a reload keeps the place', async ({ page }) => {
  await page.goto(PRESENT);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Should you switch?');
  const total = await steps(page).count();
  expect(total).toBeGreaterThan(3);
  await expect(visibleSteps(page)).toHaveCount(0);

  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(visibleSteps(page)).toHaveCount(3);
  const firstThree = await steps(page).evaluateAll((els) => els.slice(0, 3).map((e) => (e as HTMLElement).dataset.stepId!));
  expect(await visibleIds(page)).toEqual(firstThree);
  await expect(page.locator('[data-step-id][aria-current="step"]')).toHaveAttribute('data-step-id', firstThree[2]!);
  await expect(page).toHaveURL(/#3$/);
  // Steps carry the engine's verdict like the page does.
  for (const status of await visibleSteps(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
    expect(['verified', 'unproven', 'given']).toContain(status);
  }

  await page.keyboard.press('ArrowLeft');
  await expect(visibleSteps(page)).toHaveCount(2);
  await expect(page).toHaveURL(/#2$/);

  await page.reload();
  await expect(visibleSteps(page)).toHaveCount(2);
  await expect(page.locator('[data-step-id][aria-current="step"]')).toHaveAttribute('data-step-id', firstThree[1]!);
});

test('works from the keyboard alone: clicker keys, Home/End, number then Enter, blank, help', async ({ page }) => {
  await page.goto(PRESENT);
  const total = await steps(page).count();
  await page.keyboard.press('Space');
  await page.keyboard.press('PageDown');
  await expect(visibleSteps(page)).toHaveCount(2);
  await page.keyboard.press('PageUp');
  await expect(visibleSteps(page)).toHaveCount(1);
  await page.keyboard.press('End');
  await expect(visibleSteps(page)).toHaveCount(total);
  // The newest step is on screen, even though it is the last of many.
  await expect(steps(page).last()).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(visibleSteps(page)).toHaveCount(0);
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(visibleSteps(page)).toHaveCount(12);
  await expect(steps(page).nth(11)).toBeInViewport();
  await expect(page).toHaveURL(/#12$/);

  await page.keyboard.press('b');
  await expect(page.locator('[data-blank]')).toBeVisible();
  await page.keyboard.press('ArrowRight'); // first press only brings the screen back
  await expect(page.locator('[data-blank]')).toBeHidden();
  await expect(visibleSteps(page)).toHaveCount(12);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keys' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('PageDown');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Every control is reachable by Tab.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Monty Hall by Bayes’ theorem' })).toBeFocused();
});

test('tapping the right half goes forward and the left half back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(PRESENT);
  await page.mouse.click(1000, 500);
  await page.mouse.click(1000, 500);
  await expect(visibleSteps(page)).toHaveCount(2);
  await page.mouse.click(200, 500);
  await expect(visibleSteps(page)).toHaveCount(1);
});

test('S opens the interviewer view; it follows the projected window and drives it', async ({ page, context }) => {
  await page.goto(PRESENT);
  await page.keyboard.press('ArrowRight');
  const [notes] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await notes.waitForLoadState();
  await expect(notes).toHaveURL(/present\/monty-hall\/notes\/#1$/);
  await expect(notes.getByRole('heading', { level: 1 })).toHaveText('Monty Hall by Bayes’ theorem');
  const now = notes.locator('[data-now]:visible');
  await expect(now).toHaveAttribute('data-now', '1');

  // Main window advances: the interviewer view follows, with the notes and the next step.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(now).toHaveAttribute('data-now', '4');
  await expect(notes.locator('[data-next]:visible')).toHaveAttribute('data-next', '5');
  await expect(notes.locator('[data-position]')).toHaveText(/^Step 4 of \d+$/);

  // And the other way: the interviewer view drives the room.
  await notes.keyboard.press('ArrowRight');
  await expect(visibleSteps(page)).toHaveCount(5);
  await notes.getByRole('button', { name: 'Back' }).click();
  await expect(visibleSteps(page)).toHaveCount(4);
  await notes.getByRole('button', { name: 'Blank screen' }).click();
  await expect(page.locator('[data-blank]')).toBeVisible();
  await notes.getByRole('button', { name: 'Blank screen' }).click();
  await expect(page.locator('[data-blank]')).toBeHidden();

  // The interviewer sees the private material; the room never has it in its DOM.
  const stepNotes = (await now.locator('[data-notes] p').textContent())?.trim() ?? '';
  expect(stepNotes.length).toBeGreaterThan(20);
  await expect(notes.getByRole('heading', { name: 'Red flags' })).toBeVisible();
  await expect(notes.getByRole('heading', { name: 'Follow-up questions' })).toBeVisible();
  const roomText = await page.evaluate(() => document.documentElement.textContent ?? '');
  expect(roomText).not.toContain(stepNotes);
  const redFlag = (await notes.locator('.i-rubric__part--red-flags li').first().textContent())?.trim() ?? '';
  expect(redFlag.length).toBeGreaterThan(10);
  expect(roomText).not.toContain(redFlag);

  // A reload of the projected window keeps its place and the interviewer view stays with it.
  await page.reload();
  await expect(visibleSteps(page)).toHaveCount(4);
  await page.keyboard.press('Home');
  await expect(now).toHaveAttribute('data-now', '0');
});

test('the round timer starts, pauses and resets', async ({ page }) => {
  // Playwright's clock: the test moves time itself instead of waiting for it.
  // Paused: installed alone, the fake clock still follows wall time, and a busy machine adds seconds.
  await page.clock.install({ time: new Date('2026-01-05T10:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-05T10:00:01Z'));
  await page.goto(`${PRESENT}notes/`);
  const clock = page.getByRole('timer');
  await expect(clock).toHaveText('0:00');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.clock.runFor(1000);
  await expect(clock).toHaveText('0:01');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.clock.runFor(5000);
  await expect(clock).toHaveText('0:01');
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(clock).toHaveText('0:00');
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
});

test('the derivation page links to its presenter', async ({ page }) => {
  await page.goto('derivations/monty-hall/');
  await page.getByRole('link', { name: 'Present this derivation' }).click();
  await expect(page).toHaveURL(/present\/monty-hall\/$/);
  await expect(visibleSteps(page)).toHaveCount(0);
});

const SLIDE = 'plot:monty-hall-games';
const slide = (page: Page) => page.locator('[data-slide-plot="monty-hall-games"]');

test('a plot slide comes after its step: shown large and live, hidden by ←, tracked by the hash', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${PRESENT}#10`);
  await expect(visibleSteps(page)).toHaveCount(10);
  await expect(slide(page)).toBeHidden();

  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toBeVisible();
  await expect(slide(page)).toHaveAttribute('aria-current', 'step');
  await expect(visibleSteps(page)).toHaveCount(10);
  await expect(page).toHaveURL(new RegExp(`#${SLIDE}$`));
  await expect(page.locator('[data-position]')).toHaveText('Plot after step 10');
  await expect(slide(page)).toContainText('Play the game by hand');
  // The island loads once revealed; the figure fills most of the screen.
  await expect(slide(page).locator('dv-plot')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const panel = await slide(page).locator('.dv-panel').first().boundingBox();
  expect(panel!.width).toBeGreaterThan(600);
  await expect(slide(page).locator('.dv-panel').first()).toBeInViewport({ ratio: 1 });

  // The plot's controls work and do not move the deck.
  await slide(page).getByRole('button', { name: 'Run 100 games' }).click();
  await expect(slide(page).locator('[data-readout]')).toContainText(/\d/);
  await expect(page).toHaveURL(new RegExp(`#${SLIDE}$`));

  // Reload lands on the slide.
  await page.reload();
  await expect(slide(page)).toBeVisible();
  await expect(visibleSteps(page)).toHaveCount(10);

  await page.keyboard.press('ArrowRight');
  await expect(slide(page)).toBeVisible(); // earlier stops stay, like steps
  await expect(visibleSteps(page)).toHaveCount(11);
  await expect(page).toHaveURL(/#11$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(new RegExp(`#${SLIDE}$`));
  await page.keyboard.press('ArrowLeft');
  await expect(slide(page)).toBeHidden();
  await expect(visibleSteps(page)).toHaveCount(10);
  await expect(page).toHaveURL(/#10$/);

  // "Number, then Enter" names steps: 11 is the step after the slide, not the eleventh position.
  await page.keyboard.type('11');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#11$/);
  await expect(visibleSteps(page)).toHaveCount(11);
});

test('keys on a plot slider belong to the slider until Escape; a click outside gives them back too', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('present/pca-decorrelation/#plot:pca-decorrelation');
  const pca = page.locator('[data-slide-plot="pca-decorrelation"]');
  await expect(pca).toBeVisible();
  await expect(pca.locator('dv-plot')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const rho = pca.getByRole('slider', { name: 'Correlation ρ' });
  const before = await rho.inputValue();
  await rho.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  expect(Number(await rho.inputValue())).toBeCloseTo(Number(before) + 0.1, 6);
  await expect(page).toHaveURL(/#plot:pca-decorrelation$/);

  await page.keyboard.press('Escape');
  await expect(rho).not.toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(pca).not.toHaveAttribute('aria-current', 'step');
  const next = await page.locator('[data-position]').textContent();
  expect(next).toMatch(/^Step \d+ of \d+$/);
  await page.keyboard.press('ArrowLeft');
  await expect(pca).toHaveAttribute('aria-current', 'step');

  // A click outside the plot while a control has focus only releases it; the next click moves on.
  await rho.focus();
  await pca.locator('.p-slide__caption').click();
  await expect(rho).not.toBeFocused();
  await expect(page).toHaveURL(/#plot:pca-decorrelation$/);
  await page.keyboard.press('ArrowLeft');
  await expect(pca).toBeHidden();
});

test('the interviewer view names a plot slide, as the current and as the next position', async ({ page, context }) => {
  await page.goto(`${PRESENT}#10`);
  const [notes] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await notes.waitForLoadState();
  const caption = (await slide(page).locator('.dv-figure figcaption strong').textContent())!.trim();
  await expect(notes.locator('[data-next]:visible')).toHaveText(`Plot: ${caption}`);

  await page.keyboard.press('ArrowRight');
  const now = notes.locator('[data-now]:visible');
  await expect(now).toHaveAttribute('data-now', SLIDE);
  await expect(now.locator('.i-panel__label')).toHaveText(`Plot: ${caption}`);
  await expect(notes.locator('[data-position]')).toHaveText('Plot after step 10');
  await expect(notes).toHaveURL(new RegExp(`#${SLIDE}$`));
  await expect(notes.locator('[data-next]:visible')).toHaveAttribute('data-next', '11');

  // Driving from the interviewer view steps over the slide the same way.
  await notes.keyboard.press('ArrowRight');
  await expect(visibleSteps(page)).toHaveCount(11);
  await notes.getByRole('button', { name: 'Back' }).click();
  await expect(slide(page)).toHaveAttribute('aria-current', 'step');
  await notes.getByRole('button', { name: 'Back' }).click();
  await expect(slide(page)).toBeHidden();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the projected view has no serious accessibility violations with steps and keys shown (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${PRESENT}#3`);
    await expect(visibleSteps(page)).toHaveCount(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keys' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`a plot slide has no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${PRESENT}#${SLIDE}`);
    await expect(slide(page).locator('dv-plot')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`the interviewer view has no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${PRESENT}notes/#3`);
    await expect(page.locator('[data-now]:visible')).toHaveAttribute('data-now', '3');
    expect(await seriousViolations(page)).toEqual([]);
  });
}
