/**
 * The scratchpad at /check/: several independent chains, `assume` lines, a
 * share link carrying the chains in the URL hash, and paste of a whole
 * notepad. Lines are kept in localStorage.
 */
import { DEFAULTS } from '../../src/verify/defaults';
import { ChainEditor } from './chain';
import { EngineClient } from './engine-client';
import { MAX_CHAINS, decodeShare, describeCut, encodeShare, limitChains, mergeChains, type Cut } from './logic';
import { warmOnFocus } from './warm';

const STORAGE_KEY = 'derivable:scratchpad';

/** What is stored: the chains, and a revision counted up by every write from any tab. */
interface Stored {
  chains: string[][];
  rev: number;
}

interface ChainBox {
  section: HTMLElement;
  heading: HTMLHeadingElement;
  editor: ChainEditor;
}

export class Scratchpad {
  private readonly client = new EngineClient(DEFAULTS.timeLimitMs);
  private chains: ChainBox[] = [];
  private readonly host: HTMLElement;
  private readonly live: HTMLElement;
  private readonly message: HTMLElement;
  private readonly shareOut: HTMLInputElement;
  private readonly dialog: HTMLDialogElement;
  /** The revision this tab last read or wrote: a stored one above it was written by another tab. */
  private rev = 0;
  /** The chains as this tab last read or wrote them. */
  private synced = '[]';

  constructor(root: HTMLElement) {
    const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
    this.host = q('[data-chains]');
    this.live = q('[data-live]');
    this.message = q('[data-message]');
    this.shareOut = q('[data-share-out]');
    this.dialog = q('[data-clear-dialog]');
    q<HTMLButtonElement>('[data-add-chain]').addEventListener('click', () => {
      this.addChain([]);
      this.save();
      this.chains[this.chains.length - 1]!.editor.focus('first');
    });
    q<HTMLButtonElement>('[data-share]').addEventListener('click', () => void this.share());
    q<HTMLButtonElement>('[data-clear]').addEventListener('click', () => this.dialog.showModal());
    this.dialog.addEventListener('close', () => {
      if (this.dialog.returnValue === 'delete') this.clear();
    });
    window.addEventListener('hashchange', () => void this.fromHash());
    // Another tab wrote the scratchpad: show its lines here rather than overwrite them at the next keystroke.
    window.addEventListener('storage', (e) => {
      if (e.key === STORAGE_KEY || e.key === null) this.fromOtherTab();
    });
    // The scratchpad exists only to check lines: load the engine as soon as a line gets focus.
    warmOnFocus(root, this.client);
  }

  async start(): Promise<void> {
    const stored = this.load();
    this.rev = stored.rev;
    this.setChains(stored.chains);
    this.synced = JSON.stringify(this.values());
    await this.fromHash();
  }

  private say(text: string): void {
    this.message.hidden = false;
    this.message.textContent = text;
  }

  /**
   * Add the chains of a share link in the hash beside the user's own (never in
   * their place); a link already on the pad adds nothing. True when the hash held a link.
   */
  private async fromHash(): Promise<boolean> {
    const mine = this.values().filter((c) => c.some((l) => l.trim() !== ''));
    const d = await decodeShare(location.hash, MAX_CHAINS - mine.length);
    if (d.ok === 'none') return false;
    if (d.ok === false) {
      this.say(d.message);
      return true;
    }
    const { added, merged } = mergeChains(mine, d.chains);
    const n = (k: number) => `${k} chain${k === 1 ? '' : 's'}`;
    let text: string;
    if (added === 0)
      text = `The share link's ${n(d.chains.length)} ${d.chains.length === 1 ? 'is' : 'are'} already on your scratchpad: nothing was added.`;
    else if (mine.length === 0) text = `Loaded ${n(added)} from the share link.`;
    else
      text = `Added ${n(added)} from the share link below your own ${n(mine.length)} (chain${added > 1 ? 's' : ''} ${mine.length + 1}${added > 1 ? `–${mine.length + added}` : ''}); your lines are kept.`;
    if (d.truncated) text += ` ${d.truncated}`;
    this.say(text);
    if (added > 0) {
      this.setChains(merged);
      this.save();
    }
    // The lines now live in storage; dropping the hash lets a reload keep later edits.
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }

  /** The stored chains (within the limits) and their revision; an empty pad when nothing readable is stored. */
  private load(): Stored {
    try {
      const s = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { chains?: unknown; rev?: unknown } | null;
      if (s && Array.isArray(s.chains)) {
        const chains = s.chains
          .filter((c): c is unknown[] => Array.isArray(c))
          .map((c) => c.filter((l): l is string => typeof l === 'string'));
        const cut: Cut = { lines: 0, shortened: 0, chains: 0 };
        const kept = limitChains(chains, cut);
        const said = describeCut(cut, 'The stored scratchpad');
        if (said) this.say(said);
        return { chains: kept, rev: typeof s.rev === 'number' && Number.isFinite(s.rev) ? s.rev : 0 };
      }
    } catch {
      // unreadable storage: start empty
    }
    return { chains: [[]], rev: 0 };
  }

  /**
   * Another tab wrote the scratchpad. When this tab has nothing the store lacks
   * (it saves every edit), it shows the other tab's lines; otherwise the other
   * tab's chains that this one lacks are added below, and the union saved.
   */
  private fromOtherTab(): void {
    const stored = this.load();
    if (stored.rev <= this.rev && JSON.stringify(stored.chains) === this.synced) return;
    const mine = this.values();
    const theirs = stored.chains;
    if (JSON.stringify(mine) === this.synced) {
      this.rev = stored.rev;
      this.synced = JSON.stringify(theirs);
      this.showChains(theirs);
      this.live.textContent = 'The scratchpad was changed in another tab: its lines are shown here.';
      this.say('Updated from another tab.');
      return;
    }
    this.rev = stored.rev;
    this.addMissing(theirs);
  }

