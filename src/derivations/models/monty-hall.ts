/**
 * Seeded models of the Monty Hall game and its variants. The derivation's
 * simulation steps use them to check each exact answer, and plots can reuse
 * them. Every random choice goes through the `random` passed in, so a seeded
 * generator makes every run reproducible.
 *
 * Doors are numbered 1..n and the player always picks door 1; by symmetry
 * this loses nothing.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** One uniform choice from a non-empty list, using one draw. */
export function pickUniform<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pickUniform: empty list');
  // min() guards against a generator that returns exactly 1.
  const i = Math.min(items.length - 1, Math.floor(random() * items.length));
  return items[i] as T;
}

export interface GameRules {
  /** Number of doors (at least 3). */
  doors: number;
  /** The host opens one door, or every other door but one. */
  opens: 'one' | 'all-but-one';
  /**
   * A knowing host never opens the prize door; a random host chooses among
   * the doors the player did not pick without looking, and may reveal the prize.
   */
  host: 'knowing' | 'random';
  /**
   * Three doors, knowing host, prize behind door 1 (so doors 2 and 3 both hide
   * goats): the probability that he opens door 3. The standard game uses 1/2.
   */
  preferDoor3: number;
}

export const STANDARD_GAME: GameRules = { doors: 3, opens: 'one', host: 'knowing', preferDoor3: 1 / 2 };

/** What happened in one round: where the prize was and which doors the host opened. */
export interface Round {
  prize: number;
  opened: readonly number[];
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Door lists by door count, made once: a simulation plays 10^5–10^6 rounds. */
const doorLists = new Map<number, { all: readonly number[]; others: readonly number[] }>();
function doorsOf(doors: number): { all: readonly number[]; others: readonly number[] } {
  let lists = doorLists.get(doors);
  if (!lists) doorLists.set(doors, (lists = { all: range(1, doors), others: range(2, doors) }));
  return lists;
}

/** Play one round: place the prize uniformly, then let the host act by his rule. */
export function playRound(random: Random, rules: GameRules = STANDARD_GAME): Round {
  const { doors, opens, host, preferDoor3 } = rules;
  if (doors < 3) throw new Error(`playRound: need at least 3 doors, got ${doors}`);
  const { all, others } = doorsOf(doors);
  const prize = pickUniform(random, all);
  if (opens === 'all-but-one') {
    // The one other door left closed: the prize door if the host knows and
    // the player missed it, otherwise a uniform choice.
    const keep = host === 'knowing' && prize !== 1 ? prize : pickUniform(random, others);
    return { prize, opened: others.filter((d) => d !== keep) };
  }
  if (host === 'random') return { prize, opened: [pickUniform(random, others)] };
  if (doors === 3 && prize === 1) return { prize, opened: [random() < preferDoor3 ? 3 : 2] };
  return {
    prize,
    opened: [
      pickUniform(
        random,
        others.filter((d) => d !== prize),
      ),
    ],
  };
}

/** Longest run of rejected rounds before we call the conditioning event impossible. */
const MAX_REJECTIONS = 100_000;

/**
 * A conditional probability by rejection: play rounds until `given` holds,
 * then score that round. The mean of the scores estimates
 * P(score | given).
 */
export function conditioned(
  random: Random,
  rules: GameRules,
  given: (round: Round) => boolean,
  score: (round: Round, random: Random) => number,
): number {
  for (let i = 0; i < MAX_REJECTIONS; i++) {
    const round = playRound(random, rules);
    if (given(round)) return score(round, random);
  }
  throw new Error('conditioned: the conditioning event never happened');
}

const opened = (door: number) => (r: Round) => r.opened.length === 1 && r.opened[0] === door;

/** Standard game: 1 if switching wins, given that the host opened door 3. */
export function switchWinsStandard(random: Random): number {
  return conditioned(random, STANDARD_GAME, opened(3), (r) => (r.prize === 2 ? 1 : 0));
}

/**
 * n doors, the host opens one goat door: given that he opened door n, the
 * player switches to one of the n - 2 other closed doors at random.
 */
export function switchWinsNDoors(doors: number): (random: Random) => number {
  const rules: GameRules = { ...STANDARD_GAME, doors };
  const switchTo = range(2, doors - 1);
  return (random) => conditioned(random, rules, opened(doors), (r, rnd) => (pickUniform(rnd, switchTo) === r.prize ? 1 : 0));
}

/** n doors, the host opens all but one of the others: given that he left door 2 closed, switch to it. */
export function switchWinsAllButOne(doors: number): (random: Random) => number {
  const rules: GameRules = { ...STANDARD_GAME, doors, opens: 'all-but-one' };
  return (random) =>
    conditioned(
      random,
      rules,
      (r) => !r.opened.includes(2),
      (r) => (r.prize === 2 ? 1 : 0),
    );
}

/** A host who opens door 2 or 3 at random: given that he opened door 3 and it hid a goat, switch to door 2. */
export function switchWinsRandomHost(random: Random): number {
  const rules: GameRules = { ...STANDARD_GAME, host: 'random' };
  return conditioned(
    random,
    rules,
    (r) => opened(3)(r) && r.prize !== 3,
    (r) => (r.prize === 2 ? 1 : 0),
  );
}

/** A knowing host who opens door 3 with probability p when he has the choice: given door 3 opened, switch. */
export function switchWinsWithPreference(p: number): (random: Random) => number {
  const rules: GameRules = { ...STANDARD_GAME, preferDoor3: p };
  return (random) => conditioned(random, rules, opened(3), (r) => (r.prize === 2 ? 1 : 0));
}
