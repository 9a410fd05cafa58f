/**
 * The round's sync server: Hocuspocus (a Yjs server) behind one HTTP port, with
 * what a public deployment needs around it, and no protocol of our own.
 *
 * - Rooms: `POST /sync/rooms` makes a room id (`GET /sync/rooms/<id>` answers
 *   whether an id is one of this server's, 200 or 404, JSON `{known}`, with the
 *   document size limit when known): 16 random bytes (128 bits) and an
 *   HMAC of them under the server's secret, base64url. A websocket to
 *   `/sync/<room>` is accepted only for an id this server (or one sharing its
 *   secret) made, and only for the document of that very room: an unknown path
 *   or a guessed id is refused before any Yjs message is read. Ids outlive a
 *   restart when the secret does (DERIVABLE_SYNC_SECRET), so clients resync.
 * - Limits: a document is refused past `maxDocBytes` (the connection that sends
 *   the update past it is closed and the update dropped), one websocket message
 *   past `maxMessageBytes`, a connection past `ratePerSecond` messages per second
 *   (token bucket), and a document untouched for `idleMs` is closed.
 * - No persistence by default: documents live in memory while someone is
 *   connected; the clients hold their own copy and bring it back after a
 *   restart. One option (`sqlite: FILE`, `--sqlite FILE`) keeps them in a
 *   SQLite file through Hocuspocus's Database extension and Node's built-in
 *   `node:sqlite` (no native module); a row untouched for `retainMs` is deleted.
 * - Optionally it also serves the built site (`dist/`), so the page and the
 *   websocket share one origin and the CSP's connect-src 'self' covers both.
 */
import { Database } from '@hocuspocus/extension-database';
import { Server, type Extension, type Hocuspocus } from '@hocuspocus/server';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import * as Y from 'yjs';

export interface SyncOptions {
  port: number;
  host?: string | undefined;
  /** Secret for room ids; random per process when absent (ids then die with the process). */
  secret?: string | undefined;
  maxDocBytes?: number | undefined;
  maxMessageBytes?: number | undefined;
  ratePerSecond?: number | undefined;
  idleMs?: number | undefined;
  /** Keep documents in this SQLite file (off by default: nothing is persisted). */
  sqlite?: string | undefined;
  /** With `sqlite`: a document nobody changed for this long is deleted from the file. */
  retainMs?: number | undefined;
  /** Serve this built site beside the websocket. */
  staticDir?: string | undefined;
  quiet?: boolean | undefined;
}

export const DEFAULTS = {
  maxDocBytes: 256 * 1024,
  maxMessageBytes: 64 * 1024,
  ratePerSecond: 60,
  idleMs: 2 * 60 * 60 * 1000,
  retainMs: 30 * 24 * 60 * 60 * 1000,
} as const;

/**
 * Hocuspocus's Database extension over a SQLite file, with Node's built-in driver: one row per
 * room, the document's whole state (what Hocuspocus hands `store`), written after its debounce.
 */
export async function sqliteStore(file: string, retainMs: number): Promise<{ extension: Extension; sweep(): void; close(): void }> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(file);
  db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at INTEGER NOT NULL)');
  const get = db.prepare('SELECT state FROM documents WHERE name = ?');
  const put = db.prepare(
    'INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
  );
  const expire = db.prepare('DELETE FROM documents WHERE updated_at < ?');
  const sweep = () => void expire.run(Date.now() - retainMs);
  sweep();
  const extension = new Database({
    fetch: async ({ documentName }) => {
      const row = get.get(documentName) as { state: Uint8Array } | undefined;
      return row ? new Uint8Array(row.state) : null;
    },
    store: async ({ documentName, state }) => {
      put.run(documentName, state, Date.now());
    },
  });
  return { extension, sweep, close: () => db.close() };
}

export const ROOM_PATH = /^\/sync\/([A-Za-z0-9_-]{32})$/;

const b64 = (b: Buffer) => b.toString('base64url');

export function makeRoomId(secret: string): string {
  const nonce = randomBytes(16);
  return b64(nonce) + b64(createHmac('sha256', secret).update(nonce).digest().subarray(0, 7)).slice(0, 10);
}

