// Derivable's service worker: a page you have opened keeps working offline,
// with its math, fonts, plots and checker. Registered by
// components/site/OfflineSupport.astro (production builds only).
//
//   pages (navigations)   network first, so an online reader always gets the
//                         current page; the saved copy when the network fails
//   /_astro/…             cache first: file names carry a content hash
//   everything else       the saved copy at once, refreshed in the background
//
// Nothing is fetched ahead of the reader except the page's own files, once
// the page has loaded (the page sends their addresses: see KEEP).
//
// One cache per build: `astro build` writes a hash of everything it built into
// VERSION (src/integrations/sw-version.ts), so a new build is a new worker
// (its bytes differ) with a new cache, and when it activates it deletes every
// other build's cache, old `/_astro/` files and all. A page saved by an old
// build is saved again, with the new build's files, when it is next opened.
//
// The cache holds at most MAX_ENTRIES entries (pages and files), the least
// recently written out first. Every time a page is opened its files and then
// the page are written again, each stamped with the time, so "least recently
// written" is "least recently opened", and a page is never older than its own
// files: eviction takes whole pages, each with the files written before it.
'use strict';

/** Replaced at build time by a hash of the build; `dev` only in the source. */
const VERSION = 'dev';
/** Room for every file of the site several times over (a build has about 150). */
const MAX_ENTRIES = 600;
/** The site's base path (the folder this file is served from): `/` or `/sub/`. */
const BASE = new URL('./', self.location.href).pathname;
// Named by base path too: two copies of the site on one origin (GitHub Pages
// serves every project of an account from one) keep out of each other's caches.
const PREFIX = `derivable:${BASE}:`;
const CACHE = PREFIX + VERSION;
/** The one cache name the first version of this worker used for every build. */
const LEGACY = 'derivable-v1';
const KEEP = 'derivable:keep';
// Lookups ignore Vary: servers send `Vary: Origin`, and a font or module script
// (a CORS request, with an Origin header) must still find the copy saved by a
// plain fetch. Every file here is static, so the header varies nothing.
const LOOKUP = { ignoreVary: true };

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(sweep().then(() => self.clients.claim()));
});

/** Delete every other build's cache, with all its files and pages. */
async function sweep() {
  for (const name of await caches.keys()) {
    if ((name.startsWith(PREFIX) || name === LEGACY) && name !== CACHE) await caches.delete(name);
  }
}

/**
 * This build's cache, or nothing once a newer worker has taken over: a write
 * still under way in the old worker would otherwise bring back the cache the
 * new one has just deleted. (The new worker sweeps again as pages are kept.)
 */
async function openCache() {
  if (self.serviceWorker && self.serviceWorker.state === 'redundant') return undefined;
  return caches.open(CACHE);
}

/** Same origin, inside the base path: ours to keep. */
function ours(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(BASE) && !url.pathname.endsWith('/sw.js');
}

/** Pages are saved by path: `/search/?q=x` and `/search/` are one page. */
function pageKey(url) {
  return url.origin + url.pathname;
}

/** A page, as opposed to a file: pages are kept by path and have no extension. */
function isPage(url) {
  return !url.pathname.startsWith(BASE + '_astro/') && !/\.[a-z0-9]+$/i.test(url.pathname);
}

const savable = (response) => response && response.ok && response.type === 'basic';

// When an entry was written, in a header of its own: the order of a cache's
// keys() is not a reliable record of that (Chromium sorts entries by a coarse
// timestamp, so a burst of writes comes back in any order).
const SAVED = 'x-derivable-saved';
let lastStamp = 0;
/** Milliseconds, and strictly increasing within one run of the worker. */
const stamp = () => (lastStamp = Math.max(Date.now(), lastStamp + 1));
const savedAt = (response) => Number(response?.headers.get(SAVED)) || 0;

/** Write `response` under `key`, stamped with the time it was written. */
async function put(cache, key, response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED, String(stamp()));
  const { status, statusText } = response;
  await cache.put(key, new Response(response.body, { status, statusText, headers }));
}

// Writes and trims take turns: a trim deletes by address, so one running
// beside a write could delete the copy just written.
let turn = Promise.resolve();
function inTurn(task) {
  const run = turn.then(task);
  turn = run.catch(() => {});
  return run;
}

async function save(key, response) {
  if (!savable(response)) return;
  await inTurn(async () => {
    const cache = await openCache();
    if (!cache) return;
    await put(cache, key, response);
    await trim(cache);
  });
}

/**
 * (In turn only.) Keep the cache within MAX_ENTRIES, the least recently written out first.
 * The cut is moved on to just after a page, when one but the newest comes
 * after it, so that no page stays without the files written with it.
 */
