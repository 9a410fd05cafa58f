/**
 * Monty Hall: play by hand, or run many seeded games and watch the running win
 * rates of staying and switching settle on their exact values. Games are
 * played by the module's own model (`playRound`, `pickUniform`); the exact
 * switching value is its `n-doors-switch` step.
 */
import * as Plot from '@observablehq/plot';
import montyHall from '../derivations/monty-hall';
import { STANDARD_GAME, pickUniform, playRound, type Random } from '../derivations/models/monty-hall';
import { compileStep, toNumber } from '../derivations/evaluate';
import { COLORS, LINE, PLOT_STYLE, texNumber } from './theme';
import { proportionBand } from './util';

const nDoorsSwitch = compileStep(montyHall, 'n-doors-switch');

export interface Exact {
  switch: number;
  /**
   * Staying. Not a step of the module for n doors: the posteriors of the
   * closed doors sum to 1, so this is 1 - (n - 2) * switch (1/n).
   */
  stay: number;
}

export function exactRates(doors: number): Exact {
  const sw = toNumber(nDoorsSwitch({ n: doors }));
  return { switch: sw, stay: 1 - (doors - 2) * sw };
}

/** One game, the player on door 1 (the model's convention): did staying win, did switching win? */
export function playGame(random: Random, doors: number): { stay: boolean; switch: boolean; prize: number; opened: readonly number[] } {
  const round = playRound(random, { ...STANDARD_GAME, doors });
  const closed = Array.from({ length: doors - 1 }, (_, i) => i + 2).filter((d) => !round.opened.includes(d));
  const switchTo = pickUniform(random, closed);
  return { stay: round.prize === 1, switch: switchTo === round.prize, prize: round.prize, opened: round.opened };
}

/** Running totals after each game. */
export interface Tally {
  games: number;
  stayWins: number;
  switchWins: number;
}

export interface RunState {
  doors: number;
  tally: Tally;
  /** Running rates sampled at (roughly) log-spaced game counts, for drawing. */
  history: { games: number; stay: number; switch: number }[];
}

export function emptyRun(doors: number): RunState {
  return { doors, tally: { games: 0, stayWins: 0, switchWins: 0 }, history: [] };
}

/** Play `count` more games; keeps a history point whenever the game count grows by ~2%. */
export function runGames(state: RunState, random: Random, count: number): RunState {
  const tally = { ...state.tally };
  const history = [...state.history];
  let next = history.length ? Math.ceil(history.at(-1)!.games * 1.02) + 1 : 1;
  for (let i = 0; i < count; i++) {
    const g = playGame(random, state.doors);
    tally.games++;
    if (g.stay) tally.stayWins++;
    if (g.switch) tally.switchWins++;
    if (tally.games >= next || i === count - 1) {
      history.push({ games: tally.games, stay: tally.stayWins / tally.games, switch: tally.switchWins / tally.games });
      next = Math.ceil(tally.games * 1.02) + 1;
    }
  }
  return { doors: state.doors, tally, history };
}

/**
 * A hand-played game with the player on any door: the model plays it with the
 * player on door 1, and doors 1 and `pick` swap labels (the game is symmetric).
 */
export function handRound(random: Random, doors: number, pick: number): { prize: number; opened: number[] } {
  const round = playRound(random, { ...STANDARD_GAME, doors });
  const relabel = (d: number) => (d === 1 ? pick : d === pick ? 1 : d);
  return { prize: relabel(round.prize), opened: round.opened.map(relabel) };
}

export function runsSpec(state: RunState, width: number, height: number): Plot.PlotOptions {
  const exact = exactRates(state.doors);
  const maxGames = Math.max(10, state.tally.games);
  // The band is drawn from 5 games on: before that it covers almost all of [0, 1].
  const ks = Array.from({ length: 80 }, (_, i) => Math.round(Math.exp(Math.log(5) + ((Math.log(maxGames) - Math.log(5)) * i) / 79))).filter(
    (k, i, a) => i === 0 || k !== a[i - 1],
  );
  const band = (p: number, which: string) =>
    ks.map((k) => {
      const [lo, hi] = proportionBand(p, k);
      return { k, lo, hi, which };
    });
  const lines = state.history.flatMap((h) => [
    { games: h.games, rate: h.stay, strategy: 'stay' },
    { games: h.games, rate: h.switch, strategy: 'switch' },
  ]);
  const colors = { stay: COLORS.accent, switch: COLORS.bad };
  return {
    width,
    height,
    style: PLOT_STYLE,
    marginLeft: 48,
    marginBottom: 44,
    marginRight: 64,
    x: { type: 'log', domain: [1, maxGames], label: 'games played', labelAnchor: 'right', labelArrow: 'none', ticks: 5, tickFormat: '~s' },
    y: { domain: [0, 1], label: 'win rate', labelAnchor: 'top', labelArrow: 'none', grid: true },
    color: { domain: Object.keys(colors), range: Object.values(colors) },
    marks: [
      Plot.areaY(band(exact.stay, 'stay'), {
        x: 'k',
        y1: 'lo',
        y2: 'hi',
        fill: colors.stay,
        fillOpacity: 0.14,
        ariaDescription: '95% band, stay',
      }),
      Plot.areaY(band(exact.switch, 'switch'), {
        x: 'k',
        y1: 'lo',
        y2: 'hi',
        fill: colors.switch,
        fillOpacity: 0.14,
        ariaDescription: '95% band, switch',
      }),
      Plot.ruleY([exact.stay], { stroke: colors.stay, strokeDasharray: '6 4', strokeWidth: 2 }),
      Plot.ruleY([exact.switch], { stroke: colors.switch, strokeDasharray: '6 4', strokeWidth: 2 }),
      Plot.line(lines, {
        x: 'games',
        y: 'rate',
        z: 'strategy',
        stroke: 'strategy',
        strokeWidth: LINE,
        ariaDescription: 'running win rates',
      }),
      Plot.text(
        [
          { y: exact.stay, label: `stay ${texNumber(exact.stay)}`, strategy: 'stay' },
          { y: exact.switch, label: `switch ${texNumber(exact.switch)}`, strategy: 'switch' },
        ],
        {
          x: () => maxGames,
          y: 'y',
          text: 'label',
          fill: 'strategy',
          textAnchor: 'end',
          dy: -10,
          stroke: COLORS.surface,
          strokeWidth: 4,
          paintOrder: 'stroke',
        },
      ),
    ],
  };
}

export function runsReadout(state: RunState): string {
  const { games, stayWins, switchWins } = state.tally;
  const exact = exactRates(state.doors);
  const rate = (w: number) => (games ? texNumber(w / games, 3) : '\\text{--}');
  return String.raw`${games}\ \text{games:}\quad \text{stay } ${rate(stayWins)}\ (\text{exact } ${texNumber(exact.stay)}),\quad \text{switch } ${rate(switchWins)}\ (\text{exact } \tfrac{n-1}{n(n-2)} = ${texNumber(exact.switch)})`;
}
