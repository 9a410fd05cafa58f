/**
 * The presenter's windows on more than one device: the same deck states the windows of one
 * browser exchange over BroadcastChannel (deck.ts, `PresenterMessage`), carried through the
 * round's sync server. The newest state sits in a Yjs map of a room made for the deck (not the
 * notepad's room, which the candidate holds); each window applies it with the same newest-wins
 * rule (`receiveState`), so a tablet, a second laptop and the projected window end in one place.
 *
 * The relay is opt-in: the interviewer window's "Notes on another device" makes the room and
 * shows its link (`/present/<slug>/notes/#relay=<id>`); the room is remembered per derivation in
 * localStorage, where the projected window of the same browser finds it.
 */
import { WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { ROOM_ID, openRoom, type OpenRoom } from '../round/room';
import { isPresenterMessage, type PresenterMessage } from './deck';
export const relayKey = (slug: string) => `derivable-present-relay:${slug}`;

/** A relay room in a hash (`#relay=<id>`), or undefined. */
export function relayFromHash(hash: string): string | undefined {
  const m = /(?:^#|&)relay=([A-Za-z0-9_-]{32})(?:&|$)/.exec(hash);
  return m?.[1];
}

export function storedRelay(slug: string): string | undefined {
  try {
    const room = localStorage.getItem(relayKey(slug)) ?? '';
    return ROOM_ID.test(room) ? room : undefined;
  } catch {
    return undefined;
  }
}

export function storeRelay(slug: string, room: string | undefined): void {
  try {
    if (room) localStorage.setItem(relayKey(slug), room);
    else localStorage.removeItem(relayKey(slug));
  } catch {
    // the relay lasts as long as this page
  }
}

export type RelayStatus = 'connecting' | 'connected' | 'offline';

export class DeckRelay {
  private readonly doc = new Y.Doc();
  private readonly map = this.doc.getMap<unknown>('deck');
  private readonly connection: OpenRoom;
  private readonly origin = Symbol('deck-relay');

  constructor(
    readonly room: string,
    receive: (msg: PresenterMessage) => void,
    status: (s: RelayStatus) => void = () => {},
  ) {
    this.map.observe((_e, tr) => {
      if (tr.origin === this.origin) return;
      const msg = this.map.get('state');
      if (isPresenterMessage(msg)) receive(msg);
    });
    this.connection = openRoom(room, this.doc, {
      onStatus: ({ status: s }) =>
        status(s === WebSocketStatus.Connected ? 'connected' : s === WebSocketStatus.Connecting ? 'connecting' : 'offline'),
    });
  }

  /** Tell the other devices where this window's deck is (only states: `hello` needs no answer here, the map holds the last state). */
  post(msg: PresenterMessage): void {
    if (msg.type !== 'state') return;
    this.doc.transact(() => this.map.set('state', { ...msg }), this.origin);
  }

  destroy(): void {
    this.connection.destroy();
    this.doc.destroy();
  }
}
