/**
 * The case table: every case in cases.json, each with the status the engine
 * must give. `truth` is the mathematical answer; `expected` overrides it only
 * where the engine honestly cannot decide (and then it must say unproven).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkSync } from '../../../src/verify/index';
import type { Relation, Status, VariableDecl } from '../../../src/verify/index';

export interface Case {
  category: string;
  prev: string;
  next: string;
  truth: Status;
  expected?: Status;
  relation?: Relation;
  variables?: VariableDecl[];
  implication?: '⇔' | '⇒' | '⇐';
  note?: string;
}

export const cases: Case[] = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8')).cases;

describe('case table', () => {
  it('has at least 150 cases, wrong steps among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.truth === 'refuted').length).toBeGreaterThanOrEqual(50);
  });

  it('gives every case its expected status, and never verifies a wrong step', () => {
    const wrong: string[] = [];
    const accepted: string[] = [];
    for (const c of cases) {
      const r = checkSync({ prev: c.prev, next: c.next, relation: c.relation ?? { kind: 'equal' }, variables: c.variables ?? [] });
      const want = c.expected ?? c.truth;
      const got = r.status;
      const imp = 'relation' in r ? r.relation : undefined;
      if (got !== want || (c.implication && got === 'verified' && imp !== c.implication)) {
        wrong.push(
          `[${c.category}] ${c.prev}  ->  ${c.next}: expected ${want}${c.implication ?? ''}, got ${got}${imp ?? ''} ${JSON.stringify(r)}`,
        );
      }
      if (c.truth === 'refuted' && got === 'verified') accepted.push(`${c.prev} -> ${c.next}`);
    }
    expect(accepted, 'wrong steps reported verified').toEqual([]);
    expect(wrong).toEqual([]);
  });
});
