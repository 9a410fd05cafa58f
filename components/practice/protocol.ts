/** Messages between the page and the practice Web Worker. Each request has an id; the answer echoes it. */
import type { Cas } from '../../src/verify/cas/nerdamer';
import type { CheckInput, CheckResult } from '../../src/verify/types';

/** A line as the preview needs it: the TeX to show, or where parsing failed. */
export type Preview =
  | { ok: true; tex: string; latex: boolean; equation: boolean; ascii: string }
  | { ok: false; message: string; position?: number };

/**
 * How far a check may go. `first`: without the CAS (nerdamer-prime), which the
 * worker loads only after its first verdict. `full`: with the CAS; the page
 * sends it only once the worker has said `cas-ready`.
 */
export type Stage = 'first' | 'full';

export type WorkerRequest =
  | { id: number; kind: 'check'; input: CheckInput; deadline: number; stage: Stage }
  | { id: number; kind: 'preview'; text: string }
  /** Start loading the CAS in the background (no answer but `cas-ready` or `cas-failed`). */
  | { id: 0; kind: 'load-cas' };

export type WorkerResponse =
  /** Sent once, after the engine's modules have loaded (id 0). */
  | { id: 0; kind: 'ready' }
  /** The CAS has loaded and passed its self-test: `full` checks may be sent. */
  | { id: 0; kind: 'cas-ready' }
  | { id: 0; kind: 'cas-failed'; message: string }
  /**
   * A verdict. `final: false` only for a `first` check that is verified on
   * numeric evidence while the CAS was asked for a proof it could not give
   * yet: the same check at stage `full` may upgrade the method (never the
   * status: the CAS never refutes, and never verifies alone).
   */
  | { id: number; kind: 'check'; result: CheckResult; text: string; final: boolean }
  /** A `first` check that needs the CAS for its evidence (roots of an equation): send it again at stage `full`. */
  | { id: number; kind: 'needs-cas' }
  | { id: number; kind: 'preview'; preview: Preview }
  | { id: number; kind: 'crash'; message: string };

/** The CAS script (cas-script.ts, built on its own) leaves its factory here on the worker's global object. */
export const CAS_GLOBAL = '__derivableCas';
export interface CasGlobal {
  [CAS_GLOBAL]?: () => Cas;
}
