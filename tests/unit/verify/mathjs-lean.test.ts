/**
 * Browser bundles build the engine's mathjs from three factories only
 * (src/verify/cas/mathjs-lean.ts). It must read every line exactly as the full
 * instance does: same tree, same TeX preview, same errors.
 */
import { readFileSync } from 'node:fs';
import { all as fullFactories, create as createFull, type FactoryFunctionMap } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { all as leanFactories, create as createLean } from '../../../src/verify/cas/mathjs-lean';

interface Case {
  prev: string;
  next: string;
}
const cases: Case[] = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8')).cases;

function instance(create: typeof createFull, factories: FactoryFunctionMap) {
  const math = create(factories);
  math.config({ number: 'BigNumber', precision: 80 });
  return (text: string): string => {
    try {
      const node = math.parse(text);
      return `${node.toString()} | ${node.toTex({ parenthesis: 'auto', implicit: 'hide' })}`;
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
}

describe('the lean mathjs of browser bundles', () => {
  it('reads every line of the case table as the full instance does', () => {
    const full = instance(createFull, fullFactories!);
    const lean = instance(createLean, leanFactories);
    const lines = [...new Set(cases.flatMap((c) => [c.prev, c.next]).flatMap((l) => l.split('=')))].filter((l) => !l.includes('\\'));
    expect(lines.length).toBeGreaterThan(100);
    for (const line of [...lines, '2x +* 3', "[[1, 2], [3, 4]]'", '123456789012345678901234567890.5'])
      expect(lean(line), line).toBe(full(line));
  });
});
