/**
 * The sync server under load (reported, never gated). The server runs as `npm run serve` does, in
 * its own process (`server/serve.ts --no-site`); this process holds the clients: two per room
 * (interviewer and candidate), each room typing (one update every `1000 / rate` ms from one side,
 * as a person types with the provider's batching). At each room count it measures:
 *
 * - sync latency of a line from one client to the other of the same room (median, p95), sampled
 *   across rooms while all of them type;
 * - the server's heap per room (from /sync/health: the growth since the previous count divided by
 *   the rooms added, so the server's own start-up heap does not count) and its RSS;
 * - "rooms before latency degrades": the first count whose median passes 2× the one-room median
 *   and 20 ms, or whose p95 passes 100 ms (every count is measured and printed all the same).
 *
 * The clients share one process and one core with each other; on a small machine they, not the
 * server, can be the limit, so the script also reports this process's CPU time per second.
 *
 *   npm run bench:sync [-- maxRooms=400 rate=5]
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import * as Y from 'yjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const maxRooms = Math.min(2000, Number(args.maxRooms ?? 800));
/** Updates per second per room while the rooms type. */
const rate = Number(args.rate ?? 5);

const port = await new Promise<number>((res) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const p = (srv.address() as { port: number }).port;
    srv.close(() => res(p));
  });
});
const server = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts', '--no-site', '--port', String(port)], {
  env: { ...process.env, DERIVABLE_SYNC_RATE: '1000', DERIVABLE_SYNC_MAX_DOC_BYTES: String(4 * 1024 * 1024) },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
const health = async () => (await (await fetch(`${base}/sync/health`)).json()) as { rooms: number; heapUsed: number; rss: number };
for (;;) {
  if (
    await health().then(
      () => true,
      () => false,
    )
  )
    break;
  await new Promise((r) => setTimeout(r, 100));
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
interface Room {
  a: Y.Doc;
  b: Y.Doc;
  sockets: HocuspocusProviderWebsocket[];
  providers: HocuspocusProvider[];
}
const rooms: Room[] = [];

async function addRoom(): Promise<void> {
  const room = ((await (await fetch(`${base}/sync/rooms`, { method: 'POST' })).json()) as { room: string }).room;
  const a = new Y.Doc();
  const b = new Y.Doc();
  let synced = 0;
  const sockets = [a, b].map(() => new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}/sync/${room}` }));
  const providers = [a, b].map((document, i) => {
    const p = new HocuspocusProvider({ websocketProvider: sockets[i]!, name: room, document, onSynced: () => (synced += 1) });
    p.attach();
    return p;
  });
  while (synced < 2) await sleep(2);
  rooms.push({ a, b, sockets, providers });
}

/** Every room types: one character appended to its last line, spread evenly over the second. */
let typing = true;
async function typeLoop(): Promise<void> {
  let i = 0;
  while (typing) {
    const n = rooms.length;
    if (n === 0) {
      await sleep(10);
      continue;
    }
    const gap = 1000 / (n * rate);
    const room = rooms[i++ % n]!;
    room.a.getText('typing').insert(room.a.getText('typing').length, 'x');
    await sleep(Math.max(0, gap));
  }
}

async function latency(samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { a, b } = rooms[Math.floor((i * rooms.length) / samples)]!;
    const lines = b.getArray<string>('lines');
    const want = lines.length + 1;
    const t = performance.now();
    a.getArray<string>('lines').push([`x^${i} = x^${i}`]);
    while (lines.length < want) await new Promise((r) => setImmediate(r));
    out.push(performance.now() - t);
    await sleep(20);
  }
  return out;
}

const before = await health();
void typeLoop();
console.log(`sync server in its own process; ${rate} updates/s per room while measuring; 2 clients per room`);
console.log('rooms  median ms  p95 ms  server heap/room KB  server rss MB  client CPU %');
let baseline: number | undefined;
let degradedAt: number | undefined;
let lastGood = 0;
let prev = { rooms: 0, heap: before.heapUsed };
for (const target of [1, 10, 25, 50, 100, 200, 400, 800, 1200, 2000].filter((n) => n <= maxRooms)) {
  while (rooms.length < target) await addRoom();
  await sleep(1000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const l = await latency(200);
  const cpu = process.cpuUsage(cpu0);
  const cpuPct = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
  const h = await health();
  const median = pct(l, 0.5);
  const p95 = pct(l, 0.95);
  baseline ??= median;
  console.log(
    `${String(target).padStart(5)}  ${median.toFixed(2).padStart(9)}  ${p95.toFixed(2).padStart(6)}  ${((h.heapUsed - prev.heap) / (target - prev.rooms) / 1024).toFixed(1).padStart(19)}  ${(h.rss / 1048576).toFixed(0).padStart(13)}  ${cpuPct.toFixed(0).padStart(12)}`,
  );
  prev = { rooms: target, heap: h.heapUsed };
  if ((median > 2 * baseline && median > 20) || p95 > 100) degradedAt ??= target;
  else if (degradedAt === undefined) lastGood = target;
}
console.log(
  degradedAt
    ? `latency degraded at ${degradedAt} rooms (held well up to ${lastGood})`
    : `no degradation up to ${lastGood} rooms (the largest count tried; maxRooms=${maxRooms})`,
  `(machine load average at the end: ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores)`,
);
typing = false;
for (const r of rooms) {
  for (const p of r.providers) p.destroy();
  for (const s of r.sockets) s.destroy();
}
server.kill();
process.exit(0);