async function trim(cache) {
  const keys = await cache.keys();
  const least = keys.length - MAX_ENTRIES;
  if (least <= 0) return;
  const entries = await Promise.all(keys.map(async (request) => ({ request, at: savedAt(await cache.match(request)) })));
  entries.sort((a, b) => a.at - b.at);
  const pages = [];
  entries.forEach(({ request }, i) => isPage(new URL(request.url)) && pages.push(i));
  pages.pop(); // the newest page stays whole
  const after = pages.find((i) => i + 1 >= least);
  const cut = after === undefined ? least : after + 1;
  await Promise.all(entries.slice(0, cut).map(({ request }) => cache.delete(request)));
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== KEEP || !Array.isArray(data.urls)) return;
  event.waitUntil(keep(data.urls.slice(0, 200)));
});

/**
 * Save a page that has loaded, with the files it loaded (those it loaded
 * before this worker controlled it too). Saved copies are written again and
 * missing ones fetched; the files first, the page last, so a saved page always
 * has its styles and fonts and is never older than they are (see trim).
 */
async function keep(urls) {
  const cache = await openCache();
  if (!cache) return;
  await sweep();
  const pages = new Set();
  const assets = new Set();
  for (const raw of urls) {
    let url;
    try {
      url = new URL(String(raw), self.location.href);
    } catch {
      continue;
    }
    if (!ours(url)) continue;
    if (isPage(url)) pages.add(pageKey(url));
    else assets.add(url.href);
  }
  const copyOf = async (key) => {
    const saved = await cache.match(key, LOOKUP);
    if (saved) return saved;
    try {
      const response = await fetch(key, { credentials: 'same-origin' });
      return savable(response) ? response : undefined;
    } catch {
      return undefined; // Offline again already: the next visit saves it.
    }
  };
  const files = await Promise.all([...assets].map(async (key) => [key, await copyOf(key)]));
  const saved = await Promise.all([...pages].map(async (key) => [key, await copyOf(key)]));
  await inTurn(async () => {
    const cache = await openCache();
    if (!cache) return;
    for (const [key, response] of [...files, ...saved]) if (response) await put(cache, key, response);
    await trim(cache);
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!ours(url)) return;
  // The round's sync server answers live (is this room known?): never from a cache.
  if (url.pathname.startsWith(BASE + 'sync/') || url.pathname.startsWith('/sync/')) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, url));
  else if (url.pathname.startsWith(BASE + '_astro/')) event.respondWith(cacheFirst(request));
  else event.respondWith(staleWhileRevalidate(request, event));
});

async function networkFirst(request, url) {
  try {
    const response = await fetch(request);
    // Refresh a saved copy. A page not saved yet (or not since this build) is
    // saved by keep() once it has loaded, after its files: saved here first,
    // it could be read offline without them.
    const cache = await openCache();
    if (cache && (await cache.match(pageKey(url), LOOKUP))) await save(pageKey(url), response.clone());
    return response;
  } catch (error) {
    const saved = await caches.match(pageKey(url), LOOKUP);
    return saved || offlinePage(url);
  }
}

async function cacheFirst(request) {
  const saved = await caches.match(request, LOOKUP);
  if (saved) return saved;
  const response = await fetch(request);
  await save(request.url, response.clone());
  return response;
}

async function staleWhileRevalidate(request, event) {
  const saved = await caches.match(request, LOOKUP);
  const fresh = fetch(request).then(
    async (response) => {
      await save(request.url, response.clone());
      return response;
    },
    () => undefined,
  );
  if (saved) {
    event.waitUntil(fresh);
    return saved;
  }
  return (await fresh) || Response.error();
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Offline, and this page was never opened: say so, and list the pages that were. */
async function offlinePage(url) {
  const cache = await openCache();
  const pages = [];
  for (const request of cache ? await cache.keys() : []) {
    const response = await cache.match(request);
    if (!response || !(response.headers.get('content-type') || '').includes('text/html')) continue;
    const title = /<title>([^<]*)<\/title>/.exec(await response.text());
    pages.push({ href: request.url, title: title ? title[1] : new URL(request.url).pathname });
  }
  pages.sort((a, b) => a.title.localeCompare(b.title));
  const list = pages.length
    ? `<p>Pages you have opened before, which work offline:</p><ul>${pages
        .map((p) => `<li><a href="${escapeHtml(p.href)}">${p.title}</a></li>`)
        .join('')}</ul>`
    : '<p>No page has been saved on this device yet.</p>';
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Offline · Derivable</title>
<style>body{font:1.1rem/1.6 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}</style></head>
<body><main><h1>You are offline</h1><p>This page (<code>${escapeHtml(url.pathname)}</code>) has not been saved on this device yet: open it once while online and it will work offline afterwards.</p>${list}</main></body></html>`;
  return new Response(body, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
