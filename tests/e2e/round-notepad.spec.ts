/**
 * The round's shared notepad on a running server (issue 18): `server/serve.ts` serves the built
 * site and the sync server on one port, started here as `npm start` would (after the build).
 * Two browser contexts, the interviewer and the candidate, type in one room; a third with a wrong
 * room id sees nothing; the server refuses an oversized document and an unknown room path; a
 * killed and restarted server loses no line typed while it was down. And the presenter's
 * interviewer view, on another device, follows and drives the deck through the same server.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';

const E2E_PORT = Number(process.env.E2E_PORT ?? 4322);
/** Beside the preview server's port: SYNC_E2E_PORT, or E2E_PORT + 10. */
const PORT = Number(process.env.SYNC_E2E_PORT ?? E2E_PORT + 10);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DIST = resolve(process.env.E2E_DIST ?? 'dist');
const SECRET = 'e2e-notepad-secret';
/** Small, so a paste passes it: the default is 256 KB. */
const MAX_DOC_BYTES = 8192;

// One server for the file; the restart test stops and starts it. Each test drives three pages and
// the checker on a shared machine: a ceiling, not an expectation (every step waits for a condition).
test.describe.configure({ mode: 'default', timeout: 240_000 });

let server: ChildProcess | undefined;

async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts', '--port', String(PORT), '--site', DIST], {
    env: { ...process.env, DERIVABLE_SYNC_SECRET: SECRET, DERIVABLE_SYNC_MAX_DOC_BYTES: String(MAX_DOC_BYTES) },
    stdio: 'ignore',
  });
  await expect
    .poll(
      () =>
        fetch(`${ORIGIN}/sync/health`).then(
          (r) => r.ok,
          () => false,
        ),
      { message: 'the server answers', timeout: 60_000 },
    )
    .toBe(true);
}

async function stopServer(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  const gone = new Promise((r) => s.once('exit', r));
  s.kill('SIGKILL');
  await gone;
}

test.beforeAll(async () => {
  if (!existsSync(join(DIST, 'round', 'pad', 'index.html')))
    throw new Error(`no built site with /round/pad/ in ${DIST}: run npm run build first`);
  await startServer();
});
test.afterAll(stopServer);

const pad = (page: Page) => page.locator('[data-notepad]');
const inputs = (page: Page) => pad(page).locator('.pline__input');
const lines = (page: Page) => inputs(page).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
const status = (page: Page) => pad(page).locator('[data-pad-status]');

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** The interviewer opens /round/ and a notepad: its page and the candidate's link. */
async function openRoom(browser: Browser): Promise<{ interviewer: Page; link: string }> {
  const interviewer = await newPage(browser);
  await interviewer.goto(`${ORIGIN}/round/`);
  await interviewer.getByRole('button', { name: 'Open a shared notepad' }).click();
  await expect(status(interviewer)).toHaveAttribute('data-sync', 'connected');
  const link = await interviewer.getByLabel('Link to send').inputValue();
  expect(link).toMatch(new RegExp(`^${ORIGIN}/round/pad/#room=[A-Za-z0-9_-]{32}$`));
  return { interviewer, link };
}

/** Type `text` on a new line after the last one (the first line when the notepad is empty). */
async function typeLine(page: Page, text: string): Promise<void> {
  const last = inputs(page).last();
  if ((await last.inputValue()) !== '') {
    await last.focus();
    await last.press('End');
    await last.press('Enter');
  }
  await inputs(page).last().pressSequentially(text);
}

