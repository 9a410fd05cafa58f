/** Messages between the page and the practice Web Worker. Each request has an id; the answer echoes it. */
import type { CheckInput, CheckResult } from '../../src/verify/types';

/** A line as the preview needs it: the TeX to show, or where parsing failed. */
export type Preview =
  | { ok: true; tex: string; latex: boolean; equation: boolean; ascii: string }
  | { ok: false; message: string; position?: number };

export type WorkerRequest =
  | { id: number; kind: 'check'; input: CheckInput; deadline: number }
  | { id: number; kind: 'preview'; text: string };

export type WorkerResponse =
  /** Sent once, after the engine's modules have loaded (id 0). */
  | { id: 0; kind: 'ready' }
  | { id: number; kind: 'check'; result: CheckResult; text: string }
  | { id: number; kind: 'preview'; preview: Preview }
  | { id: number; kind: 'crash'; message: string };
