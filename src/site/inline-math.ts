import type { Element as HastElement, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * KaTeX lets inline math wrap after any top-level binary operator or
 * relation, so on a phone `$(v - \mu_0)^2$` could end a line with "(v −".
 * Braces make an unbreakable group: this turns `(…)` into `({…})` for every
 * parenthesised run at the top level of an inline formula (also `\big(…\big)`
 * and its sizes). The parentheses stay outside the group, so the spacing
 * after an operator name (`\log(x)`) is unchanged. `\left(…\right)` is
 * already one group; unmatched parentheses (a half-open interval) are left alone.
 */
export function groupParens(tex: string): string {
  const SIZE = /\\(?:big|Big|bigg|Bigg)[lrm]?$/;
  let out = '';
  let depth = 0;
  let i = 0;
  while (i < tex.length) {
    const ch = tex[i]!;
    if (ch === '\\') {
      // A control sequence (\{, \(, \left, …) passes through whole.
      const m = /^\\(?:[A-Za-z]+|.)/.exec(tex.slice(i))!;
      out += m[0];
      i += m[0].length;
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '(' && depth === 0 && !/\\left\s*$/.test(out)) {
      const close = matchingParen(tex, i);
      if (close !== -1) {
        const inner = tex.slice(i + 1, close);
        // The closing size command (\big) belongs outside the group, with its parenthesis.
        const size = SIZE.exec(inner)?.[0] ?? '';
        const body = inner.slice(0, inner.length - size.length);
        out += `({${groupParens(body)}}${size})`;
        i = close + 1;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Index of the `)` closing the `(` at `open`, at the same brace depth; -1 if none. */
function matchingParen(tex: string, open: number): number {
  let parens = 0;
  let braces = 0;
  for (let i = open; i < tex.length; i++) {
    const ch = tex[i]!;
    if (ch === '\\') {
      const m = /^\\(?:[A-Za-z]+|.)/.exec(tex.slice(i))!;
      i += m[0].length - 1;
      // The delimiter of \left( … \right) belongs to that group: do not count it.
      if (m[0] === '\\left' || m[0] === '\\right') {
        while (tex[i + 1] === ' ') i++;
        const d = /^\\(?:[A-Za-z]+|.)|^./.exec(tex.slice(i + 1));
        if (d) i += d[0].length;
      }
      continue;
    }
    if (ch === '{') braces++;
    else if (ch === '}') {
      if (--braces < 0) return -1;
    } else if (braces === 0 && ch === '(') parens++;
    else if (braces === 0 && ch === ')' && --parens === 0) return i;
  }
  return -1;
}

/** The same grouping for the `$…$` math of MDX prose, before rehype-katex renders it. */
export function remarkUnbreakableParens() {
  return (tree: Root) => {
    visit(tree, 'inlineMath', (node) => {
      node.value = groupParens(node.value);
      // remark-math copies the TeX into the hast child rehype-katex reads.
      const data = node.data as { hChildren?: Array<{ type: string; value?: string }> } | undefined;
      for (const child of data?.hChildren ?? []) if (child.type === 'text') child.value = node.value;
    });
  };
}

/** Punctuation that must stay on the line of the formula it follows. */
const TRAILING = /^[.,;:!?)\]’”]+/;

/**
 * Inline math followed by punctuation ("… $x$.") may wrap just before the
 * full stop, leaving it alone at the start of a line. Wrap the formula and
 * its punctuation in `.math-punct`, which forbids that one break (the
 * formula itself may still wrap inside, by the rule in global.css).
 */
export function rehypeMathPunctuation() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: HastElement) => {
      // A wrapper made here holds its formula and punctuation already.
      if (hasClass(node, 'math-punct')) return;
      const kids = node.children;
      for (let i = 0; i < kids.length - 1; i++) {
        const k = kids[i]!;
        const next = kids[i + 1]!;
        if (k.type !== 'element' || !isInlineKatex(k) || next.type !== 'text') continue;
        const m = TRAILING.exec(next.value);
        if (!m) continue;
        next.value = next.value.slice(m[0].length);
        const wrap: HastElement = {
          type: 'element',
          tagName: 'span',
          properties: { className: ['math-punct'] },
          children: [k, { type: 'text', value: m[0] }],
        };
        kids.splice(i, 1, wrap);
        if (next.value === '') kids.splice(i + 1, 1);
      }
    });
  };
}

function hasClass(e: HastElement, name: string): boolean {
  const cls = e.properties?.['className'];
  return Array.isArray(cls) && cls.includes(name);
}

const isInlineKatex = (e: HastElement) => hasClass(e, 'katex');

/** The same for HTML strings built by renderInlineText: `math` is rendered KaTeX, `text` what follows it. */
export function joinTrailingPunctuation(math: string, text: string): [string, string] {
  const m = TRAILING.exec(text);
  if (!m) return [math, text];
  return [`<span class="math-punct">${math}${m[0]}</span>`, text.slice(m[0].length)];
}
