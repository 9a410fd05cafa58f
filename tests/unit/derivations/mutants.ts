/**
 * The mutation test's mutants: the generator lives in src/derivations/mutants.ts
 * (practice mode names a candidate's slip with it); the test keeps to the kinds
 * it was written for.
 */
import { mutants as allMutants, type Mutant, type MutantKind } from '../../../src/derivations/mutants';
import type { VariableDecl } from '../../../src/verify/types';

export type { Mutant };

const TESTED: readonly MutantKind[] = ['sign', 'factor-2', 'exponent', 'swap'];

export function mutants(expr: string, vars: readonly VariableDecl[]): Mutant[] {
  return allMutants(expr, vars, TESTED);
}
