/**
 * The scratchpad at /check/: several independent chains, `assume` lines, a
 * share link carrying the chains in the URL hash, and paste of a whole
 * notepad. Lines are kept in localStorage.
 */
import { DEFAULTS } from '../../src/verify/defaults';
import { ChainEditor } from './chain';
import { EngineClient } from './engine-client';
import { MAX_CHAINS, MAX_LINE_LENGTH, MAX_LINES, decodeShare, encodeShare } from './logic';
import { preloadMath } from './math-preview';

const STORAGE_KEY = 'derivable:scratchpad';

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
    // The scratchpad exists only to check lines: load the engine as soon as a line gets focus, while
    // the first one is typed. Not on page load, which would weigh on every visit, also the ones that only look.
    root.addEventListener(
      'focusin',
      () => {
        this.client.warm();
        preloadMath();
      },
      { once: true },
    );
  }

  async start(): Promise<void> {
    if (!(await this.fromHash())) this.setChains(this.load());
  }

  /** Load chains from a share link in the hash; true when the hash held one. */
  private async fromHash(): Promise<boolean> {
    const d = await decodeShare(location.hash);
    if (d.ok === 'none') return false;
    if (d.ok === false) {
      this.message.hidden = false;
      this.message.textContent = d.message;
      this.setChains(this.load());
      return true;
    }
    this.message.hidden = false;
    this.message.textContent = `Loaded ${d.chains.length} chain${d.chains.length > 1 ? 's' : ''} from the share link.`;
    this.setChains(d.chains);
    this.save();
    // The lines now live in storage; dropping the hash lets a reload keep later edits.
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }

  private load(): string[][] {
    try {
      const s = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { chains?: unknown } | null;
      if (s && Array.isArray(s.chains)) {
        return s.chains
          .filter((c): c is unknown[] => Array.isArray(c))
          .slice(0, MAX_CHAINS)
          .map((c) => c.filter((l): l is string => typeof l === 'string').slice(0, MAX_LINES).map((l) => l.slice(0, MAX_LINE_LENGTH)));
      }
    } catch {
      // unreadable storage: start empty
    }
    return [[]];
  }

  private values(): string[][] {
    return this.chains.map((c) => c.editor.values());
  }

  private save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ v: 1, chains: this.values() }));
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

  private addChain(lines: readonly string[], after?: ChainBox): ChainBox | undefined {
    if (this.chains.length >= MAX_CHAINS) {
      this.message.hidden = false;
      this.message.textContent = `At most ${MAX_CHAINS} chains.`;
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
          for (const c of more) {
            const added = this.addChain(c, prev);
            if (!added) break;
            prev = added;
          }
          this.save();
        },
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
