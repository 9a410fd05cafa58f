/** Badge text. The site generates every "verified" badge from this function only. */
import type { CheckResult, Counterexample, Evidence } from './types';

const fmtShape = (s: readonly [number, number]) => `${s[0]}×${s[1]}`;

function power10(n: number): string {
  const k = Math.log10(n);
  return Number.isInteger(k) && k >= 3 ? `10^${k}` : n.toLocaleString('en-US');
}

const minus = (s: string) => s.replace(/(^|[\s(,=[])-(?=\d)/g, '$1−');

function values(c: Counterexample): string {
  const entries = Object.entries(c.values);
  if (entries.length === 0) return '';
  const shown = entries.map(([k, v]) => `${k} = ${minus(String(v))}`);
  return `at ${shown.join(', ')} `;
}

/** "checked at n = 1…8 with random data": sampled in n as well, never a proof for every n. */
function sizesText(s: NonNullable<Evidence['sizes']>): string {
  const names = s.names.join(', ');
  const range = s.from === s.to ? `${s.from}` : `${s.from}…${s.to}`;
  const combos = s.names.length > 1 ? ` (${s.count} combinations)` : s.count < s.to - s.from + 1 ? ` (${s.count} sizes)` : '';
  return `checked at ${names} = ${range}${combos} with random data`;
}

function evidenceText(method: string, e: Evidence, relation?: string): string {
  if (e.sizes) return sizesText(e.sizes);
  if (e.distributions && !e.distributions.named)
    return `checked on ${e.distributions.count} random finite distributions of ${e.distributions.names.join(', ')} (exact probabilities)`;
  if (e.distributions?.named) {
    const { distributions, ...rest } = e;
    return `${evidenceText(method, rest, relation)} (from the moments of ${distributions.names.join(', ')})`;
  }
  const fallback = e.fellBackFrom === 'symbolic' ? ' (no symbolic proof within the time budget)' : '';
  switch (method) {
    case 'symbolic':
      return 'verified symbolically';
    case 'exact':
      return e.exact !== undefined ? `exact arithmetic: ${minus(e.exact)}` : 'exact arithmetic';
    case 'instantiated': {
      const shapes = (e.symbolicShapes ?? []).map(fmtShape).join(', ');
      const inst = e.randomInstances ? ` and ${e.randomInstances.count} random ${fmtShape(e.randomInstances.shape)} instances` : '';
      return `verified on ${shapes} matrices with symbolic entries${inst}`;
    }
    case 'simulated': {
      const iv = e.interval
        ? ` (${Math.round((e.confidence ?? 0) * 1000) / 10}% interval ${e.interval.map((x) => x.toPrecision(4)).join(' to ')})`
        : '';
      return `simulated: ${power10(e.trials ?? 0)} trials, interval contains ${minus(e.exact ?? '?')}${iv}`;
    }
    default: {
      if (e.roots !== undefined) {
        return relation === '⇔'
          ? `same solutions: found completely and compared (${e.roots} in common)`
          : `follows: each solution of the previous line that was found (${e.roots}) solves the new one; the solution sets are not known completely`;
      }
      if (e.digits !== undefined) return `constant: both sides agree to ${e.digits} significant digits (no symbolic proof)`;
      const pts = `checked at ${e.points ?? 0} random points`;
      const inst = e.randomInstances ? ` and ${e.randomInstances.count} random ${fmtShape(e.randomInstances.shape)} instances` : '';
      return pts + inst + fallback;
    }
  }
}

/** Human text for a result, e.g. "verified symbolically" or "refuted: at x = 2 the new line gives 5, the previous line gives 4". */
export function describeResult(r: CheckResult): string {
  const rel = 'relation' in r && r.relation ? `${r.relation} ` : '';
  switch (r.status) {
    case 'verified':
      // A step that gains a solution follows, but never reads as a plain tick.
      if (r.warning) return `⚠ ${rel}follows, with a warning: ${minus(r.warning.message)}`;
      return rel + evidenceText(r.method, r.evidence, r.relation);
    case 'refuted': {
      const c = r.counterexample;
      if (c.note) return `${rel}refuted: ${minus(c.note)}`;
      return `${rel}refuted: ${values(c)}the new line gives ${minus(String(c.left))}, the previous line gives ${minus(String(c.right))}`;
    }
    case 'unproven':
      return `unproven: ${r.reason}${r.evidence ? ` (${evidenceText('numeric', r.evidence)})` : ''}`;
    case 'error':
      return `error: ${r.message}`;
  }
}
