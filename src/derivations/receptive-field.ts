import { defineDerivation } from './define';
import { EXAMPLE, randomUnitExtent } from './models/receptive-field';

/**
 * Receptive field and jump of a stack of convolutions and poolings, derived
 * from one layer, then a worked example checked against a brute-force trace
 * of the connections (src/derivations/models/receptive-field.ts).
 *
 * One axis: r is the receptive field (in input pixels) of a unit of layer
 * l - 1, j its jump (input pixels between neighbouring units), a the first
 * input pixel seen by unit 0; layer l has kernel k, stride s, dilation d.
 */
export default defineDerivation({
  slug: 'receptive-field',
  title: 'Receptive field of a CNN: the recurrence and a worked example',
  variables: [
    { name: 'r', assumptions: ['positive', 'integer'] },
    { name: 'j', assumptions: ['positive', 'integer'] },
    { name: 'k', assumptions: ['positive', 'integer'] },
    { name: 's', assumptions: ['positive', 'integer'] },
    { name: 'd', assumptions: ['positive', 'integer'] },
    { name: 'a', assumptions: ['real'] },
    { name: 'u', assumptions: ['nonnegative'] },
    { name: 'k1', assumptions: ['positive', 'integer'] },
    { name: 'k2', assumptions: ['positive', 'integer'] },
    { name: 'k3', assumptions: ['positive', 'integer'] },
    { name: 'd1', assumptions: ['positive', 'integer'] },
    { name: 'd2', assumptions: ['positive', 'integer'] },
    { name: 'd3', assumptions: ['positive', 'integer'] },
    { name: 's1', assumptions: ['positive', 'integer'] },
    { name: 's2', assumptions: ['positive', 'integer'] },
  ],
  steps: [
    {
      id: 'left-edge',
      expr: 'a + u*s*j',
      tex: String.raw`\text{first pixel of unit } u \text{ of layer } l = a + u\,s_l\,j_{l-1}`,
      justification: { kind: 'definition' },
      move: 'Unit $u$ starts at unit $u s_l$ of the layer below',
      notes: String.raw`Unit $u$ of layer $l$ reads units $u s_l, u s_l + d_l, \dots, u s_l + (k_l - 1) d_l$ of layer $l - 1$. Unit $v$ of layer $l-1$ starts at input pixel $a + v\,j_{l-1}$ and covers $r_{l-1}$ pixels. Listen for the candidate setting up coordinates before any formula.`,
    },
    {
      id: 'right-edge',
      expr: 'a + (u*s + (k - 1)*d)*j + r - 1',
      tex: String.raw`\text{last pixel} = a + \bigl(u\,s_l + (k_l - 1)\,d_l\bigr)\,j_{l-1} + r_{l-1} - 1`,
      justification: { kind: 'definition' },
      move: 'Its last tap is $(k_l - 1) d_l$ units further, and that unit covers $r_{l-1}$ pixels',
      notes: String.raw`Listen for the two parts of the span: the taps spread over $(k_l - 1) d_l$ units of the layer below, and the last unit adds its own field.`,
    },
    {
      id: 'rf-size',
      expr: '(a + (u*s + (k - 1)*d)*j + r - 1) - (a + u*s*j) + 1',
      tex: String.raw`r_l = \text{last} - \text{first} + 1`,
      justification: { kind: 'definition' },
      from: ['left-edge', 'right-edge'],
      move: 'The receptive field is the span from the first pixel to the last',
      notes:
        'This is the extent of the field. With dilation the field can have holes (pixels inside the span that no path reaches); the recurrence measures the span.',
    },
    {
      id: 'rf-recurrence',
      expr: 'r + (k - 1)*d*j',
      tex: String.raw`r_l = r_{l-1} + (k_l - 1)\,d_l\,j_{l-1}`,
      justification: { kind: 'equal' },
      move: 'Simplify: $a$, $u$ and $s_l$ drop out',
      notes: String.raw`The key line. The stride of layer $l$ itself does not appear: it spaces the units of layer $l$, which only matters for the layers above. Probe: “where does the stride of this layer show up?” (in $j_l$, next step).`,
    },
    {
      id: 'jump-difference',
      expr: '(a + (u + 1)*s*j) - (a + u*s*j)',
      tex: String.raw`j_l = \text{first}(u + 1) - \text{first}(u)`,
      justification: { kind: 'definition' },
      from: 'left-edge',
      move: 'The jump is the distance between neighbouring units’ first pixels',
      notes: String.raw`Neighbouring units of layer $l$ start $s_l$ units of layer $l - 1$ apart, each of which is $j_{l-1}$ pixels.`,
    },
    {
      id: 'jump-recurrence',
      expr: 'j*s',
      tex: String.raw`j_l = j_{l-1}\,s_l, \qquad r_0 = j_0 = 1`,
      justification: { kind: 'equal' },
      move: 'Simplify: strides multiply',
      notes:
        'The jump is the product of all strides so far. Starting values: an input pixel sees itself ($r_0 = 1$) and its neighbour is one pixel away ($j_0 = 1$).',
    },
    {
      id: 'unrolled-three',
      expr: '1 + (k1 - 1)*d1 + (k2 - 1)*d2*s1 + (k3 - 1)*d3*s1*s2',
      tex: String.raw`r_3 = 1 + (k_1 - 1)d_1 + (k_2 - 1)d_2\,s_1 + (k_3 - 1)d_3\,s_1 s_2`,
      justification: { kind: 'substitute', bindings: { r: '1 + (k1 - 1)*d1 + (k2 - 1)*d2*s1', k: 'k3', d: 'd3', j: 's1*s2' } },
      from: 'rf-recurrence',
      move: 'Unroll three layers: $r_2 = 1 + (k_1 - 1)d_1 + (k_2 - 1)d_2 s_1$, $j_2 = s_1 s_2$',
      notes: String.raw`In general $r_L = 1 + \sum_{l=1}^{L} (k_l - 1)\,d_l \prod_{i<l} s_i$: each layer adds its span times the product of the strides below it, not its own.`,
    },
    {
      id: 'layer-1',
      expr: '3',
      tex: String.raw`\text{conv } 3,\ s{=}1:\quad r_1 = 1 + (3 - 1)\cdot 1\cdot 1 = 3,\quad j_1 = 1`,
      justification: { kind: 'substitute', bindings: { r: '1', k: '3', d: '1', j: '1' } },
      from: 'rf-recurrence',
      move: 'Layer 1: 3-tap convolution, stride 1',
      notes: String.raw`A single 3-tap layer on the input sees 3 pixels; nothing to discuss, but the candidate should carry $j$ along from the start.`,
    },
    {
      id: 'layer-2',
      expr: '5',
      tex: String.raw`\text{conv } 3,\ s{=}1:\quad r_2 = 3 + (3 - 1)\cdot 1\cdot 1 = 5,\quad j_2 = 1`,
      justification: { kind: 'substitute', bindings: { r: '3', k: '3', d: '1', j: '1' } },
      from: 'rf-recurrence',
      move: 'Layer 2: 3-tap convolution, stride 1',
      notes: String.raw`Two 3-tap layers see 5 pixels, not 6 and not 9: the second layer adds $k - 1 = 2$.`,
    },
    {
      id: 'layer-3-pool',
      expr: '6',
      tex: String.raw`\text{pool } 2,\ s{=}2:\quad r_3 = 5 + (2 - 1)\cdot 1\cdot 1 = 6`,
      justification: { kind: 'substitute', bindings: { r: '5', k: '2', d: '1', j: '1' } },
      from: 'rf-recurrence',
      move: 'Layer 3: 2-wide pooling, stride 2 (a pooling window is a kernel)',
      notes: String.raw`The pooling adds $(2 - 1)\cdot j_2 = 1$ pixel, not 2: two neighbouring units of layer 2 overlap in all but one pixel. Its stride changes only the jump.`,
    },
    {
      id: 'layer-3-jump',
      expr: '2',
      tex: String.raw`j_3 = j_2 \cdot s_3 = 1 \cdot 2 = 2`,
      justification: { kind: 'substitute', bindings: { j: '1', s: '2' } },
      from: 'jump-recurrence',
      move: 'The pooling’s stride doubles the jump',
      notes: String.raw`This is the line people forget: the pooling hardly changes the field but doubles the spacing for every later layer.`,
    },
    {
      id: 'layer-4',
      expr: '10',
      tex: String.raw`\text{conv } 3,\ s{=}1:\quad r_4 = 6 + (3 - 1)\cdot 1\cdot 2 = 10,\quad j_4 = 2`,
      justification: { kind: 'substitute', bindings: { r: '6', k: '3', d: '1', j: '2' } },
      from: 'rf-recurrence',
      move: 'Layer 4: 3-tap convolution after the pooling',
      notes:
        'Now each extra tap is 2 input pixels away, so this layer adds 4. The seed’s worked answer gets 11 here by letting the pooling add 2.',
    },
    {
      id: 'layer-5-dilated',
      expr: '18',
      tex: String.raw`\text{conv } 3,\ d{=}2:\quad r_5 = 10 + (3 - 1)\cdot 2\cdot 2 = 18`,
      justification: { kind: 'substitute', bindings: { r: '10', k: '3', d: '2', j: '2' } },
      from: 'rf-recurrence',
      move: 'Layer 5: 3-tap convolution with dilation 2',
      notes: 'Dilation and jump multiply: the taps are 2 units apart, and units are 2 pixels apart.',
    },
    {
      id: 'traced',
      expr: '18',
      tex: String.raw`\text{traced: } \max - \min + 1 = 18 \text{ for random output units}`,
      justification: { kind: 'simulation', trial: randomUnitExtent(EXAMPLE), trials: 200, confidence: 0.999 },
      move: 'Check by tracing the connections of random output units back to the input',
      notes:
        'The tracer knows nothing of the recurrence: it follows every tap of every layer down to the input and measures the span. Every unit gives 18, so the interval is the single point 18.',
    },
  ],
  mistakes: [
    {
      id: 'add-kernels',
      from: 'layer-4',
      expr: '3 + 3 + 2 + 3',
      tex: String.raw`r_4 \overset{?}{=} 3 + 3 + 2 + 3 = 11`,
      relation: { kind: 'probability' },
      explanation: String.raw`Stacked kernels overlap: a second 3-tap layer reads three units whose fields share all but one pixel with their neighbours, so it adds $k - 1 = 2$, not $k = 3$, at jump 1. Adding kernel sizes overcounts by one for every layer after the first and ignores strides; here the two errors almost cancel, which makes the slip hard to spot.`,
    },
    {
      id: 'forget-the-jump',
      from: 'rf-size',
      expr: 'r + (k - 1)*d',
      tex: String.raw`r_l \overset{?}{=} r_{l-1} + (k_l - 1)\,d_l`,
      relation: { kind: 'equal' },
      explanation: String.raw`This counts the new taps in units of the layer below, not in input pixels. After a stride-2 layer neighbouring units are $j = 2$ pixels apart; the formula is right only while every stride so far is 1. In the example it gives $r_4 = 8$ instead of 10.`,
    },
    {
      id: 'own-stride',
      from: 'rf-size',
      expr: 'r + (k - 1)*d*j*s',
      tex: String.raw`r_l \overset{?}{=} r_{l-1} + (k_l - 1)\,d_l\,j_{l-1}\,s_l`,
      relation: { kind: 'equal' },
      explanation: String.raw`A layer's own stride spaces its output units; it does not spread its taps. Multiplying by $s_l$ makes the stride-2 pooling add 2 pixels, the slip that gives the seed's 11.`,
    },
    {
      id: 'pool-adds-kernel',
      from: 'layer-3-pool',
      expr: '5 + 2',
      tex: String.raw`r_3 \overset{?}{=} 5 + 2 = 7`,
      relation: { kind: 'probability' },
      explanation: String.raw`A 2-wide pooling over units 1 pixel apart covers $r_2 + 1$ pixels: the two windows overlap in all but one. “Pooling 2×2 doubles the field” and “pooling adds its kernel size” are both wrong here.`,
    },
  ],
  slides: [{ after: 'traced', plot: 'receptive-field-grid' }],
  rubric: {
    strong: [
      'Sets up coordinates (first pixel, jump) and derives the recurrence from one layer rather than quoting it.',
      String.raw`States both recurrences, $r_l = r_{l-1} + (k_l - 1) d_l j_{l-1}$ and $j_l = j_{l-1} s_l$, with $r_0 = j_0 = 1$.`,
      'Treats a pooling layer as a kernel with a stride, and gets 6 after the pooling and 10 after the next convolution.',
      'Explains why the current layer’s stride does not enter its own receptive field.',
      'Mentions that dilation can leave holes and that the effective receptive field (where the gradient is large) is smaller than the theoretical one.',
    ],
    mistakes: [
      'Adds kernel sizes.',
      'Forgets to multiply by the jump after a strided layer.',
      'Uses the current layer’s stride, or stride to the power of the depth.',
      'Says a 2×2 pooling doubles the receptive field.',
    ],
    redFlags: [
      'Cannot say what a receptive field is in terms of which input pixels affect one output.',
      'Quotes a formula and cannot apply it to a three-layer example.',
    ],
  },
  followUps: [
    String.raw`How many 3×3 stride-1 convolutions match one 7×7? Sketch: each adds 2, so three ($1 + 3\cdot 2 = 7$), with fewer weights ($27C^2$ against $49C^2$) and two more non-linearities.`,
    String.raw`A single 3-tap convolution with dilation 2 on the input: what is its receptive field, and which pixels does it see? Sketch: span $1 + 2\cdot 2 = 5$, but only pixels 0, 2, 4: a field with holes. Stacking dilations 1, 2, 4 (as in WaveNet) fills them.`,
    String.raw`How do you make a field of 100 pixels with the fewest layers? Sketch: strides or dilations that grow geometrically; with dilations $1, 2, 4, \dots$ the field doubles per layer.`,
    String.raw`Where is the centre of a unit’s field, and what does padding change? Sketch: the centre of unit 0’s field moves as $c_l = c_{l-1} + \bigl(\tfrac{(k_l - 1)\,d_l}{2} - p_l\bigr)\, j_{l-1}$ with padding $p_l$, and unit $u$ is centred at $c_l + u\,j_l$; padding shifts fields, never their size.`,
    'Is every pixel in the field equally important? Sketch: no; the number of paths from a pixel to the unit peaks at the centre (roughly Gaussian), so the effective receptive field is much smaller than the theoretical one.',
  ],
});
