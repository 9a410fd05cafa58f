/**
 * `npm start` (after the build) and `npm run serve`: the built site and the
 * round's sync server on one port, so the page's CSP (connect-src 'self')
 * admits the websocket with no change.
 *
 *   tsx server/serve.ts [--port 4321] [--host 127.0.0.1] [--site dist | --no-site] [--sqlite FILE]
 *
 * Environment: DERIVABLE_SYNC_SECRET keeps room ids valid across restarts
 * (without it each start makes a new secret and old links stop working);
 * DERIVABLE_SYNC_MAX_DOC_BYTES, DERIVABLE_SYNC_RATE, DERIVABLE_SYNC_IDLE_MS
 * override the limits. Nothing is persisted unless `--sqlite FILE` (or
 * DERIVABLE_SYNC_SQLITE=FILE) is given: then documents are kept in that SQLite
 * file (Node's built-in node:sqlite), and one untouched for
 * DERIVABLE_SYNC_RETAIN_MS (30 days) is deleted.
 */
import { existsSync } from 'node:fs';
import { startSyncServer } from './sync-server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

const port = num(arg('port') ?? process.env.PORT) ?? 4321;
const site = process.argv.includes('--no-site') ? undefined : (arg('site') ?? 'dist');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: --port must be a port number, not ${String(arg('port'))}`);
  process.exit(2);
}
if (site && !existsSync(site)) {
  console.error(`serve: no built site in ${site}/ — run npm run build first, or pass --no-site for the sync server alone`);
  process.exit(2);
}
const sync = await startSyncServer({
  port,
  host: arg('host') ?? '127.0.0.1',
  staticDir: site,
  secret: process.env.DERIVABLE_SYNC_SECRET || undefined,
  maxDocBytes: num(process.env.DERIVABLE_SYNC_MAX_DOC_BYTES),
  ratePerSecond: num(process.env.DERIVABLE_SYNC_RATE),
  idleMs: num(process.env.DERIVABLE_SYNC_IDLE_MS),
  sqlite: arg('sqlite') ?? (process.env.DERIVABLE_SYNC_SQLITE || undefined),
  retainMs: num(process.env.DERIVABLE_SYNC_RETAIN_MS),
});
const stop = () => void sync.destroy().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
