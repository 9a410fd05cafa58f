/**
 * Plot builders are named, seeded and pure: each case below is a committed
 * snapshot of the data a plot draws and the numbers it prints. A change to a
 * builder, to its seed, or to the derivation step it evaluates changes a
 * snapshot and fails here until it is looked at and updated.
 */
import { describe, expect, it } from 'vitest';
import { buildLeastSquares, initialPoints, leastSquaresReadout } from '../../../src/plots/least-squares';
import { buildMlMap, buildMse, ML_MAP_DEFAULTS, MSE_DEFAULTS, mlMapReadout, mseReadout } from '../../../src/plots/ml-vs-map';
import { buildPca, PCA_DEFAULTS, PCA_VIEWS, pcaReadout } from '../../../src/plots/pca-decorrelation';
import { emptyRun, exactRates, handRound, runGames, runsReadout } from '../../../src/plots/monty-hall';
import { buildNewton, NEWTON_CASES, CASES, newtonReadout, functionSpec } from '../../../src/plots/newton-method';
import { createRandom, round } from '../../../src/plots/util';

describe('least-squares-fit', () => {
  const m = buildLeastSquares({ points: initialPoints(), grid: 10 });
  it('draws the seeded points, line, fitted values and loss grid', () => {
    expect(round(m)).toMatchSnapshot();
    expect(leastSquaresReadout(m)).toMatchSnapshot();
  });
  it('puts the closed-form minimum at the smallest loss and the residuals orthogonal to the columns', () => {
    expect(Math.min(...m.contour.values)).toBeGreaterThanOrEqual(m.sse);
    const r = m.points.map((p, i) => p.y - m.fitted[i]!);
    expect(Math.abs(r.reduce((a, b) => a + b, 0))).toBeLessThan(1e-9);
    expect(Math.abs(r.reduce((a, b, i) => a + b * m.points[i]!.x, 0))).toBeLessThan(1e-9);
  });
});

describe('ml-vs-map-estimates', () => {
  it('matches its snapshot at the defaults and with many samples', () => {
    for (const n of [ML_MAP_DEFAULTS.n, 40]) {
      const m = buildMlMap({ ...ML_MAP_DEFAULTS, n, grid: 30 });
      expect(
        round({ ml: m.ml, map: m.map, sdLik: m.sdLik, sdPost: m.sdPost, samples: m.samples, densities: m.densities }),
      ).toMatchSnapshot();
      expect(mlMapReadout(m)).toMatchSnapshot();
    }
  });
  it('has MAP between the prior mean and ML, and a posterior narrower than the likelihood', () => {
    const m = buildMlMap(ML_MAP_DEFAULTS);
    const { mu0 } = ML_MAP_DEFAULTS;
    expect((m.map - mu0) * (m.ml - m.map)).toBeGreaterThan(0);
    expect(m.sdPost).toBeLessThan(m.sdLik);
  });
});

describe('ml-vs-map-mse', () => {
  const m = buildMse({ ...MSE_DEFAULTS, reps: 60 });
  it('matches its snapshot', () => {
    expect(round(m, 5)).toMatchSnapshot();
    expect(mseReadout(m)).toMatchSnapshot();
  });
});

describe('pca-decorrelation', () => {
  for (const view of PCA_VIEWS) {
    it(`matches its snapshot (${view})`, () => {
      const m = buildPca({ ...PCA_DEFAULTS, view, n: 40 });
      expect(
        round({
          lambda: m.lambda,
          theta: m.theta,
          axes: m.axes,
          cov: m.cov,
          points: m.points.slice(0, 10),
          ellipse: m.ellipse.filter((_, i) => i % 12 === 0),
        }),
      ).toMatchSnapshot();
      expect(pcaReadout(m)).toMatchSnapshot();
    });
  }
  it('whitens to unit-length axes and decorrelates onto the coordinate axes', () => {
    const w = buildPca({ ...PCA_DEFAULTS, view: 'whitened' });
    for (const a of w.axes) expect(Math.hypot(a.x2, a.y2)).toBeCloseTo(1, 10);
    const d = buildPca({ ...PCA_DEFAULTS, view: 'decorrelated' });
    expect(d.axes[0]!.y2).toBeCloseTo(0, 10);
    expect(Math.hypot(d.axes[0]!.x2, d.axes[0]!.y2)).toBeCloseTo(Math.sqrt(d.lambda[0]), 10);
  });
});

describe('monty-hall-games', () => {
  it('matches its snapshot for 3 and 5 doors', () => {
    for (const doors of [3, 5]) {
      const s = runGames(emptyRun(doors), createRandom(42), 2000);
      expect(round({ exact: exactRates(doors), tally: s.tally, history: s.history.filter((_, i) => i % 10 === 0) })).toMatchSnapshot();
      expect(runsReadout(s)).toMatchSnapshot();
    }
  });
  it('has exact rates 1/3 and 2/3 for three doors, and hand games never open the picked or prize door', () => {
    expect(exactRates(3).switch).toBeCloseTo(2 / 3, 12);
    expect(exactRates(3).stay).toBeCloseTo(1 / 3, 12);
    const r = createRandom(9);
    for (let i = 0; i < 200; i++) {
      const pick = 1 + (i % 4);
      const g = handRound(r, 4, pick);
      expect(g.opened).not.toContain(pick);
      expect(g.opened).not.toContain(g.prize);
    }
  });
});

describe('newton-method', () => {
  for (const fn of NEWTON_CASES) {
    it(`matches its snapshot (${fn})`, () => {
      const m = buildNewton({ fn, x0: CASES[fn].start.value, steps: 6 });
      expect(round({ root: m.root, iterates: m.iterates, tangents: m.tangents, errors: m.errors, domain: m.domain }, 8)).toMatchSnapshot();
      expect(newtonReadout(m)).toMatchSnapshot();
    });
  }
  it('labels iterates only where the labels do not run into each other', () => {
    const labels = (x0: number) => {
      const spec = functionSpec(buildNewton({ fn: 'sqrt2', x0, steps: 6 }), 480, 280);
      const text = (spec.marks ?? []).find((mk) => (mk as { ariaLabel?: string }).ariaLabel === 'text') as unknown as {
        data: { k: number }[];
      };
      return text.data.map((d) => d.k);
    };
    // From 3.5, x₂ (1.509) and x₃ (1.417) are a few px apart near the root: only x₂ is labelled.
    expect(labels(3.5)).toEqual([0, 1, 2]);
    // The first two iterates are always far apart, so they always keep their labels.
    expect(labels(-3).slice(0, 2)).toEqual([0, 1]);
  });
  it('doubles the digits near sqrt 2, cycles from 0 on the cubic, and diverges on the cube root', () => {
    const s = buildNewton({ fn: 'sqrt2', x0: 1, steps: 4 }).iterates.map((i) => i.error);
    expect(s[3]!).toBeLessThan(s[2]! ** 2);
    expect(buildNewton({ fn: 'cycle', x0: 0, steps: 4 }).iterates.map((i) => i.x)).toEqual([0, 1, 0, 1, 0]);
    expect(buildNewton({ fn: 'cube-root', x0: 0.5, steps: 3 }).iterates.map((i) => i.x)).toEqual([0.5, -1, 2, -4]);
  });
});
