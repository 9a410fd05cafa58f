/**
 * Practice-mode figures in Chromium (a benchmark that prints numbers, not a test):
 *   - JS a reading page loads, and JS loaded once practice/scratchpad is used
 *     (raw and gzipped, worker included);
 *   - cold first check: from the first keystroke in a fresh browser (empty
 *     cache) to the first verdict, i.e. worker start + engine download and load.
 *     The scratchpad starts its worker when the page loads, so the first line
 *     is typed as soon as the page is interactive (DOMContentLoaded), not after
 *     the network is idle: the figure still includes the engine's download and start;
 *   - warm per-line latency (median, p95) over 20 lines on the scratchpad, and
 *     over a practice-page chain (which also matches lines to reference steps);
 *   - practice first verdict: on a derivation page with a phone profile
 *     (390×844, CPU 4× slower), from the last keystroke of the first line to
 *     its first verdict, practice opened at load or after 3 s of reading, the
 *     line entered at once, after 3 s, or key by key (`bench:site` reads the
 *     median against bench/budgets.json, reported and never gated).
 * Line latency is read from the page's `derivable:line` User Timing entries:
 * from the end of the 300 ms typing debounce to the first verdict on screen
 * (which may be the numeric one while a symbolic proof is looked for; it is
 * a real verdict of the engine). `derivable:line-final` gives the time to the
 * final verdict, printed too. The engine keeps no cache of verdicts, and the
 * 20 lines are distinct checks (no line is checked against the same line twice).
 *
 *   npm run build && npx astro preview --port 4321 &
 *   npx tsx scripts/bench-practice.ts [http://localhost:4321/] [--phone-only] [--runs N]
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
/** `--runs N`: runs of each phone scenario (2 by default). */
const runs = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 2) : 2;
const base = (argv.find((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1)) ?? 'http://localhost:4321/').replace(
  /\/?$/,
  '/',
);
/** `--phone-only`: only the practice first verdict on a phone profile. */
const phoneOnly = argv.includes('--phone-only');

/** 20 scratchpad lines: a chain of algebra, exp/log, trig and fractions. */
const LINES = [
  '(x + 1)^3',
  'x^3 + 3*x^2 + 3*x + 1',
  '(x + 1)*(x^2 + 2*x + 1)',
  '(x + 1)^2*(x + 1)',
  'exp(3*log(x + 1))',
  '(x + 1)^3',
  '(x^2 - 1)*(x + 1)^2/(x - 1)',
  '(x + 1)^3',
  'x^3 + 3*x^2 + 3*x + 1 + sin(x)^2 + cos(x)^2 - 1',
  'x^3 + 3*x^2 + 3*x + 1',
  '(2*x^3 + 6*x^2 + 6*x + 2)/2',
  'x*(x^2 + 3*x + 3) + 1',
  'x^3 + 3*x*(x + 1) + 1',
  'x^3 + 3*x^2 + 3*x + 2',
  'x^3 + 3*x^2 + 3*x + 2 + 0*y',
  'x^3 + 3*x^2 + 3*x + 2',
  '(x + 2)*(x^2 + x + 1)',
  'x^3 + 3*x^2 + 3*x + 2',
  'x^3 + 3*x^2 + 3*x + 2 + log(exp(1)) - 1',
  'x^3 + 3*x^2 + 3*x + 2',
];

const PRACTICE = ['-2*transpose(t)*(y - v*t)', 'v = transpose(t)*y/(transpose(t)*t)'];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Every script the page and its workers fetch, with raw and gzipped sizes. */
function trackScripts(context: BrowserContext) {
  const seen = new Map<string, { raw: number; gz: number }>();
  const pending: Promise<void>[] = [];
  context.on('response', (res) => {
    const url = res.url();
    const type = res.request().resourceType();
    if (!(type === 'script' || /\.m?js(\?|$)/.test(url)) || seen.has(url)) return;
    pending.push(
      res
        .body()
        .then((b) => void seen.set(url, { raw: b.length, gz: gzipSync(b, { level: 9 }).length }))
        .catch(() => undefined),
    );
  });
  return {
    async total(): Promise<{ raw: number; gz: number; files: number; list: [string, { raw: number; gz: number }][] }> {
      await Promise.all(pending);
      const list = [...seen];
      return {
        raw: list.reduce((a, [, v]) => a + v.raw, 0),
        gz: list.reduce((a, [, v]) => a + v.gz, 0),
        files: list.length,
        list,
      };
    },
    reset() {
      seen.clear();
      pending.length = 0;
    },
  };
}

