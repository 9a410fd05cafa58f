/**
 * What every plot island shares, loaded lazily with it: drawing an Observable
 * Plot chart into a reserved panel, readouts (KaTeX's output rendered at build
 * time, numbers filled in here; src/plots/readout-template.ts), requestAnimationFrame
 * throttling (a cheap draft while a control moves, the full resolution once
 * it rests), and redraws on resize and theme change, all undone by dispose().
 */
import * as Plot from '@observablehq/plot';
import { fillTemplate, type PowerPieces, type Templates } from '../../src/plots/readout-template';
import { READOUT_KATEX } from '../../src/plots/readout-katex';

export interface Island {
  dispose(): void;
}
export type Mount = (root: HTMLElement) => Island;

/** The plot returned by Plot.plot, with its scales. */
export type Chart = ReturnType<typeof Plot.plot>;

export interface IslandContext {
  root: HTMLElement;
  panel(id: string): HTMLElement;
  /** Draw Plot options into a panel sized by its reserved box; returns the chart for its scales. */
  draw(panelId: string, spec: (width: number, height: number) => Plot.PlotOptions): Chart;
  control<T extends HTMLElement = HTMLInputElement>(id: string): T;
  controls<T extends HTMLElement = HTMLInputElement>(id: string): T[];
  area(id: string): HTMLElement;
  /** Render TeX (display style) into the readout. */
  readout(tex: string): void;
  /** Ask for a redraw: a draft now (next frame), the full version once input rests. */
  request(options?: { draftOnly?: boolean }): void;
  /** Register a listener removed on dispose. */
  listen<K extends keyof HTMLElementEventMap>(
    target: EventTarget,
    type: K | string,
    fn: (e: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void;
}

export interface IslandSpec {
  /**
   * The plot's readout templates (`virtual:derivable-readouts/<plot>`). A readout whose skeleton
   * has none is drawn by KaTeX, loaded then (and `data-readout="katex"` says so).
   */
  readouts?: { templates: Templates; power: PowerPieces };
  /** Draw everything; `draft` is true while a control is moving. */
  render(ctx: IslandContext, draft: boolean): void;
  setup?(ctx: IslandContext): void;
  teardown?(): void;
}

/** How long input must rest before the full-resolution redraw. */
const REST_MS = 160;

export function defineIsland(spec: IslandSpec): Mount {
  return (root) => {
    const name = root.dataset['name']!;
    const cleanups: (() => void)[] = [];
    let frame = 0;
    let rest: ReturnType<typeof setTimeout> | undefined;
    let pendingDraft = false;
    let disposed = false;
    /** Readouts asked for so far: a KaTeX readout still loading is dropped when a newer one comes. */
    let readouts = 0;
    const timings: number[] = [];
    /** The box each panel was last drawn into: a panel that no longer has it is drawn again. */
    const drawnAt = new Map<HTMLElement, string>();
    const boxOf = (el: HTMLElement) => `${el.clientWidth}x${el.clientHeight}`;

    const listen: IslandContext['listen'] = (target, type, fn, options) => {
      const h = fn as EventListener;
      target.addEventListener(type, h, options);
      cleanups.push(() => target.removeEventListener(type, h, options));
    };

    const ctx: IslandContext = {
      root,
      panel(id) {
        const el = root.querySelector<HTMLElement>(`[data-panel="${id}"]`);
        if (!el) throw new Error(`plot \`${name}\`: no panel \`${id}\``);
        return el;
      },
      draw(panelId, specFn) {
        const el = ctx.panel(panelId);
        const width = Math.max(200, el.clientWidth);
        const height = Math.max(120, el.clientHeight);
        drawnAt.set(el, boxOf(el));
        const chart = Plot.plot(specFn(width, height));
        // The panel (role=group, named) and the figure's description carry the text alternative;
        // Plot's own aria-labels on bare <g> marks ("rule", "area") are not permitted ARIA there.
        chart.setAttribute('aria-hidden', 'true');
        const old = el.querySelector(':scope > svg, :scope > figure, :scope > .dv-placeholder');
        if (old) old.replaceWith(chart);
        else el.prepend(chart);
        return chart;
      },
      control<T extends HTMLElement>(id: string) {
        const el = root.querySelector<T>(`[data-control="${id}"]`);
        if (!el) throw new Error(`plot \`${name}\`: no control \`${id}\``);
        return el;
      },
      controls<T extends HTMLElement>(id: string) {
        return [...root.querySelectorAll<T>(`[data-control="${id}"]`)];
      },
      area(id) {
        const el = root.querySelector<HTMLElement>(`[data-area="${id}"]`);
        if (!el) throw new Error(`plot \`${name}\`: no area \`${id}\``);
        return el;
      },
      readout(tex) {
        const el = root.querySelector<HTMLElement>('[data-readout]')!;
        const token = ++readouts;
        const html = spec.readouts && fillTemplate(tex, spec.readouts.templates, spec.readouts.power);
        if (html !== undefined) {
          el.innerHTML = html;
          el.dataset['readout'] = 'template';
          return;
        }
        el.dataset['readout'] = 'katex';
        void import('katex').then(({ default: katex }) => {
          // A later readout (or dispose) wins over this one.
          if (!disposed && token === readouts) el.innerHTML = katex.renderToString(tex, READOUT_KATEX);
        });
      },
      request(options) {
        pendingDraft = true;
        if (!frame) frame = requestAnimationFrame(() => run(true));
        clearTimeout(rest);
        if (!options?.draftOnly) rest = setTimeout(() => run(false), REST_MS);
      },
      listen,
    };

    function run(draft: boolean): void {
      if (disposed) return;
      if (draft) {
        frame = 0;
        if (!pendingDraft) return;
      } else {
        cancelAnimationFrame(frame);
        frame = 0;
      }
      pendingDraft = false;
      const t0 = performance.now();
      spec.render(ctx, draft);
      const ms = performance.now() - t0;
      // Exposed for the end-to-end test and for anyone profiling on a projector laptop.
      timings.push(ms);
      if (timings.length > 50) timings.shift();
      root.dataset['lastUpdateMs'] = ms.toFixed(2);
      root.dataset['lastUpdateKind'] = draft ? 'draft' : 'full';
    }

    // Range inputs show their value next to them.
    for (const input of root.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
      const out = root.querySelector<HTMLOutputElement>(`[data-output="${input.dataset['control']}"]`);
      if (out) listen(input, 'input', () => (out.value = input.value));
    }

    spec.setup?.(ctx);
    // A chart is drawn at its panel's size, never scaled: when a panel's box changes (a window
    // resized, a presenter slide laid out around its readout, a projector's height), it is drawn
    // again at the new size so its text stays at the size the theme asks for.
    const ro = new ResizeObserver(() => {
      if ([...drawnAt].some(([el, box]) => boxOf(el) !== box)) ctx.request();
    });
    for (const el of root.querySelectorAll<HTMLElement>('[data-panel]')) ro.observe(el);
    cleanups.push(() => ro.disconnect());
    listen(document, 'derivable:theme', () => run(false));
    const dark = matchMedia('(prefers-color-scheme: dark)');
    listen(dark, 'change', () => run(false));

    run(false);
    const fieldset = root.querySelector<HTMLFieldSetElement>('.dv-controls');
    if (fieldset) fieldset.disabled = false;
    root.dataset['plot'] = name;
    root.dataset['ready'] = 'true';

    return {
      dispose() {
        disposed = true;
        cancelAnimationFrame(frame);
        clearTimeout(rest);
        for (const c of cleanups.splice(0)) c();
        spec.teardown?.();
        delete root.dataset['ready'];
      },
    };
  };
}

/** Number value of a range input. */
export const num = (el: HTMLInputElement) => Number(el.value);
