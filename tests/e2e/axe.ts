import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Serious and critical axe violations on the whole page, or inside `within` only (a dialog opened
 * on a page just audited: nothing else changed).
 *
 * Every rule runs on every node; two settings only cut work that produces nothing we read.
 * Measured on /derivations/least-squares/ (18,300 nodes, 11,200 of them KaTeX's HTML), one scan at
 * load ~17: 116 s as axe's defaults, 60 s with both, the same violations.
 * - `resultTypes: ['violations']`: axe still evaluates every rule on every node, but builds the
 *   selector and HTML snippet of at most one node per passing or inapplicable rule (9,070 passing
 *   nodes on that page) instead of all of them. We read only violations.
 * - Legacy mode runs axe in the page itself: our pages have no frames, so the default mode's extra
 *   blank page (where it merges frame results) only costs a second injection of axe.
 */
export async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  if (within) builder.include(within);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')})`,
    );
}
