import { defineIsland } from '../island';
import { emptyPiRun, piReadout, runningSpec, squareSpec, throwPoints, type PiRun } from '../../../src/plots/monte-carlo-clt';
import { createRandom, type Random } from '../../../src/plots/util';
import templates, { power } from 'virtual:derivable-readouts/monte-carlo-pi';

const SEED = 314;

export const mount = (() => {
  let run: PiRun = emptyPiRun();
  let random: Random = createRandom(SEED);
  return defineIsland({
    readouts: { templates, power },
    setup(ctx) {
      for (const count of [100, 1000, 10000]) {
        ctx.listen(ctx.control(`add-${count}`), 'click', () => {
          run = throwPoints(run, random, count);
          ctx.request();
        });
      }
      ctx.listen(ctx.control('reset'), 'click', () => {
        run = emptyPiRun();
        random = createRandom(SEED);
        ctx.request();
      });
      // Start with a few hundred points so the figure is not empty.
      run = throwPoints(emptyPiRun(), (random = createRandom(SEED)), 300);
    },
    render(ctx) {
      ctx.draw('square', (w, h) => squareSpec(run, w, h));
      ctx.draw('running', (w, h) => runningSpec(run, w, h));
      ctx.readout(piReadout(run));
    },
  });
})();