  /** Put `chains` on the pad, reusing the editors of the chains already there. */
  private showChains(chains: string[][]): void {
    const want = chains.length ? chains : [[]];
    want.forEach((c, i) => {
      const box = this.chains[i];
      if (box) box.editor.replaceAll(c);
      else this.addChain(c);
    });
    while (this.chains.length > want.length) {
      const box = this.chains.pop()!;
      box.editor.dispose();
      box.section.remove();
    }
    this.renumber();
  }

  /** Add the chains of `theirs` this pad lacks, below the user's, and save the union. */
  private addMissing(theirs: string[][]): void {
    const mine = this.values();
    const { added } = mergeChains(mine, theirs);
    const extra = theirs.filter((c) => c.some((l) => l.trim() !== '') && !mine.some((m) => JSON.stringify(m) === JSON.stringify(c)));
    for (const c of extra.slice(0, added)) this.addChain(c);
    if (added > 0)
      this.say(
        `Another tab changed the scratchpad at the same time: its ${added === 1 ? 'chain was' : `${added} chains were`} added below yours, so neither is lost.`,
      );
    this.save();
  }

  private values(): string[][] {
    return this.chains.map((c) => c.editor.values());
  }

  private save(): void {
    try {
      // Another tab wrote since this one last read: merge before writing, never overwrite.
      const stored = this.load();
      if (stored.rev > this.rev) {
        this.rev = stored.rev;
        if (JSON.stringify(stored.chains) !== JSON.stringify(this.values())) {
          this.addMissing(stored.chains);
          return;
        }
      }
      const chains = this.values();
      this.rev = Math.max(this.rev, stored.rev) + 1;
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ v: 1, chains, rev: this.rev }));
      this.synced = JSON.stringify(chains);
    } catch {
      // storage full or disabled
    }
  }

  private setChains(chains: string[][]): void {
    for (const c of this.chains) c.editor.dispose();
    this.chains = [];
    this.host.replaceChildren();
    for (const c of chains.length ? chains : [[]]) this.addChain(c);
  }

  private addChain(lines: readonly string[], after?: ChainBox, quiet = false): ChainBox | undefined {
    if (this.chains.length >= MAX_CHAINS) {
      if (!quiet) this.say(`At most ${MAX_CHAINS} chains.`);
      return undefined;
    }
    const section = document.createElement('section');
    section.className = 'pchain-box';
    const head = document.createElement('div');
    head.className = 'pchain-box__head';
    const heading = document.createElement('h2');
    heading.className = 'pchain-box__title';
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button button--small';
    remove.textContent = 'Remove chain';
    head.append(heading, remove);
    const box: ChainBox = { section, heading, editor: undefined as unknown as ChainEditor };
    box.editor = new ChainEditor(
      {
        client: this.client,
        baseVariables: [],
        startExprs: [],
        label: (_chain, i, isLast) => {
          const n = this.chains.indexOf(box) + 1 || this.chains.length + 1;
          return `${isLast ? 'Your next step' : `Step ${i + 1}`}, chain ${n}`;
        },
        changed: () => this.save(),
        announce: (text) => {
          this.live.textContent = text;
        },
        navigateOut: (_chain, dir) => {
          const j = this.chains.indexOf(box) + dir;
          const other = this.chains[j];
          if (!other) return false;
          other.editor.focus(dir < 0 ? 'last' : 'first');
          return true;
        },
        pasteChains: (_chain, more) => {
          let prev = box;
          let n = 0;
          for (const c of more) {
            const added = this.addChain(c, prev, true);
            if (!added) break;
            prev = added;
            n++;
          }
          this.save();
          return n;
        },
        notice: (text) => {
          this.say(text);
          this.live.textContent = text;
        },
        lazy: true,
      },
      lines,
    );
    remove.addEventListener('click', () => {
      box.editor.dispose();
      section.remove();
      this.chains.splice(this.chains.indexOf(box), 1);
      if (this.chains.length === 0) this.addChain([]);
      this.renumber();
      this.save();
      this.chains[0]!.editor.focus('first');
    });
    section.append(head, box.editor.el);
    const at = after ? this.chains.indexOf(after) + 1 : this.chains.length;
    this.host.insertBefore(section, this.chains[at]?.section ?? null);
    this.chains.splice(at, 0, box);
    this.renumber();
    return box;
  }

  private renumber(): void {
    this.chains.forEach((c, i) => {
      c.heading.textContent = `Chain ${i + 1}`;
      c.section.setAttribute('aria-label', `Chain ${i + 1}`);
      c.editor.relabel();
    });
  }

  private async share(): Promise<void> {
    const chains = this.values()
      .map((c) => c.filter((l) => l.trim() !== ''))
      .filter((c) => c.length);
    if (!chains.length) {
      this.message.hidden = false;
      this.message.textContent = 'Nothing to share yet: write a line first.';
      return;
    }
    const url = new URL(location.href);
    url.hash = await encodeShare(chains);
    this.shareOut.hidden = false;
    this.shareOut.value = url.href;
    this.shareOut.focus();
    this.shareOut.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(url.href);
      copied = true;
    } catch {
      // no clipboard permission: the link is selected in the field
    }
    this.live.textContent = copied ? 'Share link copied to the clipboard.' : 'Share link ready in the field below the buttons.';
  }

  private clear(): void {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
    this.setChains([[]]);
    this.save();
    this.shareOut.hidden = true;
    this.live.textContent = 'All chains were deleted.';
    this.chains[0]!.editor.focus('first');
  }
}

export function startScratchpad(root: HTMLElement): void {
  void new Scratchpad(root).start();
}
