/** Messages between the page and the practice Web Worker. Each request has an id; the answer echoes it. */
import type { LatexEngine } from '../../src/verify/cas/latex';
import type { Cas } from '../../src/verify/cas/nerdamer';
import type { CheckInput, CheckResult } from '../../src/verify/types';

/** A line as the preview needs it: the TeX to show, or where parsing failed. */
export type Preview =
  { ok: true; tex: string; latex: boolean; equation: boolean; ascii: string } | { ok: false; message: string; position?: number };

/**
 * Parts of the engine the worker loads late, each a script of its own:
 * `cas` nerdamer-prime (cas-script.ts), `latex` compute-engine's LaTeX reader
 * (latex-script.ts).
 */
export type Module = 'cas' | 'latex';

/**
 * How far a check may go. `first`: without the CAS, which the worker loads
 * only after its first verdict. `full`: with the CAS; the page sends it only
 * once the worker has said the CAS is `loaded`.
 */
export type Stage = 'first' | 'full';

export type WorkerRequest =
  /** `limitMs` counts from when the worker starts the check, not from when it was sent (it may be busy loading a module). */
  | { id: number; kind: 'check'; input: CheckInput; limitMs: number; stage: Stage }
  /** `definitions`: lines above that define functions (`L(w) = …`), which the line may use. */
  | { id: number; kind: 'preview'; text: string; definitions?: string[] }
  /** Start loading a module in the background (no answer but `loaded` or `load-failed`). */
  | { id: 0; kind: 'load'; module: Module };

export type WorkerResponse =
  /**
   * The worker has taken the request off its queue and starts it now: the page's time limit
   * counts from here (a check sent while the worker was loading the CAS waited, it did not run).
   */
  | { id: number; kind: 'started' }
  /** Sent once, after the engine's modules have loaded (id 0). */
  | { id: 0; kind: 'ready' }
  /** A module has loaded (the CAS: and passed its self-test); requests that need it may be sent. */
  | { id: 0; kind: 'loaded'; module: Module }
  | { id: 0; kind: 'load-failed'; module: Module; message: string }
  /**
   * A verdict. `final: false` only for a `first` check that is verified on
   * numeric evidence while the CAS was asked for a proof it could not give
   * yet: the same check at stage `full` may upgrade the method (never the
   * status: the CAS never refutes, and never verifies alone).
   */
  | { id: number; kind: 'check'; result: CheckResult; text: string; final: boolean }
  /**
   * The request cannot be answered without `module` (a LaTeX line; a check that
   * needs the CAS for evidence, such as the roots of an equation): send it
   * again once the module has loaded (a check needing the CAS at stage `full`).
   */
  | { id: number; kind: 'needs'; module: Module }
  | { id: number; kind: 'preview'; preview: Preview }
  | { id: number; kind: 'crash'; message: string };

/** Where the module scripts, built on their own, leave their factories on the worker's global object. */
export const CAS_GLOBAL = '__derivableCas';
export const LATEX_GLOBAL = '__derivableLatex';
export interface ModuleGlobals {
  [CAS_GLOBAL]?: () => Cas;
  [LATEX_GLOBAL]?: () => LatexEngine;
}
