/**
 * The partial plotly.js bundle: the core and the two traces the 3-D views use
 * (surface, scatter3d), nothing else. Imported only when a reader opens a 3-D
 * view (dynamic import), so no page fetches it up front.
 *
 * The Content-Security-Policy allows no <style> element plotly did not ship
 * with a hash, and plotly's core writes its rules into one when it loads.
 * plotly's documented way out: an element with the id of that <style> and the
 * class `no-inline-styles` makes it skip the injection; the same rules come
 * from its stylesheet, served as a file from our own origin and linked here
 * (as a URL, not a CSS import: Astro would link an imported stylesheet from
 * every page that can reach this module, before any 3-D view is opened).
 */
import plotlyCss from 'plotly.js/dist/plotly.css?url';

const STYLE_ID = 'plotly.js-style-global';

export type Plotly = typeof import('plotly.js/lib/core').default;

let loading: Promise<Plotly> | undefined;

/** plotly.js with the surface and scatter3d traces registered; loaded once. */
export function loadPlotly(): Promise<Plotly> {
  loading ??= (async () => {
    if (!document.getElementById(STYLE_ID)) {
      const marker = document.createElement('meta');
      marker.id = STYLE_ID;
      marker.className = 'no-inline-styles';
      document.head.append(marker);
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = plotlyCss;
      document.head.append(link);
    }
    // Parts of plotly.js (and its bundled dependencies) are written for browserify, which defines
    // Node's `global`; in a browser it is the window.
    (globalThis as { global?: typeof globalThis }).global ??= globalThis;
    const [{ default: Plotly }, { default: surface }, { default: scatter3d }] = await Promise.all([
      import('plotly.js/lib/core'),
      import('plotly.js/lib/surface'),
      import('plotly.js/lib/scatter3d'),
    ]);
    Plotly.register([surface, scatter3d]);
    return Plotly;
  })();
  return loading;
}
