/**
 * Sync server on loopback (reported, not gated): latency of a line from one client to the other in
 * the same room (median, p95) and server heap per room, at a few room counts.
 *   npx tsx scripts/bench-sync.ts [maxRooms=100]
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { startSyncServer } from '../server/sync-server';

const maxRooms = Math.min(400, Number(process.argv[2] ?? 100));
const s = await startSyncServer({ port: 0, quiet: true, ratePerSecond: 1000 });
const url = (room: string) => `ws://127.0.0.1:${s.port}/sync/${room}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const pairs: { a: Y.Doc; b: Y.Doc; ps: HocuspocusProvider[] }[] = [];

async function addRoom(): Promise<void> {
  const room = ((await (await fetch(`http://127.0.0.1:${s.port}/sync/rooms`, { method: 'POST' })).json()) as { room: string }).room;
  const a = new Y.Doc();
  const b = new Y.Doc();
  let synced = 0;
  const ps = [a, b].map((document) => new HocuspocusProvider({ url: url(room), name: room, document, onSynced: () => (synced += 1) }));
  while (synced < 2) await new Promise((r) => setTimeout(r, 5));
  pairs.push({ a, b, ps });
}

async function latency(samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { a, b } = pairs[i % pairs.length]!;
    const lines = b.getArray<string>('lines');
    const want = lines.length + 1;
    const t = performance.now();
    a.getArray<string>('lines').push([`x^${i} = x^${i}`]);
    while (lines.length < want) await new Promise((r) => setImmediate(r));
    out.push(performance.now() - t);
  }
  return out;
}

global.gc?.();
const base = process.memoryUsage().heapUsed;
console.log('rooms  median ms  p95 ms  heap/room KB');
for (const target of [1, 10, 50, 100, 200, 400].filter((n) => n <= maxRooms)) {
  while (pairs.length < target) await addRoom();
  const l = await latency(100);
  global.gc?.();
  const perRoom = (process.memoryUsage().heapUsed - base) / pairs.length / 1024;
  console.log(
    `${String(target).padStart(5)}  ${pct(l, 0.5).toFixed(2).padStart(9)}  ${pct(l, 0.95).toFixed(2).padStart(6)}  ${perRoom.toFixed(0).padStart(12)}`,
  );
}
console.log('(clients and server share this process: heap/room includes both clients of each room)');
for (const p of pairs) for (const x of p.ps) x.destroy();
await s.destroy();
process.exit(0);
