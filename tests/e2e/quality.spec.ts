/**
 * Quality gates that sit across features (issue 8): accessibility in the
 * interactive modes, keyboard-only use of practice mode and the interviewer
 * view, and hostile input arriving through the practice input and through a
 * hand-made share link. What practice.spec.ts and presenter.spec.ts already
 * cover (scratchpad keys, projected-view keys, axe on monty-hall at step 3,
 * UI-made share links) is not repeated here.
 */
import { test, expect, type Page, type Locator } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';
import { builtPages } from './pages';
import { seriousViolations } from './axe';

const CHECK_TIMEOUT = 30_000;
const SLUGS = builtPages()
  .map((p) => /^derivations\/([^/]+)\/$/.exec(p)?.[1])
  .filter((s): s is string => !!s);

const lineInput = (page: Page) => page.getByRole('textbox', { name: /^Your next step/ }).last();
const verdicts = (page: Page) => page.locator('.pline__verdict');

async function settled(v: Locator): Promise<void> {
  await expect(v).not.toHaveAttribute('data-status', /^(pending|empty)$/, { timeout: CHECK_TIMEOUT });
}

/** Press Tab until `target` has focus; fails if it is not reachable in `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 80, back = false } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

test('the build has derivation pages to test', () => {
  expect(SLUGS.length).toBeGreaterThanOrEqual(5);
});

for (const slug of SLUGS) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`practice mode on ${slug} has no serious accessibility violations, with verdicts, hint and dialog (${scheme})`, async ({
      page,
    }) => {
      // A whole derivation page is ~14,000 nodes (KaTeX's MathML included, and audited): on a
      // loaded machine a scan is slow, not wrong, so these tests get three times the time.
      test.slow();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`derivations/${slug}/`);
      await page.getByRole('button', { name: 'Practice this derivation' }).click();
      await expect(page.getByRole('heading', { name: 'Practice: your derivation' })).toBeVisible();
      // A line that does not parse, one that is refuted or unproven, and an empty new line.
      for (const text of ['x^2 +* 3', 'x + 1', 'x']) {
        await lineInput(page).fill(text);
        await lineInput(page).press('Enter');
      }
      for (let i = 0; i < 3; i++) await settled(verdicts(page).nth(i));
      await page.getByRole('button', { name: 'Hint: name the next move' }).click();
      await expect(page.locator('[data-practice-hint-box]')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Clear my lines…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await seriousViolations(page, '[role="dialog"], dialog')).toEqual([]);
    });

    test(`the presenter for ${slug}, every step shown, and its interviewer view have no serious violations (${scheme})`, async ({
      page,
    }) => {
      test.slow();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`present/${slug}/`);
      await page.keyboard.press('End');
      const steps = page.locator('[data-step-id]');
      await expect(page.locator('[data-step-id]:visible')).toHaveCount(await steps.count());
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`present/${slug}/notes/#${await steps.count()}`);
      await expect(page.locator('[data-now]:visible')).toHaveCount(1);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

test('practice mode works from the keyboard alone: toggle, lines, hint, clear dialog, back to the reference', async ({ page }) => {
  await page.goto('derivations/newton-method/');
  const toggle = page.getByRole('button', { name: 'Practice this derivation' });
  await tabTo(page, toggle);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Back to the reference' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('article.derivation-prose')).toBeHidden();
  // Focus lands in the editor: no pointer needed to start writing.
  await expect(lineInput(page)).toBeFocused();
  await page.keyboard.type('0 = fk + dk*(x - xk)');
  await page.keyboard.press('Enter');
  await expect(lineInput(page)).toBeFocused();
  await page.keyboard.type('x = xk - fk/dk');
  await page.keyboard.press('Enter');
  await expect(verdicts(page).nth(0)).toHaveAttribute('data-status', 'verified', { timeout: CHECK_TIMEOUT });
  await expect(verdicts(page).nth(1)).toHaveAttribute('data-status', 'verified', { timeout: CHECK_TIMEOUT });

  const hint = page.getByRole('button', { name: 'Hint: name the next move' });
  await tabTo(page, hint);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-practice-hint-box]')).toContainText(/Next move|last step/);

  const clear = page.getByRole('button', { name: 'Clear my lines…' });
  await tabTo(page, clear);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Keep my lines' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.pline__input').first()).toHaveValue('0 = fk + dk*(x - xk)');
  // Focus is not dropped to the page after the dialog closes.
  expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);

  const back = page.getByRole('button', { name: 'Back to the reference' });
  await tabTo(page, back, { back: true });
  await page.keyboard.press('Enter');
  await expect(page.locator('article.derivation-prose')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Practice this derivation' })).toHaveAttribute('aria-pressed', 'false');
});

test('the interviewer view works from the keyboard alone: timer start, pause, resume, reset', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-01-01T09:00:00Z') });
  await page.goto('present/monty-hall/notes/');
  await page.clock.pauseAt(new Date('2026-01-01T09:10:00Z'));
  const clock = page.getByRole('timer');
  await tabTo(page, page.getByRole('button', { name: 'Start' }));
  await page.keyboard.press('Enter');
  await page.clock.runFor(2000);
  await expect(clock).toHaveText('0:02');
  // Enter presses a focused button; Space is the deck's key (a clicker's), so it reveals instead.
  await tabTo(page, page.getByRole('button', { name: 'Pause' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
  await page.clock.runFor(5000);
  await expect(clock).toHaveText('0:02');
  await tabTo(page, page.getByRole('button', { name: 'Reset' }));
  await page.keyboard.press('Enter');
  await expect(clock).toHaveText('0:00');
});

// ---------------------------------------------------------------------------
// Hostile input.

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1">',
  '"><script>window.__pwned=1</script>',
  String.raw`\href{javascript:window.__pwned=1}{x}`,
  String.raw`\htmlData{onerror=window.__pwned=1}{x}`,
  String.raw`\htmlStyle{background:url(javascript:window.__pwned=1)}{x}`,
  String.raw`\includegraphics{javascript:window.__pwned=1}`,
  String.raw`\def\a{\a\a}\a`,
  'javascript:window.__pwned=1',
  '{{constructor.constructor("window.__pwned=1")()}}',
];

/** Fails the test if anything from input ran as script, opened a dialog, or became markup. */
async function guard(page: Page): Promise<() => Promise<void>> {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.addInitScript(() => {
    // A payload that runs would most likely touch one of these.
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      window[name] = (() => {
        (window as unknown as { __pwned: number }).__pwned = 1;
      }) as never;
    }
  });
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toBe(0);
    await expect(
      page.locator('.pline img, .pline svg[onload], .pline script, .pline a[href^="javascript" i], [data-message] img'),
    ).toHaveCount(0);
  };
}

