/**
 * The practice Web Worker: runs the engine's pure sync core off the main
 * thread. It is created on first use, so the engine is only downloaded when a
 * reader starts practising or opens the scratchpad.
 */
import { checkSync, describeResult, parseLine } from '../../src/verify/index';
import { parse as parseMath } from 'mathjs';
import type { Preview, WorkerRequest, WorkerResponse } from './protocol';

const post = (m: WorkerResponse) => (self as unknown as { postMessage(m: WorkerResponse): void }).postMessage(m);

interface TexNode {
  type: string;
  name?: string;
  fn?: { name?: string };
  args?: TexNode[];
  toTex(options: object): string;
}

/**
 * Two fixes to mathjs's TeX for the preview: a variable that happens to be a
 * unit name (`t` is tonnes) is italic like any variable, and `transpose(X)`
 * prints as X^T without parentheses around a single symbol.
 */
function texHandler(node: TexNode, options: object): string | undefined {
  if (node.type === 'SymbolNode' && node.name && /^[A-Za-z]$/.test(node.name)) return ` ${node.name}`;
  if (node.type === 'FunctionNode' && node.fn?.name === 'transpose' && node.args?.length === 1) {
    const arg = node.args[0]!;
    const inner = arg.toTex(options);
    return arg.type === 'SymbolNode' ? ` {${inner}}^{\\top}` : ` \\left(${inner}\\right)^{\\top}`;
  }
  return undefined;
}

/** ASCII line → TeX for the preview (mathjs prints what the engine parsed). */
function asciiTex(ascii: string): string {
  return ascii
    .split('=')
    .map((side) => parseMath(side).toTex({ parenthesis: 'auto', implicit: 'hide', handler: texHandler }))
    .join(' = ');
}

function preview(text: string): Preview {
  const p = parseLine(text);
  if (!p.ok) return p.position === undefined ? { ok: false, message: p.message } : { ok: false, message: p.message, position: p.position };
  const equation = p.line.kind === 'equation';
  if (p.latex) return { ok: true, tex: text, latex: true, equation, ascii: p.ascii };
  let tex: string;
  try {
    tex = asciiTex(text);
  } catch {
    tex = asciiTex(p.ascii);
  }
  return { ok: true, tex, latex: false, equation, ascii: p.ascii };
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  try {
    if (req.kind === 'check') {
      const result = checkSync(req.input, req.deadline);
      post({ id: req.id, kind: 'check', result, text: describeResult(result) });
    }
    else post({ id: req.id, kind: 'preview', preview: preview(req.text) });
  } catch (err) {
    post({ id: req.id, kind: 'crash', message: err instanceof Error ? err.message : String(err) });
  }
};

post({ id: 0, kind: 'ready' });
