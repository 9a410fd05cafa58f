/**
 * compute-engine (the LaTeX reader's parser, ~145 KB gzipped), built as a
 * script of its own like cas-script.ts: the worker `import()`s it for the
 * first LaTeX line. Only the engine's constructor is handed over; the mapping
 * to the engine's tree stays in the worker (src/verify/cas/latex.ts), so that
 * its values are the worker's own classes.
 */
import { ComputeEngine } from '@cortex-js/compute-engine';
import { LATEX_GLOBAL, type ModuleGlobals } from './protocol';

(self as unknown as ModuleGlobals)[LATEX_GLOBAL] = () => new ComputeEngine();
