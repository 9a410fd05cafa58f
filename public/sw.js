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
'use strict';

const CACHE = 'derivable-v1';
/** The site's base path (the folder this file is served from): `/` or `/sub/`. */
const BASE = new URL('./', self.location.href).pathname;
const KEEP = 'derivable:keep';
// Lookups ignore Vary: servers send `Vary: Origin`, and a font or module script
// (a CORS request, with an Origin header) must still find the copy saved by a
// plain fetch. Every file here is static, so the header varies nothing.
const LOOKUP = { ignoreVary: true };

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('derivable-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** Same origin, inside the base path: ours to keep. */
function ours(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(BASE) && !url.pathname.endsWith('/sw.js');
}

/** Pages are saved by path: `/search/?q=x` and `/search/` are one page. */
function pageKey(url) {
  return url.origin + url.pathname;
}

async function save(key, response) {
  if (!response || !response.ok || response.type !== 'basic') return;
  const cache = await caches.open(CACHE);
  await cache.put(key, response);
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== KEEP || !Array.isArray(data.urls)) return;
  event.waitUntil(keep(data.urls.slice(0, 200)));
});

/**
 * Save the files a page loaded before this worker controlled it: its assets
 * first, the page last, so a saved page always has its styles and fonts.
 */
async function keep(urls) {
  const cache = await caches.open(CACHE);
  const pages = [];
  const assets = [];
  for (const raw of urls) {
    let url;
    try {
      url = new URL(String(raw), self.location.href);
    } catch {
      continue;
    }
    if (!ours(url)) continue;
    if (url.pathname.startsWith(BASE + '_astro/') || /\.[a-z0-9]+$/i.test(url.pathname)) assets.push(url.href);
    else pages.push(pageKey(url));
  }
  const saveOne = async (key) => {
    if (await cache.match(key, LOOKUP)) return;
    try {
      await save(key, await fetch(key, { credentials: 'same-origin' }));
    } catch {
      // Offline again already: the next visit saves it.
    }
  };
  await Promise.all([...new Set(assets)].map(saveOne));
  for (const key of new Set(pages)) await saveOne(key);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!ours(url)) return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, url));
  else if (url.pathname.startsWith(BASE + '_astro/')) event.respondWith(cacheFirst(request));
  else event.respondWith(staleWhileRevalidate(request, event));
});

async function networkFirst(request, url) {
  try {
    const response = await fetch(request);
    await save(pageKey(url), response.clone());
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
  const cache = await caches.open(CACHE);
  const pages = [];
  for (const request of await cache.keys()) {
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
