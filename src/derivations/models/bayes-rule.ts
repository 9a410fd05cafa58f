/**
 * Seeded models of the Bayes' rule examples: two urns, a deck of cards and a
 * diagnostic test. Each trial plays the experiment until the observed event
 * happens (rejection), then scores the hypothesis: the mean of the scores
 * estimates P(hypothesis | evidence). The derivation's simulation steps check
 * every exact answer against them, and the page's plot reuses them.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Longest run of rejected draws before we call the conditioning event impossible. */
const MAX_REJECTIONS = 1_000_000;

/** Repeat `draw` until it returns a score (the evidence happened); return that score. */
export function conditioned(random: Random, draw: (random: Random) => number | null): number {
  for (let i = 0; i < MAX_REJECTIONS; i++) {
    const s = draw(random);
    if (s !== null) return s;
  }
  throw new Error('conditioned: the conditioning event never happened');
}

/** A uniform integer in 0..n-1 from one draw. */
export const uniformInt = (random: Random, n: number): number => Math.min(n - 1, Math.floor(random() * n));

export interface Urn {
  red: number;
  green: number;
}

/** Urn 1 holds 2 red and 8 green balls, urn 2 holds 3 red and 1 green. */
export const URNS: readonly [Urn, Urn] = [
  { red: 2, green: 8 },
  { red: 3, green: 1 },
];

/**
 * A fair coin picks an urn, one ball is drawn from it: given that the ball is
 * red, 1 if it came from urn 2.
 */
export function redFromUrn2(random: Random): number {
  return conditioned(random, (rnd) => {
    const urn = rnd() < 0.5 ? 0 : 1;
    const { red, green } = URNS[urn]!;
    const isRed = uniformInt(rnd, red + green) < red;
    return isRed ? urn : null;
  });
}

/** A card from a full deck (card = 13 * suit + rank, rank 0 is the ace, suit 0 is hearts): given an ace, 1 if a heart. */
export function heartGivenAce(random: Random): number {
  return conditioned(random, (rnd) => {
    const card = uniformInt(rnd, 52);
    return card % 13 === 0 ? (Math.floor(card / 13) === 0 ? 1 : 0) : null;
  });
}

export interface TestModel {
  /** P(disease), the base rate. */
  prevalence: number;
  /** P(positive | disease). */
  sensitivity: number;
  /** P(positive | no disease). */
  falsePositive: number;
}

export const TEST: TestModel = { prevalence: 1 / 100, sensitivity: 9 / 10, falsePositive: 9 / 100 };

/** One person, tested `times` times (independent given their status): did every test come back positive? */
export function person(random: Random, m: TestModel, times: number): { ill: boolean; allPositive: boolean } {
  const ill = random() < m.prevalence;
  let allPositive = true;
  for (let t = 0; t < times; t++) if (!(random() < (ill ? m.sensitivity : m.falsePositive))) allPositive = false;
  return { ill, allPositive };
}

/** Given `times` positive tests in a row, 1 if the person has the disease. */
export function illGivenPositives(m: TestModel, times: number): (random: Random) => number {
  return (random) =>
    conditioned(random, (rnd) => {
      const p = person(rnd, m, times);
      return p.allPositive ? (p.ill ? 1 : 0) : null;
    });
}