export function isRoomId(id: string, secret: string): boolean {
  if (!/^[A-Za-z0-9_-]{32}$/.test(id)) return false;
  const nonce = Buffer.from(id.slice(0, 22), 'base64url');
  if (nonce.length !== 16) return false;
  const want = Buffer.from(b64(createHmac('sha256', secret).update(nonce).digest().subarray(0, 7)).slice(0, 10));
  const got = Buffer.from(id.slice(22));
  return got.length === want.length && timingSafeEqual(got, want);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

/** Serve a file of the built site: a directory means its index.html; nothing outside `root`. */
async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  let s = await stat(file).catch(() => null);
  if (s?.isDirectory()) {
    if (!path.endsWith('/')) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    file = join(file, 'index.html');
    s = await stat(file).catch(() => null);
  }
  if (!s?.isFile()) {
    const notFound = join(root, '404.html');
    res.writeHead(404, { 'content-type': TYPES['.html']! });
    createReadStream(notFound)
      .on('error', () => res.end('not found'))
      .pipe(res);
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': s.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

export interface SyncServer {
  server: Server;
  hocuspocus: Hocuspocus;
  secret: string;
  port: number;
  /** Documents held in memory now. */
  rooms(): number;
  destroy(): Promise<void>;
}

/**
 * A refusal the client can read: Hocuspocus closes that document's connection and sends the
 * reason in its close message ("document too large", "rate limit"), which the page shows; the
 * code (4413, 4429) is used where the socket itself is closed.
 */
export const refusal = (code: number, reason: string) => Object.assign(new Error(reason), { code, reason });

export async function startSyncServer(opts: SyncOptions): Promise<SyncServer> {
  const secret = opts.secret ?? b64(randomBytes(32));
  const maxDocBytes = opts.maxDocBytes ?? DEFAULTS.maxDocBytes;
  const ratePerSecond = opts.ratePerSecond ?? DEFAULTS.ratePerSecond;
  const idleMs = opts.idleMs ?? DEFAULTS.idleMs;
  const root = opts.staticDir ? resolve(opts.staticDir) : undefined;
  /** Token buckets per connection (socket id). */
  const buckets = new Map<string, { tokens: number; at: number }>();
  const touched = new Map<string, number>();
  const log = (...a: unknown[]) => opts.quiet || console.log('[sync]', ...a);
  const store = opts.sqlite ? await sqliteStore(opts.sqlite, opts.retainMs ?? DEFAULTS.retainMs) : undefined;

  const server = new Server({
    port: opts.port,
    address: opts.host ?? '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    extensions: store ? [store.extension] : [],
    // One websocket message past this closes the connection (ws answers 1009).
    websocketOptions: { maxPayload: opts.maxMessageBytes ?? DEFAULTS.maxMessageBytes },
    async onRequest({ request, response }) {
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname === '/sync/rooms') {
        if (request.method !== 'POST') response.writeHead(405, { allow: 'POST' }).end();
        else {
          response.writeHead(201, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          response.end(JSON.stringify({ room: makeRoomId(secret) }));
        }
        throw null; // handled: stop Hocuspocus's default answer
      }
      // Is this a room of this server? The page asks before it joins, to tell an unknown room from no server.
      const asked = /^\/sync\/rooms\/([^/]*)$/.exec(url.pathname);
      if (asked && request.method === 'GET') {
        const known = isRoomId(asked[1]!, secret);
        response.writeHead(known ? 200 : 404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify(known ? { known, maxDocBytes } : { known }));
        throw null;
      }
      if (url.pathname === '/sync/health') {
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        const { heapUsed, rss } = process.memoryUsage();
        response.end(JSON.stringify({ ok: true, rooms: server.hocuspocus.getDocumentsCount(), heapUsed, rss }));
        throw null;
      }
      if (root && (request.method === 'GET' || request.method === 'HEAD')) {
        await serveStatic(root, request, response);
        throw null;
      }
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      throw null;
    },
    async onUpgrade({ request, socket }) {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const m = ROOM_PATH.exec(path);
      if (!m || !isRoomId(m[1]!, secret)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        throw null; // refused before the websocket exists
      }
    },
    async onConnect({ documentName, request }) {
      const m = ROOM_PATH.exec(new URL(request.url).pathname);
      // The document asked for must be the room of the websocket's own path.
      if (!m || m[1] !== documentName || !isRoomId(documentName, secret)) throw new Error('not this room');
      touched.set(documentName, Date.now());
    },
    async beforeHandleMessage({ socketId, documentName, document, update }) {
      const now = Date.now();
      const b = buckets.get(socketId) ?? { tokens: ratePerSecond, at: now };
      b.tokens = Math.min(ratePerSecond, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
      b.at = now;
      if (b.tokens < 1) {
        log(`rate limit: closing a connection to ${documentName.slice(0, 6)}…`);
        throw refusal(4429, 'rate limit');
      }
      b.tokens -= 1;
      buckets.set(socketId, b);
      // The update cannot make the document larger than its own size; refuse it before it is applied.
      if (Y.encodeStateAsUpdate(document).byteLength + update.byteLength > maxDocBytes) {
        log(`size limit: refusing an update to ${documentName.slice(0, 6)}…`);
        throw refusal(4413, 'document too large');
      }
      touched.set(documentName, now);
    },
    async onDisconnect({ socketId }) {
      buckets.delete(socketId);
    },
    async afterUnloadDocument({ documentName }) {
      touched.delete(documentName);
    },
  });
  await server.listen(opts.port);
  const hocuspocus = server.hocuspocus;

  // Idle expiry: a document nobody has changed for idleMs is closed (its clients are told).
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [name, at] of touched) {
        if (now - at > idleMs) {
          touched.delete(name);
          hocuspocus.closeConnections(name);
        }
      }
      store?.sweep();
    },
    Math.min(60_000, Math.max(1000, idleMs / 4)),
  );
  sweep.unref();

  const port = server.address.port;
  log(
    `listening on http://${opts.host ?? '127.0.0.1'}:${port}/ (sync at /sync/<room>${root ? `, site from ${root}` : ''}${store ? `, documents kept in ${opts.sqlite}` : ', nothing persisted'})`,
  );
  return {
    server,
    hocuspocus,
    secret,
    port,
    rooms: () => hocuspocus.getDocumentsCount(),
    async destroy() {
      clearInterval(sweep);
      await server.destroy();
      store?.close();
    },
  };
}
