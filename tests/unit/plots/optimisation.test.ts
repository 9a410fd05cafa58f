/**
 * The optimisation pages' plot builders: what they draw must agree with what
 * the pages derive (rates, stability, the best step), computed from the
 * modules' own steps.
 */
import { describe, expect, it } from 'vitest';
import { buildGd, GD_DEFAULTS, gdReadout, quadratic } from '../../../src/plots/gradient-descent';
import { buildMomentum, MOMENTUM_DEFAULTS, spectralRadius, tuned } from '../../../src/plots/momentum';
import { ADAM_DEFAULTS, buildAdam, G, SERIES } from '../../../src/plots/adaptive-methods';
import { BACKPROP_DEFAULTS, buildBackprop } from '../../../src/plots/backpropagation';
import { buildRace, RACE_DEFAULTS, RMSPROP_BETA } from '../../../src/plots/optimiser-race';

describe('gradient-descent', () => {
  it('puts the best step and the stability limit where the page derives them', () => {
    const m = buildGd(GD_DEFAULTS);
    expect(m.bestEta).toBeCloseTo(2 / (m.lmin + m.lmax), 12);
    expect(m.maxEta).toBeCloseTo(2 / m.lmax, 12);
    const eig = quadratic(GD_DEFAULTS.kappa);
    expect(eig.lmax / eig.lmin).toBeCloseTo(GD_DEFAULTS.kappa, 12);
  });

  it('keeps the loss gap on or below the rate line ρ^(2k)·gap₀, and converges for η < 2/λ_max', () => {
    for (const eta of [0.05, 0.1, 0.18, 0.195]) {
      const m = buildGd({ ...GD_DEFAULTS, eta });
      expect(m.diverges).toBe(false);
      for (const r of m.rateLine) {
        const l = m.losses.find((x) => x.k === r.k)!;
        expect(l.gap).toBeLessThanOrEqual(r.gap * (1 + 1e-9));
      }
      expect(m.losses.at(-1)!.gap).toBeLessThan(m.losses[0]!.gap);
    }
  });

  it('reaches the rate (κ−1)/(κ+1) at the best step, and diverges past 2/λ_max', () => {
    const k = 10;
    const best = buildGd({ ...GD_DEFAULTS, kappa: k, eta: 2 / (1 + k) });
    expect(best.rho).toBeCloseTo((k - 1) / (k + 1), 12);
    const over = buildGd({ ...GD_DEFAULTS, eta: 0.21 });
    expect(over.diverges).toBe(true);
    expect(over.losses.at(-1)!.gap).toBeGreaterThan(over.losses[0]!.gap);
    expect(gdReadout(over)).toContain('diverges');
  });

  it('draws contours from the same loss the path is measured with', () => {
    const m = buildGd({ ...GD_DEFAULTS, grid: 20 });
    expect(m.contour.values).toHaveLength(400);
    expect(Math.min(...m.contour.values)).toBeGreaterThanOrEqual(-1e-9);
  });
});

describe('momentum', () => {
  it('reaches the derived heavy-ball rate (√κ−1)/(√κ+1) at the tuned constants, and beats gradient descent', () => {
    for (const kappa of [10, 50, 100]) {
      const t = tuned('heavy-ball', kappa);
      const m = buildMomentum({ ...MOMENTUM_DEFAULTS, method: 'heavy-ball', ...t, kappa, grid: 4 });
      const s = Math.sqrt(kappa);
      expect(m.rho).toBeCloseTo((s - 1) / (s + 1), 6);
      expect(m.gdRho).toBeCloseTo((kappa - 1) / (kappa + 1), 12);
      const last = (name: string) => m.losses.filter((l) => l.method === name).at(-1)!.gap;
      expect(last('Heavy ball')).toBeLessThan(last('Gradient descent (best η)'));
    }
  });

  it('gives Nesterov the rate 1 − 1/√κ at its standard constants', () => {
    const kappa = 49;
    const m = buildMomentum({ ...MOMENTUM_DEFAULTS, method: 'nesterov', ...tuned('nesterov', kappa), kappa, grid: 4 });
    expect(m.rho).toBeCloseTo(1 - 1 / 7, 6);
  });

  it('rings with β too large: the slowest mode decays at √β and the loss is not monotone', () => {
    const m = buildMomentum({ ...MOMENTUM_DEFAULTS, method: 'heavy-ball', eta: 0.05, beta: 0.95, kappa: 50, grid: 4 });
    expect(m.rho).toBeCloseTo(Math.sqrt(0.95), 9);
    const gaps = m.losses.filter((l) => l.method === 'Heavy ball').map((l) => l.gap);
    expect(gaps.some((g, i) => i > 0 && g > gaps[i - 1]!)).toBe(true);
  });

  it('has a characteristic-root helper that agrees with a direct iteration', () => {
    // c_{k+1} = a c_k + c c_{k-1} with a = 1.2, c = -0.5: complex roots, modulus √0.5.
    expect(spectralRadius(1.2, -0.5)).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(spectralRadius(1.5, -0.5)).toBeCloseTo(1, 12);
  });
});

