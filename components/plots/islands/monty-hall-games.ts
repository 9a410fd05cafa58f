import { defineIsland } from '../island';
import { emptyRun, handRound, runGames, runsReadout, runsSpec, type RunState } from '../../../src/plots/monty-hall';
import { createRandom, type Random } from '../../../src/plots/util';
import templates, { power } from 'virtual:derivable-readouts/monty-hall-games';

const SEED = 2024;
let state: RunState = emptyRun(3);
let random: Random = createRandom(SEED);
const handRandom: Random = createRandom(SEED + 1);

interface Hand {
  phase: 'pick' | 'decide' | 'done';
  pick?: number;
  prize?: number;
  opened?: number[];
  final?: number;
  won?: boolean;
  record: { stay: [number, number]; switch: [number, number] };
}
let hand: Hand = { phase: 'pick', record: { stay: [0, 0], switch: [0, 0] } };

function renderHand(area: HTMLElement, doors: number, onChange: () => void): void {
  const status = document.createElement('p');
  status.className = 'dv-game-status';
  const row = document.createElement('div');
  row.className = 'dv-doors';
  const h = hand;
  for (let d = 1; d <= doors; d++) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button dv-door';
    b.dataset['door'] = String(d);
    const opened = h.opened?.includes(d);
    let label = `Door ${d}`;
    if (h.phase === 'pick') {
      b.addEventListener('click', () => {
        const g = handRound(handRandom, doors, d);
        hand = { ...h, phase: 'decide', pick: d, prize: g.prize, opened: g.opened };
        onChange();
      });
    } else if (h.phase === 'decide') {
      if (opened) {
        b.disabled = true;
        b.dataset['state'] = 'goat';
        label = `Door ${d}: goat`;
      } else {
        const stay = d === h.pick;
        if (stay) b.dataset['state'] = 'picked';
        label = stay ? `Stay with door ${d}` : `Switch to door ${d}`;
        b.addEventListener('click', () => {
          const won = d === h.prize;
          const key = stay ? 'stay' : 'switch';
          const rec = { ...h.record, [key]: [h.record[key][0] + (won ? 1 : 0), h.record[key][1] + 1] as [number, number] };
          hand = { ...h, phase: 'done', final: d, won, record: rec };
          onChange();
        });
      }
    } else {
      b.disabled = true;
      b.dataset['state'] = d === h.prize ? 'prize' : 'goat';
      label = `Door ${d}: ${d === h.prize ? 'car' : 'goat'}${d === h.final ? ' (yours)' : ''}`;
    }
    b.textContent = label;
    row.append(b);
  }
  const rec = h.record;
  const tally = `Your games: stayed ${rec.stay[1]} (won ${rec.stay[0]}), switched ${rec.switch[1]} (won ${rec.switch[0]}).`;
  status.textContent =
    h.phase === 'pick'
      ? `Pick a door. ${tally}`
      : h.phase === 'decide'
        ? `You picked door ${h.pick}. The host opened ${h.opened!.length === 1 ? `door ${h.opened![0]}` : `doors ${h.opened!.join(', ')}`}: a goat. Stay or switch?`
        : `${h.won ? 'You win the car.' : 'A goat.'} The car was behind door ${h.prize}. ${tally}`;
  const again = document.createElement('button');
  again.type = 'button';
  again.className = 'button';
  again.textContent = 'Play again';
  again.hidden = h.phase !== 'done';
  again.addEventListener('click', () => {
    hand = { phase: 'pick', record: h.record };
    onChange();
  });
  row.append(again);
  area.replaceChildren(status, row);
}

export const mount = defineIsland({
  readouts: { templates, power },
  setup(ctx) {
    const doorsSel = ctx.control<HTMLSelectElement>('doors');
    const reset = () => {
      state = emptyRun(Number(doorsSel.value));
      random = createRandom(SEED);
      hand = { phase: 'pick', record: { stay: [0, 0], switch: [0, 0] } };
      ctx.request({ draftOnly: true });
    };
    reset();
    ctx.listen(doorsSel, 'change', reset);
    ctx.listen(ctx.control('reset'), 'click', reset);
    for (const count of [10, 100, 10000]) {
      ctx.listen(ctx.control(`run-${count}`), 'click', () => {
        state = runGames(state, random, count);
        ctx.request({ draftOnly: true });
      });
    }
    // The hand-played game redraws only its own buttons, keeping keyboard focus on the door row.
    ctx.listen(ctx.area('game'), 'click', (e: MouseEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest('button'))
        queueMicrotask(() => ctx.area('game').querySelector<HTMLButtonElement>('button:not([disabled]):not([hidden])')?.focus());
    });
  },
  render(ctx) {
    const doors = Number(ctx.control<HTMLSelectElement>('doors').value);
    const area = ctx.area('game');
    const redrawHand = () => renderHand(area, doors, redrawHand);
    redrawHand();
    ctx.draw('runs', (w, h) => runsSpec(state, w, h));
    ctx.readout(runsReadout(state));
  },
});
