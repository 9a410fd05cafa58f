/**
 * The shared notepad's lines as a Yjs document: a `Y.Array` of `Y.Text`, one
 * per line, so two people typing in the same line merge character by
 * character and a line added by one never overwrites a line of the other.
 * The interviewer's switch ("the candidate sees verdicts") lives in the
 * `settings` map of the same document. Nothing here touches the DOM: the
 * editor is reached through `LineView`, so node tests drive two documents.
 *
 * Local edits: the editor says "something changed"; the binding compares its
 * lines with the document's (common leading and trailing lines, then the
 * changed span, each changed line by its common prefix and suffix) and writes
 * the difference in one transaction. An editor change is one keystroke, one
 * Enter, one removal or one paste, so the difference is that edit.
 * Remote edits: lines are matched by identity (the `Y.Text` itself), so a
 * line inserted above the one being typed in moves it down instead of
 * rewriting it.
 */
import * as Y from 'yjs';
import type { LineEdit } from '../../components/practice/chain';

export const LINES = 'lines';
export const SETTINGS = 'settings';
/** settings key: true when the candidate's page shows verdicts (off by default in a round). */
export const CANDIDATE_VERDICTS = 'candidateVerdicts';

export interface LineView {
  values(): string[];
  applyEdits(edits: readonly LineEdit[]): void;
}

/** Write `next` into `text` as one replacement of the span between their common prefix and suffix. */
export function rewriteText(text: Y.Text, next: string): void {
  const old = text.toString();
  if (old === next) return;
  let p = 0;
  while (p < old.length && p < next.length && old[p] === next[p]) p++;
  let s = 0;
  while (s < old.length - p && s < next.length - p && old[old.length - 1 - s] === next[next.length - 1 - s]) s++;
  if (old.length - p - s > 0) text.delete(p, old.length - p - s);
  if (next.length - p - s > 0) text.insert(p, next.slice(p, next.length - s));
}

const lineText = (s: string) => new Y.Text(s);

export class LinesBinding {
  readonly lines: Y.Array<Y.Text>;
  readonly settings: Y.Map<unknown>;
  /** The document's lines as the view last showed them (same order, same objects). */
  private shadow: Y.Text[] = [];
  private readonly origin = Symbol('local-editor');
  private readonly observer: (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => void;

  constructor(
    readonly doc: Y.Doc,
    private readonly view: LineView,
    private readonly onRemote: () => void = () => {},
  ) {
    this.lines = doc.getArray<Y.Text>(LINES);
    this.settings = doc.getMap(SETTINGS);
    this.observer = (_events, tr) => {
      if (tr.origin === this.origin) return;
      this.fromDoc();
      this.onRemote();
    };
    this.lines.observeDeep(this.observer);
    // What the document holds already (a saved copy, or a room joined late) is shown as is;
    // an empty document and an empty notepad agree without a write.
    const values = view.values();
    if (this.lines.length === 0 && values.some((v) => v !== '')) this.fromView();
    else this.fromDoc();
  }

  destroy(): void {
    this.lines.unobserveDeep(this.observer);
  }

  /** The editor changed: write the difference into the document. */
  fromView(): void {
    const next = this.view.values();
    const prev = this.shadow.map((t) => t.toString());
    if (prev.length === 0 && next.length === 1 && next[0] === '') return;
    let p = 0;
    while (p < prev.length && p < next.length && prev[p] === next[p]) p++;
    let s = 0;
    while (s < prev.length - p && s < next.length - p && prev[prev.length - 1 - s] === next[next.length - 1 - s]) s++;
    const oldMid = prev.length - p - s;
    const newMid = next.length - p - s;
    this.doc.transact(() => {
      const both = Math.min(oldMid, newMid);
      for (let k = 0; k < both; k++) rewriteText(this.shadow[p + k]!, next[p + k]!);
      if (newMid > oldMid) this.lines.insert(p + both, next.slice(p + both, p + newMid).map(lineText));
      else if (oldMid > newMid) this.lines.delete(p + both, oldMid - newMid);
    }, this.origin);
    this.shadow = this.lines.toArray();
  }

  /** The document changed elsewhere: move, add, remove and rewrite the editor's lines to match. */
  private fromDoc(): void {
    const next = this.lines.toArray();
    // An empty document is shown as one empty line (the editor always has one): a placeholder stands for it.
    const PLACEHOLDER = null;
    const cur: (Y.Text | null)[] = this.shadow.length ? [...this.shadow] : [PLACEHOLDER];
    const want: (Y.Text | null)[] = next.length ? next : [PLACEHOLDER];
    const shown = this.view.values();
    if (shown.length !== cur.length) {
      // Out of step (should not happen): show the document as it is, line for line.
      this.view.applyEdits([
        ...shown.map((_, i) => ({ op: 'remove' as const, at: shown.length - 1 - i })),
        ...want.map((t, i) => ({ op: 'insert' as const, at: i, text: t?.toString() ?? '' })),
      ]);
      this.shadow = next;
      return;
    }
    const edits: LineEdit[] = [];
    const keep = new Set(want);
    for (let k = cur.length - 1; k >= 0; k--) {
      if (keep.has(cur[k]!)) continue;
      edits.push({ op: 'remove', at: k });
      cur.splice(k, 1);
      shown.splice(k, 1);
    }
    want.forEach((t, i) => {
      if (cur[i] === t) return;
      const text = t?.toString() ?? '';
      edits.push({ op: 'insert', at: i, text });
      cur.splice(i, 0, t);
      shown.splice(i, 0, text);
    });
    want.forEach((t, i) => {
      const text = t?.toString() ?? '';
      if (shown[i] !== text) edits.push({ op: 'set', at: i, text });
    });
    this.shadow = next;
    if (edits.length) this.view.applyEdits(edits);
  }

  get candidateVerdicts(): boolean {
    return this.settings.get(CANDIDATE_VERDICTS) === true;
  }

  set candidateVerdicts(on: boolean) {
    this.settings.set(CANDIDATE_VERDICTS, on);
  }
}
