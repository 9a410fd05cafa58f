/**
 * The container recipe's server configuration (deploy/nginx.conf), run for
 * real: Debian's nginx serves the built dist/ with it on a loopback port, and
 * we check what a reader's browser gets: the build's Content-Security-Policy
 * as a header with `frame-ancestors 'none'` (so another site cannot frame
 * it), a year of caching for hashed files, the site's 404 page, gzip and
 * Brotli. Needs /usr/sbin/nginx and its Brotli module (.ci/run installs
 * both); without them every test here fails and says so.
 */
import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { headerPolicy, metaPolicies, nginxSnippet, parsePolicy } from '../../scripts/nginx-csp';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const E2E_PORT = Number(process.env.E2E_PORT ?? 4322);
/** Beside the preview server's port (E2E_PORT): NGINX_PORT, or E2E_PORT + 2. */
const PORT = Number(process.env.NGINX_PORT ?? E2E_PORT + 2);
const DIST = resolve(process.env.E2E_DIST ?? 'dist');
const ORIGIN = `http://127.0.0.1:${PORT}`;

// One nginx for the file: its tests run one after another in one worker.
test.describe.configure({ mode: 'default' });

let nginx: ChildProcess | undefined;
let dir = '';
let log = '';

/** `text` with `from` replaced by `to`, which must occur exactly `count` times. */
function swap(text: string, from: string, to: string, count = 1): string {
  const found = text.split(from).length - 1;
  if (found !== count) throw new Error(`deploy/nginx.conf: expected ${count} × “${from}”, found ${found}`);
  return text.split(from).join(to);
}

test.beforeAll(async () => {
  if (!existsSync(NGINX)) {
    throw new Error(
      `nginx is not installed at ${NGINX}: apt-get install -y nginx libnginx-mod-http-brotli-filter (.ci/run does), or set NGINX_PATH`,
    );
  }
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no built site in ${DIST}: run npm run build first`);
  dir = mkdtempSync(join(tmpdir(), 'dv-nginx-'));
  // The files the Dockerfile puts in /etc/nginx/snippets/, made the same way.
  writeFileSync(join(dir, 'derivable-csp.conf'), nginxSnippet((await headerPolicy(DIST)).policy));
  writeFileSync(join(dir, 'derivable-headers.conf'), readFileSync('deploy/headers.conf'));
  let site = readFileSync('deploy/nginx.conf', 'utf8');
  site = swap(site, 'listen 80;', `listen 127.0.0.1:${PORT};`);
  site = swap(site, 'root /srv/derivable;', `root ${DIST};`);
  site = swap(site, 'include /etc/nginx/snippets/derivable-', `include ${dir}/derivable-`, 4);
  writeFileSync(join(dir, 'derivable.conf'), site);
  // What Debian's /etc/nginx/nginx.conf gives the Dockerfile's copy, in the foreground and in `dir`.
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/derivable.conf;
}
`,
  );
  nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'pipe'] });
  nginx.stderr!.on('data', (chunk) => (log += chunk));
  let exited: number | null = null;
  nginx.on('exit', (code) => (exited = code ?? -1));
  await expect
    .poll(
      async () => {
        if (exited !== null) throw new Error(`nginx exited (${exited}) with this configuration:\n${log}`);
        return get('/').then(
          (r) => r.status,
          () => 0,
        );
      },
      { message: `nginx answers on ${ORIGIN}`, timeout: 15_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const gone = new Promise((done) => nginx!.once('exit', done));
    nginx.kill('SIGTERM');
    await gone;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET to nginx, bytes as sent (no decompression). */
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((done, fail) => {
    const request = http.get(`${ORIGIN}${path}`, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', fail);
    });
    request.on('error', fail);
  });
}

const built = (path: string) => readFileSync(join(DIST, path));
/** A built stylesheet and a built script under /_astro/. */
const astroFile = (ext: string) => {
  const name = readdirSync(join(DIST, '_astro')).find((f) => f.endsWith(ext) && built(`_astro/${f}`).length > 2048);
  if (!name) throw new Error(`no ${ext} file over 2 KB in ${DIST}/_astro`);
  return `/_astro/${name}`;
};
const policyOf = (text: string | string[] | undefined) => [...parsePolicy(String(text ?? ''))];

