/**
 * Builders of the probability-and-statistics plots (issue 17): committed
 * snapshots of what each draws at its defaults, and the properties that make
 * each picture right (the numbers it prints are the module's exact values).
 */
import { describe, expect, it } from 'vitest';
import { BAYES_DEFAULTS, bayesReadout, buildBayes } from '../../../src/plots/bayes-rule';
import { buildRf, RF_DEFAULTS, rfReadout } from '../../../src/plots/receptive-field';
import { tracedExtent, EXAMPLE } from '../../../src/derivations/models/receptive-field';
import { BETA_DEFAULTS, betaReadout, buildBeta } from '../../../src/plots/conjugate-priors';
import {
  buildClt,
  CLT_DEFAULTS,
  cltReadout,
  emptyPiRun,
  histogram,
  piReadout,
  piSd,
  throwPoints,
} from '../../../src/plots/monte-carlo-clt';
import { buildReg, lassoFit, loss, REG_DEFAULTS, regReadout, ridge, softThreshold } from '../../../src/plots/l1-l2-regularization';
import { createRandom, round } from '../../../src/plots/util';

describe('bayes-rule-frequencies', () => {
  it('matches its snapshot and gives the page’s 10/109 at the defaults', () => {
    const m = buildBayes(BAYES_DEFAULTS);
    expect(round(m)).toMatchSnapshot();
    expect(bayesReadout(m)).toMatchSnapshot();
    expect(m.posterior).toBeCloseTo(10 / 109, 12);
    expect(m.truePositive / (m.truePositive + m.falsePositive)).toBeCloseTo(m.posterior, 12);
  });
});

describe('receptive-field-grid', () => {
  it('matches its snapshot', () => {
    const m = buildRf(RF_DEFAULTS);
    expect(round({ r: m.r, j: m.j, span: m.span, lit: m.units.filter((u) => u.lit) })).toMatchSnapshot();
    expect(rfReadout(m)).toMatchSnapshot();
  });
  it('has the recurrence agree with the traced span for every depth and unit', () => {
    for (let L = 1; L <= EXAMPLE.length; L++) {
      for (let unit = 0; unit < 8; unit++) {
        const m = buildRf({ layers: L, unit });
        expect(m.span[1] - m.span[0] + 1).toBe(m.r[L]);
        expect(tracedExtent(EXAMPLE.slice(0, L), unit)).toBe(m.r[L]);
      }
    }
    expect(buildRf(RF_DEFAULTS).r).toEqual([1, 3, 5, 6, 10, 18]);
    expect(buildRf(RF_DEFAULTS).j).toEqual([1, 1, 1, 2, 2, 2]);
  });
});

describe('conjugate-priors-beta', () => {
  it('matches its snapshot', () => {
    const m = buildBeta(BETA_DEFAULTS, 21);
    expect(round({ priorMean: m.priorMean, mle: m.mle, posteriorMean: m.posteriorMean, curves: m.curves })).toMatchSnapshot();
    expect(betaReadout(m)).toMatchSnapshot();
  });
  it('puts the posterior mean between the prior mean and the MLE, and every curve has unit area', () => {
    for (const p of [BETA_DEFAULTS, { alpha: 0.5, beta: 3, k: 2, n: 40 }, { alpha: 15, beta: 2, k: 1, n: 5 }]) {
      const m = buildBeta(p);
      const [lo, hi] = [Math.min(m.priorMean, m.mle!), Math.max(m.priorMean, m.mle!)];
      expect(m.posteriorMean).toBeGreaterThanOrEqual(lo);
      expect(m.posteriorMean).toBeLessThanOrEqual(hi);
      for (const name of ['prior', 'likelihood', 'posterior'] as const) {
        const c = m.curves.filter((x) => x.curve === name);
        let area = 0;
        for (let i = 1; i < c.length; i++) area += ((c[i]!.density + c[i - 1]!.density) / 2) * (c[i]!.theta - c[i - 1]!.theta);
        expect(area).toBeCloseTo(1, 9);
      }
    }
    expect(buildBeta(BETA_DEFAULTS).posteriorMean).toBeCloseTo(9 / 14, 12);
  });
});

describe('monte-carlo-pi and clt-sample-mean', () => {
  it('match their snapshots', () => {
    const run = throwPoints(emptyPiRun(), createRandom(314), 2000);
    expect(round({ n: run.n, hits: run.hits, history: run.history.filter((_, i) => i % 8 === 0) })).toMatchSnapshot();
    expect(piReadout(run)).toMatchSnapshot();
    const m = buildClt({ ...CLT_DEFAULTS, reps: 500 });
    expect(round({ skewExact: m.skewExact, skewSimulated: m.skewSimulated, means: m.means.slice(0, 10) })).toMatchSnapshot();
    expect(cltReadout(m)).toMatchSnapshot();
  });
  it('lands within four standard deviations of pi, and the band is the module’s variance', () => {
    const run = throwPoints(emptyPiRun(), createRandom(1), 20000);
    expect(Math.abs((4 * run.hits) / run.n - Math.PI)).toBeLessThan(4 * piSd(run.n));
    expect(piSd(100) ** 2).toBeCloseTo((Math.PI * (4 - Math.PI)) / 100, 12);
  });
  it('has skewness 2/sqrt(n) and a histogram of unit area', () => {
    const m = buildClt({ ...CLT_DEFAULTS, n: 16 });
    expect(m.skewExact).toBeCloseTo(0.5, 12);
    const h = histogram(m.means, 0, 3, 60);
    expect(h.reduce((s, b) => s + b.density * (b.x2 - b.x1), 0)).toBeCloseTo(1, 6);
  });
});

describe('l1-l2-regions', () => {
  it('matches its snapshot', () => {
    const m = buildReg(REG_DEFAULTS, 12);
    expect(
      round({ lambda: m.lambda, ols: m.ols, ridge: m.ridge, lasso: m.lasso, paths: m.paths.filter((_, i) => i % 20 === 0) }),
    ).toMatchSnapshot();
    expect(regReadout(m)).toMatchSnapshot();
  });
  it('soft-thresholds: exact zero inside [-lambda, lambda], a shift outside', () => {
    expect(softThreshold(3, 1)).toBe(2);
    expect(softThreshold(-3, 1)).toBe(-2);
    expect(softThreshold(0.5, 1)).toBe(0);
    expect(softThreshold(-1, 1)).toBe(0);
  });
  it('gives lasso solutions that satisfy the subgradient condition, and ridge ones that never reach zero', () => {
    const grad = (w: [number, number], i: 0 | 1) => {
      const h = 1e-6;
      const e: [number, number] = i === 0 ? [h, 0] : [0, h];
      return (loss([w[0] + e[0], w[1] + e[1]]) - loss([w[0] - e[0], w[1] - e[1]])) / (2 * h);
    };
    let sawZero = false;
    for (const lambda of [1, 10, 60, 100, 300]) {
      const w = lassoFit(lambda);
      for (const i of [0, 1] as const) {
        // 0 ∈ ∂: the loss gradient is -lambda sign(w_i), or within [-lambda, lambda] at w_i = 0.
        if (w[i] === 0) {
          sawZero = true;
          expect(Math.abs(grad(w, i))).toBeLessThanOrEqual(lambda + 1e-6);
        } else expect(grad(w, i) + lambda * Math.sign(w[i])).toBeCloseTo(0, 4);
      }
      const r = ridge(lambda);
      expect(r[0]).not.toBe(0);
      expect(r[1]).not.toBe(0);
    }
    expect(sawZero).toBe(true);
  });
});
