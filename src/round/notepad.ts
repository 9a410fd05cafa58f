/**
 * The round's shared notepad, in the page: the scratchpad's line editor and
 * checker (ChainEditor, EngineClient) bound to a Yjs document (notepad-sync.ts)
 * that @hocuspocus/provider keeps in step with the sync server's room.
 *
 * - The interviewer (/round/) opens a room (`POST /sync/rooms`) and gets the
 *   candidate's link, `/round/pad/#room=<id>`: the id travels in the fragment,
 *   which no server sees in a request line.
 * - The interviewer sees every verdict; the candidate's page shows verdicts only
 *   when the interviewer's switch (in the shared document) is on. Off, the
 *   candidate's page hides them and does not announce them; the checks still
 *   run in the candidate's browser (they drive the typeset preview), so this is
 *   a view setting, not a secret.
 * - Only the lines and that switch are in the document; the interviewer's
 *   notes and scores are elsewhere (round.ts, localStorage) and never sent.
 * - The document is also kept in this browser's localStorage, per room, so a
 *   reload or a server that is down loses nothing; the provider sends what was
 *   typed when the server is back (Yjs merges both sides).
 */
import { type HocuspocusProvider, type HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { DEFAULTS } from '../verify/defaults';
import { ChainEditor } from '../../components/practice/chain';
import { EngineClient } from '../../components/practice/engine-client';
import { warmChecker, warmOnFocus } from '../../components/practice/warm';
import { LinesBinding } from './notepad-sync';
import { ROOM_ID, makeRoom, openRoom } from './room';

/** The interviewer's open room, in this browser. */
export const ROOM_KEY = 'derivable-round-notepad';
const SAVED_PREFIX = 'derivable-notepad:';
const LOCAL_ROOM = 'local';

/** The room of a candidate link's fragment (`#room=<id>`), or undefined. */
export function roomFromHash(hash: string): string | undefined {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('room') ?? '';
  return ROOM_ID.test(id) ? id : undefined;
}

type SyncState = 'none' | 'connecting' | 'connected' | 'offline' | 'unknown' | 'local' | 'nolink';

const b64 = {
  encode: (u: Uint8Array) => btoa(Array.from(u, (c) => String.fromCharCode(c)).join('')),
  decode: (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)),
};

interface Session {
  room: string;
  doc: Y.Doc;
  socket: HocuspocusProviderWebsocket | undefined;
  provider: HocuspocusProvider | undefined;
  binding: LinesBinding;
  editor: ChainEditor;
  dispose(): void;
}

export class SharedNotepad {
  private readonly role: 'interviewer' | 'candidate';
  private readonly client = new EngineClient(DEFAULTS.timeLimitMs);
  private session: Session | undefined;
  private state: SyncState = 'none';
  /** Why the server last closed the connection on purpose (size or rate limit); cleared once everything is sent. */
  private refusal: 'size' | 'rate' | undefined;
  /** The server's size limit for a document (it says so when asked about a room). */
  private maxDocBytes = Number.POSITIVE_INFINITY;

  constructor(private readonly root: HTMLElement) {
    this.role = root.dataset.role === 'candidate' ? 'candidate' : 'interviewer';
    warmOnFocus(root, this.client);
    if (this.role === 'interviewer') {
      this.q<HTMLButtonElement>('[data-pad-open]').addEventListener('click', () => void this.open());
      this.q<HTMLButtonElement>('[data-pad-close]').addEventListener('click', () => this.close());
      this.q<HTMLButtonElement>('[data-pad-copy]').addEventListener('click', () => void this.copy());
      this.q<HTMLInputElement>('[data-pad-verdicts]').addEventListener('change', (e) => {
        if (this.session) this.session.binding.candidateVerdicts = (e.target as HTMLInputElement).checked;
      });
    } else window.addEventListener('hashchange', () => this.start());
  }

  private q<T extends Element = HTMLElement>(sel: string): T {
    const el = this.root.querySelector<T>(sel);
    if (!el) throw new Error(`shared notepad: missing ${sel}`);
    return el;
  }

  start(): void {
    if (this.role === 'candidate') {
      const room = roomFromHash(location.hash);
      if (!room) {
        this.session?.dispose();
        this.session = undefined;
        this.setState('nolink');
        return;
      }
      if (this.session?.room !== room) void this.join(room);
      return;
    }
    let room: string | null = null;
    try {
      room = localStorage.getItem(ROOM_KEY);
    } catch {
      // no storage: no room to resume
    }
    if (room && (ROOM_ID.test(room) || room === LOCAL_ROOM)) void this.join(room);
    else this.setState('none');
  }

  /** Interviewer: make a room on the sync server (or, with none, a notepad in this browser only). */
  private async open(): Promise<void> {
    const button = this.q<HTMLButtonElement>('[data-pad-open]');
    button.disabled = true;
    // No server: a notepad in this browser only.
    const room = (await makeRoom()) ?? LOCAL_ROOM;
    button.disabled = false;
    try {
      localStorage.setItem(ROOM_KEY, room);
    } catch {
      // the room lasts as long as the tab
    }
    await this.join(room);
    this.session?.editor.focus('first');
  }