test('interviewer and candidate type in one room; verdicts for the interviewer, for the candidate only when switched on', async ({
  browser,
}) => {
  const { interviewer, link } = await openRoom(browser);
  const candidate = await newPage(browser);
  await candidate.goto(link);
  await expect(status(candidate)).toHaveAttribute('data-sync', 'connected');
  await expect(status(candidate)).toHaveText('Connected: the interviewer sees your lines as you type.');

  await typeLine(interviewer, '(x+1)^2');
  await expect.poll(() => lines(candidate)).toEqual(['(x+1)^2']);
  await typeLine(candidate, 'x^2 + 2x + 1');
  await expect.poll(() => lines(interviewer)).toEqual(['(x+1)^2', 'x^2 + 2x + 1']);
  await typeLine(candidate, 'x^2 + 2x + 2');
  await expect.poll(() => lines(interviewer)).toEqual(['(x+1)^2', 'x^2 + 2x + 1', 'x^2 + 2x + 2']);

  // The interviewer sees every line's verdict, as the scratchpad gives it.
  const verdicts = pad(interviewer).locator('.pline__verdict');
  await expect(verdicts.nth(1)).toHaveAttribute('data-status', 'verified');
  await expect(verdicts.nth(2)).toHaveAttribute('data-status', 'refuted');
  await expect(verdicts.nth(2)).toContainText('refuted');
  await expect(interviewer.getByLabel('The candidate sees verdicts')).not.toBeChecked();

  // The candidate, by default, sees the lines and their typeset preview but no verdict.
  await expect.poll(() => lines(candidate)).toEqual(['(x+1)^2', 'x^2 + 2x + 1', 'x^2 + 2x + 2']);
  await expect(pad(candidate).locator('.pline__preview .katex').nth(2)).toBeVisible();
  await expect(pad(candidate).locator('.pline__verdict').nth(2)).toBeHidden();
  await expect(candidate.locator('[data-pad-verdict-note]')).toContainText('not shown here');
  await expect(candidate.locator('[data-pad-live]')).not.toContainText('refuted');

  // The interviewer's switch, carried in the shared document.
  await interviewer.getByLabel('The candidate sees verdicts').check();
  await expect(pad(candidate).locator('.pline__verdict').nth(2)).toBeVisible();
  await expect(pad(candidate).locator('.pline__verdict').nth(2)).toHaveAttribute('data-status', 'refuted');
  await expect(pad(candidate).locator('.pline__verdict').nth(1)).toHaveAttribute('data-status', 'verified');
  await interviewer.getByLabel('The candidate sees verdicts').uncheck();
  await expect(pad(candidate).locator('.pline__verdict').nth(2)).toBeHidden();

  // Notes and scores are not in the candidate's page, and a reload keeps the room and its lines.
  await expect(candidate.locator('[data-card], [data-notes], [data-summary]')).toHaveCount(0);
  await interviewer.reload();
  await expect(status(interviewer)).toHaveAttribute('data-sync', 'connected');
  await expect.poll(() => lines(interviewer)).toEqual(['(x+1)^2', 'x^2 + 2x + 1', 'x^2 + 2x + 2']);
});

test('a wrong room id sees nothing; the server refuses an unknown room path', async ({ browser }) => {
  const { interviewer, link } = await openRoom(browser);
  await typeLine(interviewer, 'a^2 - b^2');
  const room = new URL(link).hash.slice('#room='.length);
  const guessed = (room[0] === 'A' ? 'B' : 'A') + room.slice(1);

  const stranger = await newPage(browser);
  await stranger.goto(`${ORIGIN}/round/pad/#room=${guessed}`);
  await expect(status(stranger)).toHaveAttribute('data-sync', 'unknown');
  await expect(status(stranger)).toContainText('does not know this room');
  expect(await lines(stranger)).toEqual(['']);
  // What the stranger types stays with the stranger.
  await typeLine(stranger, 'hello?');
  const candidate = await newPage(browser);
  await candidate.goto(link);
  await expect.poll(() => lines(candidate)).toEqual(['a^2 - b^2']);
  expect(await lines(interviewer)).toEqual(['a^2 - b^2']);

  // A websocket to a guessed id or to a path that is no room is refused at the upgrade (404).
  for (const path of [`/sync/${guessed}`, '/sync/not-a-room', '/sync/', '/elsewhere']) {
    expect(await upgradeStatus(path), path).toBe(404);
  }
  expect(await upgradeStatus(`/sync/${room}`)).toBe(101);
  // And from a page: the socket never opens.
  const opened = await stranger.evaluate(
    (url) =>
      new Promise<boolean>((done) => {
        const ws = new WebSocket(url);
        ws.onopen = () => done(true);
        ws.onclose = () => done(false);
      }),
    `ws://127.0.0.1:${PORT}/sync/${guessed}`,
  );
  expect(opened).toBe(false);
});

