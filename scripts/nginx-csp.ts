/**
 * The Content-Security-Policy of the built site as an nginx snippet, for
 * deploy/nginx.conf: `tsx scripts/nginx-csp.ts [dist] > derivable-csp.conf`.
 *
 * The policy is read from the <meta> tag Astro writes into every built page
 * (astro.config.mjs `security.csp`, with the hashes of the build's own inline
 * scripts and styles), so the header can never drift from the page; then
 * `frame-ancestors 'none'` is added, which only a header can carry. Pages with
 * different policies are merged directive by directive (the union of their
 * sources): each page still carries its own policy in its <meta> tag, and a
 * browser enforces both, so every page keeps its own.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Directive name → sources, in the order first seen. */
export type Policy = Map<string, string[]>;

const META = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/gi;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&lt;': '<', '&gt;': '>' };

/** The policies in a page's CSP <meta> tags. */
export function metaPolicies(html: string): string[] {
  return [...html.matchAll(META)].map((m) => m[1]!.replace(/&(?:amp|quot|#39|#x27|lt|gt);/g, (e) => ENTITIES[e]!));
}

export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

export const formatPolicy = (policy: Policy) => [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');

/** One policy allowing what any of `policies` allows, directive by directive. */
export function mergePolicies(policies: Policy[]): Policy {
  const merged: Policy = new Map();
  for (const policy of policies) {
    for (const [name, sources] of policy) {
      const into = merged.get(name) ?? [];
      for (const s of sources) if (!into.includes(s)) into.push(s);
      merged.set(name, into);
    }
  }
  return merged;
}

/** The header policy for the build in `dist`: every page's, merged, with `frame-ancestors 'none'`. */
export async function headerPolicy(dist: string): Promise<{ policy: Policy; pages: number; distinct: number }> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const texts: string[] = [];
  let pages = 0;
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const found = metaPolicies(await readFile(join(e.parentPath, e.name), 'utf8'));
    if (found.length === 0) throw new Error(`nginx-csp: ${join(e.parentPath, e.name)} has no Content-Security-Policy <meta> tag`);
    pages++;
    texts.push(...found);
  }
  if (pages === 0) throw new Error(`nginx-csp: no built page in ${dist} (run npm run build first)`);
  const distinct = new Set(texts);
  const policy = mergePolicies([...distinct].map(parsePolicy));
  policy.set('frame-ancestors', ["'none'"]);
  return { policy, pages, distinct: distinct.size };
}

/** The nginx lines: a variable deploy/nginx.conf sends as the header. */
export function nginxSnippet(policy: Policy): string {
  const text = formatPolicy(policy);
  if (/["\\$]/.test(text)) throw new Error(`nginx-csp: the policy has a character nginx would read specially: ${text}`);
  return `# Written by scripts/nginx-csp.ts from the built pages' CSP <meta> tag.\nset $derivable_csp "${text}";\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dist = process.argv[2] ?? 'dist';
  headerPolicy(dist).then(
    ({ policy, pages, distinct }) => {
      process.stdout.write(nginxSnippet(policy));
      process.stderr.write(`nginx-csp: ${pages} pages, ${distinct} distinct ${distinct === 1 ? 'policy' : 'policies (merged)'}\n`);
    },
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
