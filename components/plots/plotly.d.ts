/** The parts of plotly.js's partial-bundle entry points this site calls (they ship no types). */
declare module 'plotly.js/lib/core' {
  type Figure = Record<string, unknown>;
  const Plotly: {
    register(modules: unknown[]): void;
    newPlot(el: HTMLElement, data: Figure[], layout: Figure, config?: Figure): Promise<HTMLElement>;
    react(el: HTMLElement, data: Figure[], layout: Figure, config?: Figure): Promise<HTMLElement>;
    purge(el: HTMLElement): void;
    Plots: { resize(el: HTMLElement): Promise<void> };
  };
  export default Plotly;
}
declare module 'plotly.js/lib/surface' {
  const trace: unknown;
  export default trace;
}
declare module 'plotly.js/lib/scatter3d' {
  const trace: unknown;
  export default trace;
}
declare module 'plotly.js/dist/plotly.css?url' {
  const url: string;
  export default url;
}