test('the server refuses an oversized document, and the page says so and keeps the lines', async ({ browser }) => {
  const { interviewer, link } = await openRoom(browser);
  const candidate = await newPage(browser);
  await candidate.goto(link);
  await expect(status(candidate)).toHaveAttribute('data-sync', 'connected');
  await typeLine(interviewer, 'x + x');
  await expect.poll(() => lines(candidate)).toEqual(['x + x']);

  // A paste of 40 lines of 240 characters: about 10 KB, past the server's 8 KB.
  const long = Array.from({ length: 40 }, (_, i) => `x + ${'1 + '.repeat(58)}${i}`);
  await inputs(interviewer).first().focus();
  await inputs(interviewer).first().press('End');
  await inputs(interviewer).first().press('Enter');
  await inputs(interviewer)
    .last()
    .evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, long.join('\n'));
  await expect(status(interviewer)).toHaveAttribute('data-sync', 'refused');
  await expect(status(interviewer)).toContainText('over the size limit');
  // The interviewer keeps every line; the candidate has the empty line Enter made, never the refused paste.
  await expect.poll(async () => (await lines(interviewer)).length).toBe(41);
  expect(await lines(candidate)).toEqual(['x + x', '']);
  await interviewer.getByRole('button', { name: 'Close notepad' }).click();
  await expect(status(interviewer)).toHaveAttribute('data-sync', 'none');
});

test('killing and restarting the server loses no line typed while it was down', async ({ browser }) => {
  const { interviewer, link } = await openRoom(browser);
  const candidate = await newPage(browser);
  await candidate.goto(link);
  await expect(status(candidate)).toHaveAttribute('data-sync', 'connected');
  await typeLine(interviewer, '(a+b)^2');
  await expect.poll(() => lines(candidate)).toEqual(['(a+b)^2']);
  // The checker is loaded before the server (which also serves its files) goes away.
  await expect(pad(interviewer).locator('.pline__verdict').first()).toHaveAttribute('data-status', 'start');

  await stopServer();
  await expect(status(interviewer)).toHaveAttribute('data-sync', 'offline');
  await expect(status(candidate)).toHaveAttribute('data-sync', 'offline');
  await expect(status(candidate)).toContainText('No sync server reachable');
  await typeLine(interviewer, 'a^2 + 2ab + b^2');
  await typeLine(candidate, '# typed by the candidate while the server was down');
  // Kept in this browser too (a reload while the server is down would bring them back).
  await expect.poll(() => interviewer.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('derivable-notepad:')))).toBe(true);

  await startServer();
  const all = ['(a+b)^2', 'a^2 + 2ab + b^2', '# typed by the candidate while the server was down'];
  await expect(status(interviewer)).toHaveAttribute('data-sync', 'connected', { timeout: 60_000 });
  await expect(status(candidate)).toHaveAttribute('data-sync', 'connected', { timeout: 60_000 });
  await expect.poll(async () => [...(await lines(interviewer))].sort()).toEqual([...all].sort());
  await expect.poll(async () => [...(await lines(candidate))].sort()).toEqual([...all].sort());
  expect(await lines(candidate)).toEqual(await lines(interviewer));
});

test("the interviewer's notes view on another device follows and drives the deck through the server", async ({ browser }) => {
  // The laptop: the projected window and the interviewer window, in one browser.
  const laptop = await browser.newContext();
  const projected = await laptop.newPage();
  await projected.goto(`${ORIGIN}/present/monty-hall/`);
  const notes = await laptop.newPage();
  await notes.goto(`${ORIGIN}/present/monty-hall/notes/`);
  await notes.getByRole('button', { name: 'Notes on another device' }).click();
  await expect(notes.locator('[data-relay-status]')).toContainText('Connected');
  const link = await notes.getByLabel('Open this link on the other device').inputValue();
  expect(link).toMatch(new RegExp(`^${ORIGIN}/present/monty-hall/notes/#relay=[A-Za-z0-9_-]{32}$`));
  // Only the server can now join the tablet to the projected window: no interviewer window is left on the laptop.
  await notes.close();

  // The tablet: another browser, no BroadcastChannel in common.
  const tablet = await newPage(browser);
  await tablet.goto(link);
  await expect(tablet).toHaveURL(`${ORIGIN}/present/monty-hall/notes/`);
  await expect(tablet.locator('[data-relay-status]')).toContainText('Connected');
  await tablet.getByRole('button', { name: 'Reveal next →' }).click();
  await tablet.getByRole('button', { name: 'Reveal next →' }).click();
  await expect(projected).toHaveURL(/#2$/);
  // And back: the projected window moves, the tablet follows.
  await projected.keyboard.press('ArrowRight');
  await expect(projected).toHaveURL(/#3$/);
  await expect(tablet.locator('[data-position]')).toHaveText(/^Step 3 of \d+$/);
});

/** The status of a websocket upgrade request to `path` (101: switched; 404: refused). */
function upgradeStatus(path: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = http.request(`${ORIGIN}${path}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      done(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}
