import { describe, expect, test } from 'vitest';
import {
  looksUnfinished,
  chooseRelation,
  decodeShare,
  encodeShare,
  inflateLimited,
  isEquation,
  mergeChains,
  MAX_CHAINS,
  MAX_LINES,
  MAX_SHARE_BYTES,
  TooLarge,
  parseAssume,
  parseDirective,
  sameIdentifiers,
  scalarMatrixHint,
  splitChains,
} from '../../../components/practice/logic';
import { deflateRawSync } from 'node:zlib';
import { jsonForScript, practiceData } from '../../../components/practice/practice-data';
import { derivations } from '../../../src/derivations/index';

describe('relation choice', () => {
  test('equations are compared as equations, expressions as expressions', () => {
    expect(isEquation('x = 2')).toBe(true);
    expect(isEquation('f(x, y=2)')).toBe(false);
    expect(isEquation('x <= 2')).toBe(false);
    expect(chooseRelation('x^2', '(x)^2')).toEqual({ kind: 'equal' });
    expect(chooseRelation('2*x = 4', 'x = 2')).toEqual({ kind: 'equation' });
    expect(chooseRelation('2*x - 4', 'x = 2')).toEqual({ kind: 'equation' });
  });

  test('a d/dx: prefix makes a derivative step and keeps the column of the math', () => {
    expect(parseDirective('d/dx: 3*x^2')).toEqual({ relation: { kind: 'derivative', wrt: 'x' }, math: '3*x^2', offset: 6 });
    expect(parseDirective('x^3')).toEqual({ math: 'x^3', offset: 0 });
  });

  test('reference matching skips steps about other symbols', () => {
    expect(sameIdentifiers('transpose(t)*y/(transpose(t)*t)', 't*y/(t*t)')).toBe(true);
    expect(sameIdentifiers('v*t', 'v*s')).toBe(false);
  });
});

describe('assume lines', () => {
  test('reads positivity, nonnegativity, nonzero and integer', () => {
    const r = parseAssume('assume s > 0, x != 0, y >= 0, n integer');
    expect(r).toEqual({
      ok: true,
      variables: [
        { name: 's', assumptions: ['real', 'positive'] },
        { name: 'x', assumptions: ['real', 'nonzero'] },
        { name: 'y', assumptions: ['real', 'nonnegative'] },
        { name: 'n', assumptions: ['real', 'integer'] },
      ],
    });
  });

  test('names the part it cannot read', () => {
    const r = parseAssume('assume s > 0, x < 3');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('"x < 3"');
    expect(parseAssume('assume').ok).toBe(false);
  });
});

describe('notepad and share links', () => {
  test('a blank line starts a new chain', () => {
    expect(splitChains('a\nb\n\n\nc\r\nd\n\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  test('share links round-trip, including hostile text', async () => {
    const chains = [
      ['(x+1)^2', 'x^2 + 2*x + 1'],
      ['assume s > 0', '<img src=x onerror=alert(1)>', '\\href{javascript:alert(1)}{x}'],
    ];
    const hash = await encodeShare(chains);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(hash)).toEqual({ ok: true, chains });
  });

  test('garbage in the hash gives a message, never an exception', async () => {
    expect(await decodeShare('')).toEqual({ ok: 'none' });
    for (const bad of ['#s=', '#s=%%%<script>', '#s=AAAA', '#s=' + 'A'.repeat(200_001)]) {
      const r = await decodeShare(bad);
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.message).toMatch(/^This share link could not be read: /);
    }
  });
});

