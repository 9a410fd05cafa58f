/**
 * <dv-plot data-name="...">: the only script a page with plots loads up front.
 * It waits until the figure is near the viewport, then imports that plot's
 * island (which brings Observable Plot, KaTeX and the derivation module) and
 * mounts it. Disconnecting the element disposes the island.
 */
import type { Island, Mount } from './island';

const ISLANDS: Record<string, () => Promise<{ mount: Mount }>> = {
  'least-squares-fit': () => import('./islands/least-squares-fit'),
  'ml-vs-map-estimates': () => import('./islands/ml-vs-map-estimates'),
  'ml-vs-map-mse': () => import('./islands/ml-vs-map-mse'),
  'pca-decorrelation': () => import('./islands/pca-decorrelation'),
  'monty-hall-games': () => import('./islands/monty-hall-games'),
  'newton-method': () => import('./islands/newton-method'),
  'bayes-rule-frequencies': () => import('./islands/bayes-rule-frequencies'),
  'receptive-field-grid': () => import('./islands/receptive-field-grid'),
  'conjugate-priors-beta': () => import('./islands/conjugate-priors-beta'),
  'monte-carlo-pi': () => import('./islands/monte-carlo-pi'),
  'clt-sample-mean': () => import('./islands/clt-sample-mean'),
  'l1-l2-regions': () => import('./islands/l1-l2-regions'),
  'gradient-descent': () => import('./islands/gradient-descent'),
  momentum: () => import('./islands/momentum'),
  'adam-bias-correction': () => import('./islands/adam-bias-correction'),
  'backprop-graph': () => import('./islands/backprop-graph'),
  'optimiser-race': () => import('./islands/optimiser-race'),
};

/** How close to the viewport a figure must come before its code is fetched. */
const NEAR = '300px 0px';

class DvPlot extends HTMLElement {
  #observer: IntersectionObserver | undefined;
  #island: Island | undefined;
  #connected = false;

  connectedCallback(): void {
    this.#connected = true;
    if (this.#island || this.#observer) return;
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#observer?.disconnect();
          this.#observer = undefined;
          void this.#load();
        }
      },
      { rootMargin: NEAR },
    );
    this.#observer.observe(this);
  }

  disconnectedCallback(): void {
    this.#connected = false;
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#island?.dispose();
    this.#island = undefined;
  }

  async #load(): Promise<void> {
    const name = this.dataset['name'] ?? '';
    const load = ISLANDS[name];
    if (!load) throw new Error(`<dv-plot>: unknown plot \`${name}\`; known plots: ${Object.keys(ISLANDS).join(', ')}`);
    const { mount } = await load();
    if (!this.#connected || this.#island) return;
    this.#island = mount(this);
  }
}

if (!customElements.get('dv-plot')) customElements.define('dv-plot', DvPlot);