describe('adam-bias-correction', () => {
  it('has an uncorrected first moment equal to (1 − β₁ᵗ)·G without noise, and a corrected one equal to G', () => {
    const m = buildAdam({ ...ADAM_DEFAULTS, noise: 0 });
    for (const t of [1, 2, 3, 10]) {
      const raw = m.moments.find((d) => d.t === t && d.series === SERIES.raw)!.value;
      const corrected = m.moments.find((d) => d.t === t && d.series === SERIES.corrected)!.value;
      expect(raw).toBeCloseTo((1 - ADAM_DEFAULTS.b1 ** t) * G, 12);
      expect(corrected).toBeCloseTo(G, 12);
    }
  });

  it('makes the first uncorrected step (1 − β₁)/√(1 − β₂) times η, and the corrected one η', () => {
    const m = buildAdam({ ...ADAM_DEFAULTS, noise: 0.3 });
    expect(Math.abs(m.first.raw)).toBeCloseTo(0.1 / Math.sqrt(0.001), 9);
    expect(Math.abs(m.first.corrected)).toBeCloseTo(1, 12);
  });
});

describe('backprop-graph', () => {
  it('agrees with central finite differences of the loss for every parameter, at several inputs', () => {
    for (const [x1, x2] of [
      [0.8, -0.6],
      [-2, 2],
      [0, 0],
      [1.5, 1.5],
    ] as const) {
      const m = buildBackprop({ ...BACKPROP_DEFAULTS, x1, x2 });
      expect(m.checks).toHaveLength(12);
      expect(m.maxRelError).toBeLessThan(1e-6);
    }
  });

  it('gives the logits the gradient p − y, summing to zero, and the loss node gradient 1', () => {
    const m = buildBackprop(BACKPROP_DEFAULTS);
    const node = (id: string) => m.nodes.find((n) => n.id === id)!;
    expect(node('o1').grad).toBeCloseTo(node('p1').value - 1, 12);
    expect(node('o2').grad).toBeCloseTo(node('p2').value, 12);
    expect(node('o1').grad + node('o2').grad).toBeCloseTo(0, 12);
    expect(node('L').value).toBeCloseTo(-Math.log(node('p1').value), 12);
  });
});

describe('optimiser-race', () => {
  it('runs gradient descent and the heavy ball on the bowl exactly as their own plots do', () => {
    const race = buildRace({ ...RACE_DEFAULTS, kappa: 20 });
    const hb = buildMomentum({ ...MOMENTUM_DEFAULTS, ...tuned('heavy-ball', 20), kappa: 20, steps: RACE_DEFAULTS.steps });
    const theirs = (label: string) => hb.losses.filter((l) => l.method === label).map((l) => l.gap);
    const ours = (method: string) => race.losses.filter((l) => l.method === method).map((l) => l.gap);
    expect(ours('Gradient descent')).toEqual(theirs('Gradient descent (best η)'));
    expect(ours('Heavy ball')).toEqual(theirs('Heavy ball'));
  });

  it('moves Adam by α in every coordinate on its first step (the bias correction), and RMSprop by α/√(1 − β)', () => {
    const alpha = 0.2;
    const race = buildRace({ ...RACE_DEFAULTS, alpha });
    const first = (method: string) => race.paths.filter((p) => p.method === method).slice(0, 2);
    const [a0, a1] = first('Adam');
    expect(Math.abs(a1!.x - a0!.x)).toBeCloseTo(alpha, 10);
    expect(Math.abs(a1!.y - a0!.y)).toBeCloseTo(alpha, 10);
    const [r0, r1] = first('RMSprop');
    expect(Math.abs(r1!.x - r0!.x)).toBeCloseTo(alpha / Math.sqrt(1 - RMSPROP_BETA), 10);
  });

  it('tunes the classical methods in the valley to the Hessian at its minimum, [[82, −40], [−40, 20]]', () => {
    const m = buildRace({ ...RACE_DEFAULTS, landscape: 'valley', grid: 4 });
    expect(m.lmax).toBeCloseTo(51 + Math.hypot(31, 40), 6);
    expect(m.lmin).toBeCloseTo(51 - Math.hypot(31, 40), 6);
    expect(m.constants.gdEta).toBeCloseTo(2 / 102, 6);
    // Adam ends close to the minimum (1, 1); the heavy ball tuned at the minimum does not survive the walls.
    expect(m.final.Adam).toBeLessThan(1e-2);
    expect(m.final['Heavy ball']).toBe(Infinity);
  });
});
