/**
 * A stack of 1-D convolution and pooling layers (2-D layers with square
 * kernels act the same way along each axis), and a brute-force tracer that
 * follows the connections of one output unit back to the input. The
 * derivation checks its recurrence against the tracer; the plot draws what
 * the tracer finds.
 */

export interface Layer {
  kind: 'conv' | 'pool';
  /** Kernel size k (taps). */
  k: number;
  /** Stride s. */
  s: number;
  /** Dilation d (1 for an ordinary kernel; spacing between taps). */
  d: number;
}

/** The worked example: the seed's four layers, then a dilated convolution. */
export const EXAMPLE: readonly Layer[] = [
  { kind: 'conv', k: 3, s: 1, d: 1 },
  { kind: 'conv', k: 3, s: 1, d: 1 },
  { kind: 'pool', k: 2, s: 2, d: 1 },
  { kind: 'conv', k: 3, s: 1, d: 1 },
  { kind: 'conv', k: 3, s: 1, d: 2 },
];

/**
 * The units of every layer that feed unit `u` of the last layer, from the
 * last layer (index layers.length) down to the input (index 0). No padding:
 * unit v of layer l reads units v*s + t*d (t = 0..k-1) of layer l - 1.
 */
export function trace(layers: readonly Layer[], u: number): number[][] {
  const sets: number[][] = [[u]];
  let cur = new Set([u]);
  for (let l = layers.length - 1; l >= 0; l--) {
    const { k, s, d } = layers[l]!;
    const next = new Set<number>();
    for (const v of cur) for (let t = 0; t < k; t++) next.add(v * s + t * d);
    cur = next;
    sets.unshift([...cur].sort((a, b) => a - b));
  }
  return sets;
}

/** Extent (last minus first plus one) of the input pixels unit `u` depends on. */
export function tracedExtent(layers: readonly Layer[], u: number): number {
  const input = trace(layers, u)[0]!;
  return input[input.length - 1]! - input[0]! + 1;
}

/** A trial for the engine: a random unit of the last layer (0..999), its traced extent. */
export function randomUnitExtent(layers: readonly Layer[]): (random: () => number) => number {
  return (random) => tracedExtent(layers, Math.floor(random() * 1000));
}
