/**
 * The sync server with real Yjs clients (@hocuspocus/provider) over loopback: two clients in one
 * room see each other's lines; a guessed id and an unknown path are refused; an oversized document
 * is refused; a restart loses nothing typed while the server was down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { isRoomId, makeRoomId, startSyncServer, type SyncServer } from '../../../server/sync-server';

const SECRET = 'test-secret-for-room-ids';
const servers: SyncServer[] = [];
const providers: HocuspocusProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of servers.splice(0)) await s.destroy();
});

async function start(port = 0, extra: Partial<Parameters<typeof startSyncServer>[0]> = {}) {
  const s = await startSyncServer({ port, secret: SECRET, quiet: true, ...extra });
  servers.push(s);
  return s;
}

async function newRoom(s: SyncServer): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${s.port}/sync/rooms`, { method: 'POST' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { room: string }).room;
}

function client(port: number, room: string, path = `/sync/${room}`) {
  const doc = new Y.Doc();
  const events = { closed: 0, denied: 0, synced: false };
  const p = new HocuspocusProvider({
    url: `ws://127.0.0.1:${port}${path}`,
    name: room,
    document: doc,
    onSynced: () => (events.synced = true),
    onClose: () => (events.closed += 1),
    onAuthenticationFailed: () => (events.denied += 1),
  });

  providers.push(p);

  return { doc, p, events, lines: () => doc.getArray<string>('lines').toArray() };
}

/** Poll a condition (no fixed sleeps): resolves once it holds, fails after a generous bound. */
async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('room ids', () => {
  it('are 128 random bits with a MAC: a made id checks, a changed or guessed one does not', () => {
    const id = makeRoomId(SECRET);
    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(isRoomId(id, SECRET)).toBe(true);
    expect(isRoomId(id, 'another-secret')).toBe(false);
    const flipped = (id[0] === 'A' ? 'B' : 'A') + id.slice(1);
    expect(isRoomId(flipped, SECRET)).toBe(false);
    expect(isRoomId('x'.repeat(32), SECRET)).toBe(false);
    expect(new Set(Array.from({ length: 200 }, () => makeRoomId(SECRET))).size).toBe(200);
  });
});

describe('the sync server', () => {
  it('answers whether an id is one of its rooms, so a page can tell an unknown room from no server', async () => {
    const s = await start();
    const room = await newRoom(s);
    const ask = (id: string) => fetch(`http://127.0.0.1:${s.port}/sync/rooms/${id}`);
    const yes = await ask(room);
    expect(yes.status).toBe(200);
    expect(await yes.json()).toEqual({ known: true, maxDocBytes: 256 * 1024 });
    const no = await ask((room[0] === 'A' ? 'B' : 'A') + room.slice(1));
    expect(no.status).toBe(404);
    expect(await no.json()).toEqual({ known: false });
    expect((await ask('not-a-room')).status).toBe(404);
  });

  it('carries lines between two clients of one room, and nothing to a client of another id', async () => {
    const s = await start();
    const room = await newRoom(s);
    const a = client(s.port, room);
    const b = client(s.port, room);
    await until(() => a.events.synced && b.events.synced, 'both synced');
    a.doc.getArray<string>('lines').push(['x^2 - 1']);
    b.doc.getArray<string>('lines').push(['(x-1)(x+1)']);
    await until(() => a.lines().length === 2 && b.lines().length === 2, 'both lines on both sides');
    expect(a.lines()).toEqual(b.lines());

    // A guessed id of the right shape: refused at the upgrade, so it never syncs and sees nothing.
    const guess = (room[0] === 'A' ? 'B' : 'A') + room.slice(1);
    const c = client(s.port, guess);
    await until(() => c.events.closed > 0, 'the guessed room refused');
    expect(c.events.synced).toBe(false);
    expect(c.lines()).toEqual([]);
    // Asking for another room's document over a valid room's path is refused too.
    const d = client(s.port, room, `/sync/${await newRoom(s)}`);
    await until(() => d.events.denied > 0, 'a mismatched document refused');
    expect(d.events.synced).toBe(false);
    expect(d.lines()).toEqual([]);
  });

  it('refuses an unknown path with 404 and an oversized document', async () => {
    const s = await start(0, { maxDocBytes: 4096 });
    for (const path of ['/sync/', '/sync/../etc', '/other', `/sync/${'a'.repeat(31)}`]) {
      const res = await fetch(`http://127.0.0.1:${s.port}${path}`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      }).catch((e: Error) => e);
      expect(res instanceof Error || res.status === 404, path).toBe(true);
    }
    const room = await newRoom(s);
    const a = client(s.port, room);
    const b = client(s.port, room);
    await until(() => a.events.synced && b.events.synced, 'synced');
    a.doc.getArray<string>('lines').push(['small line']);
    await until(() => b.lines().length === 1, 'the small line');
    a.doc.getArray<string>('lines').push(['y'.repeat(8000)]);
    await until(() => a.events.closed > 0, 'the writer of the oversized line closed');
    // The other side never receives it.
    await new Promise((r) => setImmediate(r));
    expect(b.lines()).toEqual(['small line']);
  });

  it('after a kill and restart the clients resync and no line typed while it was down is lost', async () => {
    const port = await freePort();
    let proc = await serveProcess(port);
    try {
      const room = ((await (await fetch(`http://127.0.0.1:${port}/sync/rooms`, { method: 'POST' })).json()) as { room: string }).room;
      const a = client(port, room);
      const b = client(port, room);
      await until(() => a.events.synced && b.events.synced, 'synced');
      a.doc.getArray<string>('lines').push(['before']);
      await until(() => b.lines().length === 1, 'before');
      // Killed, not stopped: the sockets drop as they would in a crash.
      proc.kill('SIGKILL');
      await until(() => a.events.closed > 0 && b.events.closed > 0, 'both see the server gone');
      a.doc.getArray<string>('lines').push(['typed by a while down']);
      b.doc.getArray<string>('lines').push(['typed by b while down']);
      proc = await serveProcess(port);
      await until(() => a.lines().length === 3 && b.lines().length === 3, 'all three lines on both sides', 60_000);
      expect(a.lines()).toEqual(b.lines());
      expect(a.lines()).toContain('typed by a while down');
      expect(a.lines()).toContain('typed by b while down');
    } finally {
      proc.kill('SIGKILL');
    }
  }, 150_000);
});

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/** `npm run serve`'s program in a child process (sync only), ready once it answers its health check. */
async function serveProcess(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts', '--no-site', '--port', String(port)], {
    env: { ...process.env, DERIVABLE_SYNC_SECRET: SECRET },
    stdio: 'ignore',
  });
  const end = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/sync/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return proc;
    if (Date.now() > end || proc.exitCode !== null) throw new Error('the sync server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}
