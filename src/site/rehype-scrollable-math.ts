import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Display math scrolls sideways on narrow screens, so keyboard users must be
 * able to reach it: give every `.katex-display` a tab stop (WCAG 2.1.1).
 */
export function rehypeScrollableMath() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const cls = node.properties?.['className'];
      if (Array.isArray(cls) && cls.includes('katex-display')) node.properties['tabIndex'] = 0;
      // Prose tables scroll sideways on a phone too (global.css): same tab stop.
      if (node.tagName === 'table') node.properties['tabIndex'] = 0;
    });
  };
}
