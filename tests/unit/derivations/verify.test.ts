import { describe, expect, it } from 'vitest';
import { derivations } from '../../../src/derivations/index';
import { verifyDerivation } from '../../../src/derivations/verify';
import { cachedCheck as check } from '../../../src/derivations/check-cache';
import type { Relation } from '../../../src/verify/types';
import { mutants } from './mutants';

/** Relations whose line is a value: a changed value must be refuted. */
const VALUE_KINDS = new Set<Relation['kind']>(['equal', 'matrix', 'derivative', 'substitute', 'probability']);

describe.each([...derivations.values()])('derivation $slug', (d) => {
  it('verifies every step and refutes every listed mistake', async () => {
    const report = await verifyDerivation(d);
    expect(report.failures).toEqual([]);
    for (const r of report.steps) {
      if (r.verdict.state === 'checked') expect(r.verdict.result.status, r.step.id).toBe('verified');
      if (r.verdict.state === 'exempt') expect(r.verdict.reason.trim().length, r.step.id).toBeGreaterThan(10);
    }
    for (const m of report.mistakes) expect(m.result.status, m.mistake.id).toBe('refuted');
  });

  it('refutes plausible mutants of every value step (sign, factor 2, exponent, swapped symbols)', async () => {
    const tried: string[] = [];
    const notRefuted: string[] = [];
    let equivalent = 0;
    for (const step of d.steps) {
      const j = step.justification;
      if (!VALUE_KINDS.has(j.kind as Relation['kind']) || step.unchecked !== undefined) continue;
      const relation = j as Relation;
      const prev = d.step(step.cites[0]!).expr;
      for (const m of mutants(step.expr, d.variables)) {
        const base = { variables: d.variables, options: { ...d.options, ...step.options } };
        // A mutant that happens to equal the right line is not a wrong step.
        const sameRel: Relation =
          relation.kind === 'matrix' ? relation : step.expr.includes('=') ? { kind: 'equation' } : { kind: 'equal' };
        const same = await check({ ...base, prev: step.expr, next: m.expr, relation: sameRel });
        if (same.status === 'verified') {
          equivalent++;
          continue;
        }
        tried.push(`${step.id}:${m.kind}`);
        const r = await check({ ...base, prev, next: m.expr, relation });
        if (r.status !== 'refuted') notRefuted.push(`${step.id} ${m.kind}: ${m.expr} -> ${r.status}`);
      }
    }
    console.info(
      `${d.slug}: ${tried.length} mutants tried, ${tried.length - notRefuted.length} refuted; ${equivalent} equal to the right line (not wrong steps, skipped)`,
    );
    expect(notRefuted).toEqual([]);
    expect(tried.length).toBeGreaterThan(0);
  });
});
