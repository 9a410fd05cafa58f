/**
 * Every derivation module, by slug. Pages, presenter, practice and tests look
 * them up here. A test checks this list against `content/derivations/`.
 */
import type { Derivation } from './define';
import leastSquares from './least-squares';
import mlVsMap from './ml-vs-map';
import pcaDecorrelation from './pca-decorrelation';
import montyHall from './monty-hall';
import newtonMethod from './newton-method';
import bayesRule from './bayes-rule';
import receptiveField from './receptive-field';
import conjugatePriors from './conjugate-priors';
import monteCarloClt from './monte-carlo-clt';
import l1L2Regularization from './l1-l2-regularization';
import gradientDescent from './gradient-descent';
import momentum from './momentum';
import adaptiveMethods from './adaptive-methods';
import backpropagation from './backpropagation';

export const derivations: ReadonlyMap<string, Derivation> = new Map(
  [
    leastSquares,
    mlVsMap,
    pcaDecorrelation,
    montyHall,
    newtonMethod,
    gradientDescent,
    momentum,
    adaptiveMethods,
    backpropagation,
    bayesRule,
    receptiveField,
    conjugatePriors,
    monteCarloClt,
    l1L2Regularization,
  ].map((d) => [d.slug, d]),
);

export function getDerivation(slug: string): Derivation | undefined {
  return derivations.get(slug);
}
