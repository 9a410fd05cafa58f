/** The LaTeX reader of node (build, CLI, tests, the node worker): compute-engine imported up front. */
import { ComputeEngine } from '@cortex-js/compute-engine';
import { createLatexReader } from './latex';

export const readLatex = createLatexReader(() => new ComputeEngine());
