/**
 * Starting the checker ahead of the first line: its workers (one script, so one download) and
 * KaTeX for the line previews. Practice mode, the scratchpad and the round's notepad all start it
 * the same way, at the moment each knows lines are about to be written.
 */
import type { EngineClient } from './engine-client';
import { preloadMath } from './math-preview';

export function warmChecker(client: EngineClient): void {
  client.warm();
  preloadMath();
}

/**
 * When a line in `root` first gets focus: the first line is then being typed. Not on page load,
 * which would weigh on every visit, also the ones that only look.
 */
export function warmOnFocus(root: HTMLElement, client: EngineClient): void {
  root.addEventListener('focusin', () => warmChecker(client), { once: true });
}
