/**
 * A room on the round's sync server (server/), as the pages use one: the
 * shared notepad (notepad.ts) and the presenter's relay between devices
 * (src/presenter/relay.ts). One place makes a room, and one joins it with a
 * Yjs document, so both reconnect and address the server the same way.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, type HocuspocusProviderConfiguration } from '@hocuspocus/provider';
import type * as Y from 'yjs';

/** A room id as the server makes them (and as links carry them). */
export const ROOM_ID = /^[A-Za-z0-9_-]{32}$/;

/** Make a room on the sync server; undefined when none answers (a static host). */
export async function makeRoom(): Promise<string | undefined> {
  try {
    const res = await fetch(new URL('/sync/rooms', location.origin), { method: 'POST', cache: 'no-store' });
    const body = res.ok ? ((await res.json()) as { room?: unknown }) : {};
    return typeof body.room === 'string' && ROOM_ID.test(body.room) ? body.room : undefined;
  } catch {
    return undefined;
  }
}

/** What a page may add to the provider: its callbacks (status, synced, close) and its flush delay. */
export type RoomOptions = Omit<HocuspocusProviderConfiguration, 'websocketProvider' | 'name' | 'document' | 'url' | 'websocket'>;

export interface OpenRoom {
  socket: HocuspocusProviderWebsocket;
  provider: HocuspocusProvider;
  destroy(): void;
}

/**
 * Join `room` with `doc`, over this page's origin (`/sync/<room>`, wss on an https page). After a
 * drop it retries soon (a server restart takes seconds), then backs off to 5 s between attempts.
 */
export function openRoom(room: string, doc: Y.Doc, options: RoomOptions = {}): OpenRoom {
  const url = new URL(`/sync/${room}`, location.origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new HocuspocusProviderWebsocket({ url: url.href, delay: 300, factor: 1.5, minDelay: 300, maxDelay: 5000 });
  const provider = new HocuspocusProvider({ ...options, websocketProvider: socket, name: room, document: doc });
  provider.attach();
  return {
    socket,
    provider,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