  /** Interviewer: leave the room (its lines stay on the other side and on the server while someone is in it). */
  private close(): void {
    const room = this.session?.room;
    this.session?.dispose();
    this.session = undefined;
    try {
      localStorage.removeItem(ROOM_KEY);
      if (room) localStorage.removeItem(SAVED_PREFIX + room);
    } catch {
      // nothing stored
    }
    this.q('[data-pad-lines]').replaceChildren();
    this.setState('none');
  }

  private async copy(): Promise<void> {
    const link = this.q<HTMLInputElement>('[data-pad-link]');
    link.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(link.value);
      copied = true;
    } catch {
      // no clipboard permission: the link is selected
    }
    this.q('[data-pad-live]').textContent = copied ? 'Link copied.' : 'The link is selected: copy it with the keyboard.';
  }

  /** Does the sync server know this room? true, false (it answered no), or undefined (no server answered). */
  private async known(room: string): Promise<boolean | undefined> {
    try {
      const res = await fetch(new URL(`/sync/rooms/${room}`, location.origin), { cache: 'no-store' });
      if (!(res.headers.get('content-type') ?? '').includes('application/json')) return undefined;
      const body = (await res.json()) as { known?: unknown; maxDocBytes?: unknown };
      if (typeof body.maxDocBytes === 'number' && body.maxDocBytes > 0) this.maxDocBytes = body.maxDocBytes;
      return typeof body.known === 'boolean' ? body.known : undefined;
    } catch {
      return undefined;
    }
  }

  /** The notepad is larger than the server's limit for a document (as far as this page can tell). */
  private overLimit(session: Session): boolean {
    return Y.encodeStateAsUpdate(session.doc).byteLength > this.maxDocBytes;
  }

  private async join(room: string): Promise<void> {
    this.session?.dispose();
    this.session = undefined;
    this.refusal = undefined;
    // A notepad is open to check lines: load the checker now, while the server (which also serves
    // its files under npm start) is surely there, not at the first focus.
    warmChecker(this.client);
    const doc = new Y.Doc();
    const savedKey = SAVED_PREFIX + room;
    try {
      const saved = localStorage.getItem(savedKey);
      if (saved) Y.applyUpdate(doc, b64.decode(saved), 'storage');
    } catch {
      // unreadable copy: start from the server's
    }
    const host = this.q('[data-pad-lines]');
    const live = this.q('[data-pad-live]');
    // The editor reports edits to the binding, which needs the editor: made one after the other.
    const bound: { binding?: LinesBinding } = {};
    const initial = doc
      .getArray<Y.Text>('lines')
      .toArray()
      .map((t) => t.toString());
    const editor = new ChainEditor(
      {
        client: this.client,
        baseVariables: [],
        startExprs: [],
        label: (_c, i, isLast) => (isLast ? `Next line, notepad` : `Line ${i + 1}, notepad`),
        changed: () => bound.binding?.fromView(),
        announce: (text) => {
          if (this.showsVerdicts()) live.textContent = text;
        },
        notice: (text) => this.say(text),
      },
      initial,
    );
    const binding = new LinesBinding(doc, editor);
    bound.binding = binding;
    host.replaceChildren(editor.el);

    // Kept in this browser: every change, at most every quarter second, and when the page goes away.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      timer = undefined;
      try {
        localStorage.setItem(savedKey, b64.encode(Y.encodeStateAsUpdate(doc)));
      } catch {
        this.say(
          'This browser does not keep the notepad (storage full or blocked): lines typed while the server is down live only in this tab.',
        );
      }
    };
    doc.on('update', () => {
      timer ??= setTimeout(save, 250);
    });
    const onHide = () => timer !== undefined && save();
    window.addEventListener('pagehide', onHide);
    const settings = binding.settings;
    const onSettings = () => this.showVerdictSetting();
    settings.observe(onSettings);

    const session: Session = {
      room,
      doc,
      socket: undefined,
      provider: undefined,
      binding,
      editor,
      dispose: () => {
        if (timer !== undefined) save();
        window.removeEventListener('pagehide', onHide);
        settings.unobserve(onSettings);
        session.provider?.destroy();
        session.socket?.destroy();
        binding.destroy();
        editor.dispose();
        doc.destroy();
      },
    };
    this.session = session;
    this.showVerdictSetting();
    if (this.role === 'interviewer') {
      const link = new URL('round/pad/', new URL(this.root.dataset.base ?? '/', location.origin));
      link.hash = `room=${room}`;
      this.q<HTMLInputElement>('[data-pad-link]').value = room === LOCAL_ROOM ? '' : link.href;
    }
    if (room === LOCAL_ROOM) {
      this.setState('local');
      return;
    }
    this.setState('connecting');
    if ((await this.known(room)) === false) {
      if (this.session === session) this.setState('unknown');
      return;
    }
    if (this.session !== session) return;
    const { socket, provider } = openRoom(room, doc, {
      // Keystrokes within 40 ms go as one message: well under the server's per-connection rate limit.
      flushDelay: 40,
      onStatus: ({ status }) => {
        if (this.session !== session) return;
        if (status === WebSocketStatus.Connected) this.setState('connected');
        else if (status === WebSocketStatus.Disconnected) void this.lost(session);
      },
      onSynced: () => this.session === session && this.sent(session),
      onUnsyncedChanges: () => this.session === session && this.sent(session),
      // The server closes this document's connection, not the socket, when it refuses an update
      // (Hocuspocus sends a close message with the reason): join again after a pause.
      onClose: ({ event }) => {
        if (this.session !== session) return;
        const why =
          event.code === 4413 || event.reason === 'document too large'
            ? 'size'
            : event.code === 4429 || event.reason === 'rate limit'
              ? 'rate'
              : undefined;
        if (!why) return;
        this.refusal = why;
        this.renderStatus();
        // Join again after a pause; while the notepad is still over the size limit there is no
        // point, so the pause grows (5 s up to a minute) and each retry first checks the size.
        const retry = (wait: number): void => {
          setTimeout(() => {
            if (this.session !== session) return;
            if (why === 'size' && this.overLimit(session)) retry(Math.min(60_000, wait * 2));
            else {
              session.socket?.disconnect();
              void session.socket?.connect();
            }
          }, wait);
        };
        retry(why === 'rate' ? 1000 : 5000);
      },
    });
    session.socket = socket;
    session.provider = provider;
  }

  /** The server has everything this page typed: a refusal is over (a size refusal only once the notepad fits). */
  private sent(session: Session): void {
    const all = (session.provider?.unsyncedChanges ?? 0) === 0 && session.provider?.isSynced;
    if (all && !(this.refusal === 'size' && this.overLimit(session))) this.refusal = undefined;
    this.renderStatus();
  }

  /** The connection dropped: a server that answers "not this room" ends the session's retries; otherwise they go on. */
  private async lost(session: Session): Promise<void> {
    this.setState('offline');
    if ((await this.known(session.room)) === false && this.session === session) {
      session.provider?.destroy();
      session.socket?.destroy();
      this.setState('unknown');
    }
  }

  private showsVerdicts(): boolean {
    return this.role === 'interviewer' || (this.session?.binding.candidateVerdicts ?? false);
  }

  private showVerdictSetting(): void {
    const on = this.session?.binding.candidateVerdicts ?? false;
    this.root.dataset.verdicts = this.showsVerdicts() ? 'on' : 'off';
    if (this.role === 'interviewer') this.q<HTMLInputElement>('[data-pad-verdicts]').checked = on;
    else {
      const note = this.q('[data-pad-verdict-note]');
      note.hidden = !this.session;
      note.textContent = on
        ? 'Each line is checked against the one before it as you type: ✓ verified, ✗ refuted (with a counterexample), ? unproven.'
        : 'The interviewer sees each line checked as you type; the checks are not shown here in this round.';
    }
  }

  private say(text: string): void {
    const m = this.q('[data-pad-message]');
    m.hidden = false;
    m.textContent = text;
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.renderStatus();
  }

  private renderStatus(): void {
    const status = this.q('[data-pad-status]');
    const refused = this.refusal && ['connecting', 'connected', 'offline'].includes(this.state) ? this.refusal : undefined;
    status.dataset.sync = refused ? 'refused' : this.state;
    const unsent = this.session?.provider?.unsyncedChanges ?? 0;
    const other = this.role === 'interviewer' ? 'the candidate' : 'the interviewer';
    const text: Record<SyncState, string> = {
      none: 'No notepad open.',
      nolink: 'This page needs the link the interviewer sends you (it ends in #room=…).',
      connecting: 'Connecting to the sync server…',
      connected: `Connected: ${other} sees your lines as you type.`,
      offline: `No sync server reachable: keep typing; your lines stay in this browser and are sent when the server is back${unsent ? ` (${unsent} change${unsent === 1 ? '' : 's'} waiting)` : ''}.`,
      unknown:
        'The sync server does not know this room: check the link (or the server was restarted with a new secret). Lines typed here stay in this browser only.',
      local:
        'No sync server answered, so this notepad is in this browser only (the static site has none; npm start runs one). Lines are checked as usual.',
    };
    status.textContent =
      refused === 'size'
        ? 'The sync server refused the notepad: it is over the size limit of a room. Shorten or remove lines to go on; what you type stays in this browser.'
        : refused === 'rate'
          ? 'The sync server closed the connection: too many changes per second. It reconnects by itself; nothing typed is lost.'
          : text[this.state];
    if (this.role === 'interviewer') {
      const open = this.session !== undefined;
      this.q('[data-pad-start]').hidden = open;
      this.q('[data-pad-session]').hidden = !open;
      this.q('[data-pad-share]').hidden = !open || this.session?.room === LOCAL_ROOM;
    }
  }
}

export function startSharedNotepad(root: HTMLElement): SharedNotepad {
  const pad = new SharedNotepad(root);
  pad.start();
  return pad;
}