async function lineTimings(page: Page, name = 'derivable:line'): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
}

/** performance.now() in the page when the first verdict of the line `index` was shown. */
async function shownAt(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => {
    const e = performance.getEntriesByName('derivable:line')[i]!;
    return e.startTime + e.duration;
  }, index);
}

async function typeAndWait(page: Page, text: string, index: number): Promise<void> {
  const input = page.getByRole('textbox', { name: /^Your next step/ }).last();
  await input.fill(text);
  await input.press('Enter');
  await page.waitForFunction(
    (i) => {
      const v = document.querySelectorAll('.pline__verdict')[i];
      const s = v?.getAttribute('data-status');
      return !!s && s !== 'pending' && s !== 'empty';
    },
    index,
    { timeout: 60_000, polling: 'raf' },
  );
}

/** The first line of ml-vs-map's practice, as a candidate types it (a short line: the gradient). */
const PHONE_LINE = '-2*transpose(t)*(y-v*t)';

async function phoneFirstVerdict(
  browser: Browser,
  reading: number,
  pause: number,
  how: 'paste' | 'type',
): Promise<{ status: string | null; fromClick: number; fromKeystroke: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // The last keystroke as the page saw it: the time of the last `input` event.
  await page.addInitScript('document.addEventListener("input", () => { window.__lastInput = performance.now(); }, { capture: true });');
  await page.goto(`${base}derivations/ml-vs-map/`, { waitUntil: 'load' });
  if (reading) await page.waitForTimeout(reading);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Practice this derivation' }).tap();
  const input = page.getByRole('textbox', { name: /^Your next step/ }).last();
  await input.waitFor();
  if (pause) await page.waitForTimeout(pause);
  // In one go (one `input` event: a paste, an autocompletion; the engine may still be loading), or
  // key by key at about 6 keys a second, a quick thumb (the engine loads while the line is typed).
  if (how === 'paste') await input.fill(PHONE_LINE);
  else await input.pressSequentially(PHONE_LINE, { delay: 150 });
  // The first verdict of the line as typed: the first `derivable:line` entry that starts after
  // the last keystroke (a check of a shorter prefix, begun while typing, was cancelled or is older).
  const handle = await page.waitForFunction(
    () => {
      const last = (window as unknown as { __lastInput: number }).__lastInput;
      const e = performance.getEntriesByName('derivable:line').find((x) => x.startTime >= last);
      return e ? { keystroke: last, shown: e.startTime + e.duration } : undefined;
    },
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  const { keystroke, shown } = (await handle.jsonValue())!;
  const status = await page.locator('.pline__verdict').first().getAttribute('data-status');
  await context.close();
  return { status, fromClick: shown - clicked, fromKeystroke: shown - keystroke };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

  // Reading page: what ships before practice is used.
  if (!phoneOnly) {
    const context = await browser.newContext();
    const scripts = trackScripts(context);
    const page = await context.newPage();
    await page.goto(`${base}derivations/ml-vs-map/`, { waitUntil: 'networkidle' });
    const t = await scripts.total();
    console.log(`reading page JS: ${t.files} files, ${kb(t.raw)} raw, ${kb(t.gz)} gzipped`);
    scripts.reset();
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Practice this derivation' }).click();
    for (let i = 0; i < PRACTICE.length; i++) await typeAndWait(page, PRACTICE[i]!, i);
    await page.waitForFunction(() => !document.querySelector('.pline[data-status="pending"]'));
    const p = await scripts.total();
    console.log(`practice mode JS (editor, KaTeX, worker with the engine): ${p.files} files, ${kb(p.raw)} raw, ${kb(p.gz)} gzipped`);
    for (const [url, v] of p.list.sort((a, b) => b[1].gz - a[1].gz))
      console.log(`    ${kb(v.gz).padStart(10)} gz  ${url.replace(base, '/')}`);
    const times = await lineTimings(page);
    console.log(
      `practice page (ml-vs-map), ${PRACTICE.length} lines incl. reference matching: ${times.map(ms).join(', ')}; total ${ms(Date.now() - t0)}`,
    );
    await context.close();
  }

  // Practice first verdict: on a derivation page, as on a phone (390×844, touch, CPU throttled 4×
  // via CDP), in a fresh context each run (empty cache). The reader taps "Practice" right after
  // load, or after reading for 3 s (idle time the page may use), and enters the first line at once
  // or after reading the starting lines for 3 s, in one go or key by key. Timed from the last
  // keystroke (the last `input` event) to the first verdict on screen.
  {
    const fromKeystroke: number[] = [];
    for (const [reading, pause, how] of [
      [0, 0, 'paste'],
      [3000, 0, 'paste'],
      [0, 3000, 'paste'],
      [0, 0, 'type'],
    ] as const) {
      for (let run = 0; run < runs; run++) {
        const r = await phoneFirstVerdict(browser, reading, pause, how);
        fromKeystroke.push(r.fromKeystroke);
        console.log(
          `phone, 4× CPU, practice on ml-vs-map clicked ${reading ? `after ${reading / 1000} s of reading` : 'at load'}, line ${how === 'paste' ? 'entered in one go' : 'typed key by key'} ${pause ? `${pause / 1000} s after it opened` : 'at once'}: first verdict (${r.status}) ${ms(r.fromClick)} after the click, ${ms(r.fromKeystroke)} after the last keystroke`,
        );
      }
    }
    console.log(
      `practice first verdict (phone, 4× CPU, from the last keystroke): n = ${fromKeystroke.length}, median ${ms(percentile(fromKeystroke, 50))}, max ${ms(Math.max(...fromKeystroke))}`,
    );
  }

  // Scratchpad: cold first check in a fresh context, then 20 warm lines.
  if (!phoneOnly) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Type as soon as the page can take input: the worker, started at page load, is still loading.
    await page.goto(`${base}check/`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('textbox', { name: /^Your next step/ }).waitFor();
    const keystroke = await page.evaluate(() => performance.now());
    await typeAndWait(page, LINES[0]!, 0);
    const firstShown = await shownAt(page, 0);
    await typeAndWait(page, LINES[1]!, 1);
    const [firstPreview, firstCheck] = await lineTimings(page);
    console.log(`cold first line (worker + engine load, then parse): ${ms(firstPreview!)}`);
    console.log(`  the same from the keystroke, the 300 ms typing debounce included: ${ms(firstShown - keystroke)}`);
    console.log(`cold first check (the second line: first check in the worker): ${ms(firstCheck!)}`);
    for (let i = 2; i < LINES.length; i++) await typeAndWait(page, LINES[i]!, i);
    await page.waitForFunction(() => !document.querySelector('.pline__verdict[data-stage="provisional"]'), undefined, { timeout: 60_000 });
    const warm = (await lineTimings(page)).slice(2);
    const final = (await lineTimings(page, 'derivable:line-final')).slice(2);
    const provisional = await page.evaluate(
      () => performance.getEntriesByName('derivable:line').filter((e) => (e as PerformanceMeasure).detail?.provisional).length,
    );
    const statuses = await page.locator('.pline__verdict').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    console.log(
      `warm lines: n = ${warm.length}, median ${ms(percentile(warm, 50))}, p95 ${ms(percentile(warm, 95))}, max ${ms(Math.max(...warm))}`,
    );
    console.log(
      `  to the final verdict: median ${ms(percentile(final, 50))}, p95 ${ms(percentile(final, 95))}, max ${ms(Math.max(...final))} (${provisional} of ${warm.length + 2} lines showed the numeric verdict first)`,
    );
    console.log(`  per line (first / final): ${warm.map((w, i) => `${w.toFixed(0)}/${final[i]!.toFixed(0)}`).join(' ')}`);
    console.log(`  verdicts: ${statuses.filter((s) => s && s !== 'empty').join(' ')}`);
    const methods = await page.locator('.pline__text').allTextContents();
    console.log(`  final texts: ${methods.join(' | ')}`);
    await context.close();
  }
  await browser.close();
}

await main();
