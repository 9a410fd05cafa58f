/**
 * Readouts of every plot over the states a reader can reach, for the readout
 * templates (src/plots/readout-template.ts): the build renders one template
 * per skeleton found here, and a unit test draws other states and requires a
 * template for each. Each sampler builds the plot's model from control values
 * the way its island does, from the registry's own ranges and options.
 */
import { getPlot, PLOTS, type PlotName } from './registry';
import { createRandom, type Random } from './util';
import { adamReadout, buildAdam, ADAM_DEFAULTS } from './adaptive-methods';
import { backpropReadout, buildBackprop, BACKPROP_DEFAULTS } from './backpropagation';
import { bayesReadout, buildBayes } from './bayes-rule';
import { betaReadout, buildBeta } from './conjugate-priors';
import { buildGd, gdReadout, GD_DEFAULTS } from './gradient-descent';
import { buildReg, regReadout } from './l1-l2-regularization';
import { buildLeastSquares, initialPoints, leastSquaresReadout, X_DOMAIN, Y_DOMAIN } from './least-squares';
import { buildMlMap, buildMse, mlMapReadout, mseReadout, ML_MAP_DEFAULTS, MSE_DEFAULTS } from './ml-vs-map';
import { buildMomentum, momentumReadout, MOMENTUM_DEFAULTS, tuned, type MomentumMethod } from './momentum';
import { buildClt, cltReadout, CLT_DEFAULTS, emptyPiRun, piReadout, throwPoints } from './monte-carlo-clt';
import { emptyRun, runGames, runsReadout } from './monty-hall';
import { buildNewton, CASES, newtonReadout, NEWTON_DEFAULTS, type NewtonCase } from './newton-method';
import { buildPca, pcaReadout, PCA_DEFAULTS, type PcaView } from './pca-decorrelation';
import { buildRf, rfReadout } from './receptive-field';
import { buildRace, raceReadout, RACE_DEFAULTS, type Landscape } from './optimiser-race';

/** A control's value: `lo`/`hi` ends, or a random value on its grid. */
type Pick = (id: string) => number;
type Choose = (id: string) => string;

/** How a state is drawn: the ends of every range, or random values. */
export type Mode = 'default' | 'low' | 'high' | 'random';

function pickers(name: PlotName, random: Random, mode: Mode): { pick: Pick; choose: Choose } {
  const entry = getPlot(name);
  const control = (id: string) => {
    const c = entry.controls.find((x) => 'id' in x && x.id === id);
    if (!c) throw new Error(`readout samples: plot \`${name}\` has no control \`${id}\``);
    return c;
  };
  return {
    pick(id) {
      const c = control(id);
      if (c.kind !== 'range') throw new Error(`readout samples: \`${name}\`.${id} is not a range`);
      if (mode === 'default') return c.value;
      if (mode === 'low') return c.min;
      if (mode === 'high') return c.max;
      const steps = Math.round((c.max - c.min) / c.step);
      return Number((c.min + Math.floor(random() * (steps + 1)) * c.step).toFixed(6));
    },
    choose(id) {
      const c = control(id);
      if (c.kind !== 'radio' && c.kind !== 'select') throw new Error(`readout samples: \`${name}\`.${id} has no options`);
      if (mode === 'default') return c.value;
      return c.options[Math.floor(random() * c.options.length)]!.value;
    },
  };
}

/** `i` counts the states drawn, for samplers that must go through a list of structures. */
type Sampler = (pick: Pick, choose: Choose, random: Random, i: number) => string;