test('every answer carries the build’s policy as a header, with frame-ancestors none', async () => {
  const meta = metaPolicies(built('index.html').toString('utf8'));
  expect(meta).toHaveLength(1);
  const expected = [...parsePolicy(meta[0]!), ['frame-ancestors', ["'none'"]]];
  for (const path of ['/', '/derivations/monty-hall/', astroFile('.css'), '/sw.js', '/no-such-page/']) {
    const answer = await get(path);
    expect(policyOf(answer.headers['content-security-policy']), path).toEqual(expected);
    expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
  }
  // The header is the page's policy: the same script and style hashes, so nothing the page runs is refused.
  const header = String((await get('/')).headers['content-security-policy']);
  expect(header).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  expect(header).toContain("frame-ancestors 'none'");
});

test('hashed files are cached for a year, pages and the service worker are not', async () => {
  for (const path of [astroFile('.css'), astroFile('.js')]) {
    const answer = await get(path);
    expect(answer.status, path).toBe(200);
    expect(answer.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
  }
  expect((await get('/derivations/monty-hall/')).headers['cache-control']).toBeUndefined();
  expect((await get('/sw.js')).headers['cache-control']).toBe('no-cache');
});

test('an unknown address gets status 404 and the site’s 404 page', async () => {
  for (const path of ['/no-such-page/', '/derivations/no-such-derivation/', '/_astro/no-such-file.js']) {
    const answer = await get(path);
    expect(answer.status, path).toBe(404);
    expect(answer.headers['content-type'], path).toMatch(/^text\/html/);
    expect(answer.body.equals(built('404.html')), `${path} answers with dist/404.html`).toBe(true);
  }
});

test('pages, styles and scripts are sent gzip or Brotli compressed when the browser asks, whole otherwise', async () => {
  for (const path of ['/derivations/monty-hall/', astroFile('.css'), astroFile('.js')]) {
    const file = built(path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1));
    const gzip = await get(path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding'], path).toBe('gzip');
    expect(gzip.headers.vary, path).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gzip.body).equals(file), `${path} gunzips to the built file`).toBe(true);
    expect(gzip.body.length).toBeLessThan(file.length);
    const br = await get(path, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding'], path).toBe('br');
    expect(brotliDecompressSync(br.body).equals(file), `${path} decompresses to the built file`).toBe(true);
    const plain = await get(path);
    expect(plain.headers['content-encoding'], path).toBeUndefined();
    expect(plain.body.equals(file)).toBe(true);
  }
});

/** Record CSP violations from the first byte of the page on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  const messages: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) messages.push(m.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])), ...messages];
}

test('Chromium reads a derivation through nginx, plots and math included, and the header refuses nothing', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto(`${ORIGIN}/derivations/newton-method/`);
  await expect(page.locator('h1')).toHaveText('Newton’s method');
  await expect(page.locator('.katex-mathml').first()).toHaveCSS('position', 'absolute');
  for (const plot of await page.locator('dv-plot').all()) {
    await plot.scrollIntoViewIfNeeded();
    await expect(plot).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect(plot.locator('svg').first()).toBeVisible();
  }
  await page.waitForLoadState('networkidle');
  expect(await violations()).toEqual([]);
});

test('a page on another origin cannot frame the site (frame-ancestors), and the same page frames a site without the header', async ({
  page,
}) => {
  // Another localhost port: a page that frames the site through nginx, and, as a control, the
  // same build served by astro preview (its <meta> policy cannot carry frame-ancestors).
  const framer = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>framer</title><iframe id="site" src="${ORIGIN}/"></iframe>` +
        `<iframe id="control" src="http://localhost:${E2E_PORT}/"></iframe>`,
    );
  });
  await new Promise<void>((done) => framer.listen(0, '127.0.0.1', done));
  try {
    const refused = page.waitForEvent('console', (m) => m.text().includes(`'${ORIGIN}/'`) && m.text().includes("frame-ancestors 'none'"));
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    // Chromium: "Framing 'http://127.0.0.1:…/' violates … "frame-ancestors 'none'". The request has been blocked."
    expect((await refused).text()).toMatch(/block|refuse/i);
    // The control frame shows the site; the frame from nginx has none of it (every page of ours carries a CSP meta tag).
    await expect(page.frameLocator('#control').locator('meta[http-equiv="content-security-policy"]')).toHaveCount(1);
    await expect(page.frameLocator('#control').locator('h1')).toBeVisible();
    const site = await (await page.locator('#site').elementHandle())!.contentFrame();
    expect(site, 'the frame element has a frame').not.toBeNull();
    expect(site!.url()).not.toContain(`127.0.0.1:${PORT}`);
    await expect(page.frameLocator('#site').locator('meta[http-equiv="content-security-policy"]')).toHaveCount(0);
  } finally {
    await new Promise((done) => framer.close(done));
  }
});
