/**
 * The shared notepad's binding between an editor's lines and a Yjs document, with two documents
 * exchanging updates (as the sync server relays them) and a plain array standing in for the editor.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LineEdit } from '../../../components/practice/chain';
import { LinesBinding, rewriteText } from '../../../src/round/notepad-sync';

/** An editor of lines: what the user types is `type()`; remote edits arrive through applyEdits. */
class FakeView {
  lines: string[];
  edits: LineEdit[][] = [];
  constructor(initial: string[] = ['']) {
    this.lines = [...initial];
  }
  values() {
    return [...this.lines];
  }
  applyEdits(edits: readonly LineEdit[]) {
    this.edits.push([...edits]);
    for (const e of edits) {
      if (e.op === 'insert') this.lines.splice(e.at, 0, e.text);
      else if (e.op === 'remove') this.lines.splice(e.at, 1);
      else this.lines[e.at] = e.text;
    }
    if (this.lines.length === 0) this.lines.push('');
  }
}

/** Two peers; `link` relays every update from one to the other, `unlink` holds them back (offline). */
function peers() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  let online = true;
  const held: [Y.Doc, Uint8Array][] = [];
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && (online ? Y.applyUpdate(b, u, 'net') : held.push([b, u])));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && (online ? Y.applyUpdate(a, u, 'net') : held.push([a, u])));
  const va = new FakeView();
  const vb = new FakeView();
  const ba = new LinesBinding(a, va);
  const bb = new LinesBinding(b, vb);
  const type = (v: FakeView, bind: LinesBinding, lines: string[]) => {
    v.lines = lines;
    bind.fromView();
  };
  return {
    a: { doc: a, view: va, bind: ba, type: (l: string[]) => type(va, ba, l) },
    b: { doc: b, view: vb, bind: bb, type: (l: string[]) => type(vb, bb, l) },
    offline: () => (online = false),
    online: () => {
      online = true;
      for (const [d, u] of held.splice(0)) Y.applyUpdate(d, u, 'net');
    },
  };
}

describe('rewriteText', () => {
  it('writes only the changed span', () => {
    const doc = new Y.Doc();
    const t = doc.getText('t');
    t.insert(0, 'x^2 + 2x + 1');
    const deltas: unknown[] = [];
    t.observe((e) => deltas.push(e.delta));
    doc.transact(() => rewriteText(t, 'x^2 + 3x + 1'));
    expect(t.toString()).toBe('x^2 + 3x + 1');
    expect(deltas).toEqual([[{ retain: 6 }, { delete: 1 }, { insert: '3' }]]);
  });
});

describe('LinesBinding', () => {
  it("shows one peer's lines on the other, line by line", () => {
    const { a, b } = peers();
    a.type(['(x+1)^2']);
    expect(b.view.lines).toEqual(['(x+1)^2']);
    a.type(['(x+1)^2', '']);
    a.type(['(x+1)^2', 'x^2 + 2x + 1']);
    expect(b.view.lines).toEqual(['(x+1)^2', 'x^2 + 2x + 1']);
    b.type(['(x+1)^2', 'x^2 + 2x + 1', 'x^2+2*x+1']);
    expect(a.view.lines).toEqual(['(x+1)^2', 'x^2 + 2x + 1', 'x^2+2*x+1']);
    b.type(['(x+1)^2', 'x^2+2*x+1']);
    expect(a.view.lines).toEqual(['(x+1)^2', 'x^2+2*x+1']);
  });

  it('merges two people typing in the same line at once', () => {
    const { a, b, offline, online } = peers();
    a.type(['a = b']);
    offline();
    a.type(['a = b + 1']);
    b.type(['2a = b']);
    online();
    expect(a.view.lines).toEqual(b.view.lines);
    expect(a.view.lines[0]).toBe('2a = b + 1');
  });

  it('a line added above the one being typed in moves it down rather than rewriting it', () => {
    const { a, b, offline, online } = peers();
    a.type(['one', 'two']);
    offline();
    b.type(['zero', 'one', 'two']);
    a.type(['one', 'two!']);
    online();
    expect(a.view.lines).toEqual(['zero', 'one', 'two!']);
    expect(b.view.lines).toEqual(['zero', 'one', 'two!']);
    // Peer a saw an insertion at 0 and one character in its own line 2, not three rewritten lines.
    expect(a.view.edits.at(-1)).toEqual([{ op: 'insert', at: 0, text: 'zero' }]);
  });

  it('lines typed offline on both sides are all kept when they meet', () => {
    const { a, b, offline, online } = peers();
    a.type(['start']);
    offline();
    a.type(['start', 'from a']);
    b.type(['start', 'from b']);
    online();
    expect(a.view.lines).toEqual(b.view.lines);
    expect([...a.view.lines].sort()).toEqual(['from a', 'from b', 'start']);
  });

  it('an empty document and an empty notepad agree without a write; a saved document is shown as is', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    new LinesBinding(doc, new FakeView());
    expect(updates).toHaveLength(0);
    doc.getArray<Y.Text>('lines').insert(0, [new Y.Text('saved')]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const v = new FakeView();
    new LinesBinding(copy, v);
    expect(v.lines).toEqual(['saved']);
  });

  it('the candidate-verdicts switch is off until the interviewer sets it, and travels in the document', () => {
    const { a, b } = peers();
    expect(b.bind.candidateVerdicts).toBe(false);
    a.bind.candidateVerdicts = true;
    expect(b.bind.candidateVerdicts).toBe(true);
  });
});