const SAMPLERS: Record<PlotName, Sampler> = {
  'least-squares-fit': (_p, _c, random) => {
    // Points dragged anywhere in their bounds, some left where they start.
    const points = initialPoints().map((pt) =>
      random() < 0.5
        ? pt
        : { x: X_DOMAIN[0] + random() * (X_DOMAIN[1] - X_DOMAIN[0]), y: Y_DOMAIN[0] + random() * (Y_DOMAIN[1] - Y_DOMAIN[0]) },
    );
    return leastSquaresReadout(buildLeastSquares({ points, grid: 2 }));
  },
  'ml-vs-map-estimates': (pick) =>
    mlMapReadout(
      buildMlMap({
        ...ML_MAP_DEFAULTS,
        grid: 24,
        v: pick('v'),
        sigma: pick('sigma'),
        n: pick('n'),
        mu0: pick('mu0'),
        sigma0: pick('sigma0'),
      }),
    ),
  'ml-vs-map-mse': (pick, _c, _r, i) => {
    const m = buildMse({ ...MSE_DEFAULTS, reps: 20, v: pick('v'), mu0: pick('mu0'), sigma0: pick('sigma0') });
    if (i % 2 === 0) return mseReadout(m);
    // The readout lists the sample sizes where MAP wins: every count of them, whatever the sliders need for it.
    const k = ((i - 1) / 2) % (m.gap.length + 1);
    return mseReadout({ ...m, gap: m.gap.map((g, i) => ({ ...g, exact: i < k ? 1 : -1 })) });
  },
  'pca-decorrelation': (pick, choose) =>
    pcaReadout(buildPca({ ...PCA_DEFAULTS, varX: pick('varX'), varY: pick('varY'), rho: pick('rho'), view: choose('view') as PcaView })),
  'monty-hall-games': (_p, choose, random) => {
    const doors = Number(choose('doors'));
    const games = [0, 1, 10, 100, 1000][Math.floor(random() * 5)]!;
    return runsReadout(runGames(emptyRun(doors), createRandom(Math.floor(random() * 1e6)), games));
  },
  'newton-method': (_p, choose, random) => {
    const fn = choose('fn') as NewtonCase;
    const { min, max } = CASES[fn].start;
    const x0 = Math.round((min + random() * (max - min)) * 100) / 100;
    return newtonReadout(buildNewton({ ...NEWTON_DEFAULTS, fn, x0 }));
  },
  'bayes-rule-frequencies': (pick) =>
    bayesReadout(buildBayes({ prevalence: pick('prevalence'), sensitivity: pick('sensitivity'), falsePositive: pick('falsePositive') })),
  'receptive-field-grid': (pick) => rfReadout(buildRf({ layers: pick('layers'), unit: pick('unit') })),
  'conjugate-priors-beta': (pick) => betaReadout(buildBeta({ alpha: pick('alpha'), beta: pick('beta'), k: pick('k'), n: pick('n') }, 20)),
  'monte-carlo-pi': (_p, _c, random) => {
    const count = [0, 300, 1300, 11300, 41300][Math.floor(random() * 5)]!;
    return piReadout(count ? throwPoints(emptyPiRun(), createRandom(Math.floor(random() * 1e6)), count) : emptyPiRun());
  },
  'clt-sample-mean': (pick) => cltReadout(buildClt({ ...CLT_DEFAULTS, reps: 400, n: pick('n') })),
  'l1-l2-regions': (pick) => regReadout(buildReg({ logLambda: pick('logLambda') }, 12)),
  'gradient-descent': (pick) => gdReadout(buildGd({ ...GD_DEFAULTS, grid: 2, eta: pick('eta'), kappa: pick('kappa') })),
  momentum: (pick, choose, random) => {
    const method = choose('method') as MomentumMethod;
    const kappa = pick('kappa');
    // Either the tuned pair (what the radio buttons and the button set) or the sliders anywhere.
    const t = random() < 0.3 ? tuned(method, kappa) : { eta: pick('eta'), beta: pick('beta') };
    return momentumReadout(buildMomentum({ ...MOMENTUM_DEFAULTS, grid: 2, method, kappa, eta: t.eta, beta: t.beta }));
  },
  'adam-bias-correction': (pick) => adamReadout(buildAdam({ ...ADAM_DEFAULTS, b1: pick('b1'), b2: pick('b2'), noise: pick('noise') })),
  'optimiser-race': (pick, choose) =>
    raceReadout(
      buildRace({ ...RACE_DEFAULTS, grid: 2, landscape: choose('landscape') as Landscape, kappa: pick('kappa'), alpha: pick('alpha') }),
    ),
  'backprop-graph': (pick) => backpropReadout(buildBackprop({ ...BACKPROP_DEFAULTS, x1: pick('x1'), x2: pick('x2') })),
};

/** The readout of plot `name` in `count` states: its first state, both ends of every range, then random ones. */
export function readoutSamples(name: PlotName, count: number, seed: number): string[] {
  const random = createRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const mode: Mode = (['default', 'low', 'high'] as const)[i] ?? 'random';
    const { pick, choose } = pickers(name, random, mode);
    out.push(SAMPLERS[name](pick, choose, random, i));
  }
  return out;
}

export const PLOT_NAMES = Object.keys(PLOTS) as PlotName[];
