/**
 * nerdamer-prime and its adapter, built as a script of their own (worker.ts
 * imports this file's URL with `?worker&url`) so that the engine worker
 * starts without them: the worker bundle is a single IIFE (Vite's worker
 * format), which cannot be split into lazily imported chunks. The worker
 * `import()`s this script after its first verdict; it only hands over the
 * adapter's factory (see CAS_GLOBAL).
 */
import { defaultCas } from '../../src/verify/cas/nerdamer';
import { CAS_GLOBAL, type ModuleGlobals } from './protocol';

(self as unknown as ModuleGlobals)[CAS_GLOBAL] = defaultCas;
