/**
 * The sync server's one persistence flag: with `sqlite`, a room's lines outlive the server and
 * every client (a new client with nothing of its own gets them from the file); without it,
 * nothing is written anywhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { startSyncServer, type SyncServer } from '../../../server/sync-server';

const SECRET = 'sqlite-test-secret';
const dirs: string[] = [];
const servers: SyncServer[] = [];
const providers: HocuspocusProvider[] = [];

afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of servers.splice(0)) await s.destroy();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function join_(port: number, room: string) {
  const doc = new Y.Doc();
  let synced = false;
  const p = new HocuspocusProvider({
    url: `ws://127.0.0.1:${port}/sync/${room}`,
    name: room,
    document: doc,
    onSynced: () => (synced = true),
  });
  providers.push(p);
  return { doc, p, synced: () => synced, lines: () => doc.getArray<string>('lines').toArray() };
}

describe('sqlite persistence (one flag, off by default)', () => {
  it('keeps a room across a restart, for a client that brings nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dv-sync-sqlite-'));
    dirs.push(dir);
    const file = join(dir, 'rooms.sqlite');
    const first = await startSyncServer({ port: 0, secret: SECRET, quiet: true, sqlite: file });
    const room = ((await (await fetch(`http://127.0.0.1:${first.port}/sync/rooms`, { method: 'POST' })).json()) as { room: string }).room;
    const a = join_(first.port, room);
    await until(a.synced, 'synced');
    a.doc.getArray<string>('lines').push(['x^2 - 1', '(x-1)(x+1)']);
    await until(() => !a.p.hasUnsyncedChanges, 'the lines reached the server');
    a.p.destroy();
    await first.destroy();
    expect(existsSync(file)).toBe(true);

    const second = await startSyncServer({ port: 0, secret: SECRET, quiet: true, sqlite: file });
    servers.push(second);
    const b = join_(second.port, room);
    await until(() => b.synced() && b.lines().length === 2, 'the stored lines');
    expect(b.lines()).toEqual(['x^2 - 1', '(x-1)(x+1)']);
  });

  it('without the flag, a restart forgets a room nobody holds', async () => {
    const first = await startSyncServer({ port: 0, secret: SECRET, quiet: true });
    const room = ((await (await fetch(`http://127.0.0.1:${first.port}/sync/rooms`, { method: 'POST' })).json()) as { room: string }).room;
    const a = join_(first.port, room);
    await until(a.synced, 'synced');
    a.doc.getArray<string>('lines').push(['kept only in memory']);
    await until(() => !a.p.hasUnsyncedChanges, 'the line reached the server');
    a.p.destroy();
    await first.destroy();
    const second = await startSyncServer({ port: 0, secret: SECRET, quiet: true });
    servers.push(second);
    const b = join_(second.port, room);
    await until(b.synced, 'synced');
    expect(b.lines()).toEqual([]);
  });
});