test('hostile lines typed in practice mode on a derivation page never run', async ({ page }) => {
  const check = await guard(page);
  await page.goto('derivations/ml-vs-map/');
  await page.getByRole('button', { name: 'Practice this derivation' }).click();
  for (const p of PAYLOADS) {
    await lineInput(page).fill(p);
    await lineInput(page).press('Enter');
  }
  for (let i = 0; i < PAYLOADS.length; i++) await settled(verdicts(page).nth(i));
  await page.reload(); // the lines come back from storage and are rendered again
  await expect(page.locator('.pline__input').nth(0)).toHaveValue(PAYLOADS[0]!);
  await settled(verdicts(page).nth(PAYLOADS.length - 1));
  await check();
});

/** A share link as the scratchpad writes it, but with any JSON inside. */
function shareLink(data: unknown): string {
  const b64 = deflateRawSync(Buffer.from(JSON.stringify(data))).toString('base64url');
  return `check/#s=${b64}`;
}

test('a hand-made share link with hostile lines or a hostile shape never runs and says what is wrong', async ({ page }) => {
  const check = await guard(page);
  await page.goto(shareLink({ v: 1, chains: [PAYLOADS.slice(0, 5), PAYLOADS.slice(5)] }));
  await expect(page.locator('.pline__input').nth(0)).toHaveValue(PAYLOADS[0]!);
  await expect(page.getByRole('status')).toHaveText('Loaded 2 chains from the share link.');
  for (let i = 0; i < PAYLOADS.length; i++) await settled(verdicts(page).nth(i));
  await check();

  const cases: [unknown, RegExp][] = [
    [{ v: 1, chains: '<img src=x onerror="window.__pwned=1">' }, /does not hold chains of lines/],
    [{ v: 1, chains: [[{ toString: 'x' }]], __proto__: { polluted: 1 } }, /does not hold chains of lines/],
    [{ v: 1, chains: [[]] }, /holds no lines/],
  ];
  for (const [data, message] of cases) {
    await page.goto('about:blank');
    await page.goto(shareLink(data));
    await expect(page.getByRole('status')).toHaveText(message);
    expect(await page.evaluate(() => (({}) as { polluted?: unknown }).polluted)).toBeUndefined();
    await check();
  }

  // A deflate bomb: a small link that expands past the limit.
  await page.goto('about:blank');
  await page.goto(shareLink({ v: 1, chains: [['x'.repeat(3_000_000)]] }));
  await expect(page.getByRole('status')).toHaveText(/expands to (too much text|more than 1 MB)|too long/);
  await check();
});