describe('no lost work', () => {
  const hashOf = (json: string) => `#s=${deflateRawSync(Buffer.from(json)).toString('base64url')}`;

  test('a paste over the limits is cut, and the cut is counted', () => {
    const cut = { lines: 0, shortened: 0, chains: 0 };
    const text = [
      Array.from({ length: MAX_LINES + 5 }, (_, i) => `x + ${i}`).join('\n'),
      'y'.repeat(600),
      ...Array.from({ length: MAX_CHAINS }, () => 'z'),
    ].join('\n\n');
    const chains = splitChains(text, cut);
    expect(chains).toHaveLength(MAX_CHAINS);
    expect(chains[0]).toHaveLength(MAX_LINES);
    expect(chains[1]![0]).toHaveLength(500);
    expect(cut).toEqual({ lines: 5, shortened: 1, chains: 2 });
  });

  test('a link that is cut says so; one that fits says nothing', async () => {
    const big = Array.from({ length: 250 }, (_, i) => `x + ${i}`);
    const r = await decodeShare(hashOf(JSON.stringify({ v: 1, chains: [big, ['a'.repeat(700)]] })));
    expect(r.ok).toBe(true);
    if (r.ok !== true) return;
    expect(r.chains[0]).toHaveLength(MAX_LINES);
    expect(r.truncated).toBe(
      'The share link was too long for the scratchpad, and not all of it was kept: 50 lines past the limit of 200 lines a chain left out; 1 line was cut to 500 characters.',
    );
    const small = await decodeShare(hashOf(JSON.stringify({ v: 1, chains: [['a']] })));
    expect(small).toEqual({ ok: true, chains: [['a']] });
  });

  test('a link inflating to 70 MB is refused after about 1 MB of output, not decompressed whole', async () => {
    const bomb = deflateRawSync(Buffer.concat([Buffer.from('{"v":1,"chains":[["'), Buffer.alloc(70_000_000, 'x'), Buffer.from('"]]}')]));
    // Small enough to pass the check on the link's own length.
    expect(bomb.toString('base64url').length).toBeLessThan(100_000);
    const err = await inflateLimited(new Uint8Array(bomb)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLarge);
    expect((err as TooLarge).seen).toBeGreaterThan(MAX_SHARE_BYTES);
    expect((err as TooLarge).seen).toBeLessThan(2 * MAX_SHARE_BYTES);
    const r = await decodeShare(`#s=${bomb.toString('base64url')}`);
    expect(r).toEqual({ ok: false, message: 'This share link could not be read: the link expands to more than 1 MB of text.' });
  });

  test("a link's chains go beside the stored ones, never twice", () => {
    expect(mergeChains([['a', 'b']], [['c'], ['a', 'b'], ['']])).toEqual({ merged: [['a', 'b'], ['c']], added: 1 });
    const full = Array.from({ length: MAX_CHAINS }, (_, i) => [`x${i}`]);
    expect(mergeChains(full, [['y']])).toEqual({ merged: full, added: 0 });
  });
});

describe('page data', () => {
  test('every derivation serialises its steps from the module, with starting lines first', () => {
    for (const d of derivations.values()) {
      const data = practiceData(d);
      expect(data.steps.map((s) => s.expr)).toEqual(d.steps.map((s) => s.expr));
      expect(data.steps[0]!.start).toBe(true);
      expect(data.steps.some((s) => !s.start)).toBe(true);
      const json = jsonForScript(data);
      expect(json).not.toMatch(/<|>|&/);
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
    }
  });
});

describe('scalarMatrixHint', () => {
  test('says when matrix functions meet names that are numbers', () => {
    expect(scalarMatrixHint('X*transpose(X)', [])).toBe('X is a number here: to check matrix algebra, declare it first, e.g. assume X n×p');
    expect(scalarMatrixHint('transpose(beta)*inv(A)*b', [])).toMatch(
      /^beta, A, b are numbers here: .*declare them first, e\.g\. assume beta n×p$/,
    );
  });
  test('stays quiet without matrix functions, or once a name is declared a matrix', () => {
    expect(scalarMatrixHint('(x + 1)^2', [])).toBeUndefined();
    expect(scalarMatrixHint('X*transpose(X)', [{ name: 'X', shape: ['n', 'p'] }])).toBeUndefined();
    expect(scalarMatrixHint('transpose(X)*X', [{ name: 'X', assumptions: ['positive'] }])).toBeDefined();
  });
});

describe('a line still being typed waits the whole debounce', () => {
  test('an operator, comma or opening bracket at the end, or an unclosed bracket, is unfinished', () => {
    for (const t of ['-2*', '-2*transpose(', 'x^', 'a = ', 'f(x,', '(x + 1', String.raw`\frac{x}{`, String.raw`x + \\`, 'x_'])
      expect(looksUnfinished(t), t).toBe(true);
  });
  test('a line that could be whole is not', () => {
    for (const t of ['x', '-2*transpose(t)*(y - v*t)', 'x^2 + 1 ', String.raw`\frac{x}{2}`, 'v = 3', 'd/dv: 2*v'])
      expect(looksUnfinished(t), t).toBe(false);
  });
});
