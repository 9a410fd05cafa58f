import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPolicy, headerPolicy, mergePolicies, metaPolicies, nginxSnippet, parsePolicy } from '../../../scripts/nginx-csp';

const page = (policy: string) => `<html><head><meta http-equiv="content-security-policy" content="${policy}"></head></html>`;

function site(pages: Record<string, string>): string {
  const dist = mkdtempSync(join(tmpdir(), 'dv-csp-'));
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), html);
  }
  return dist;
}

describe('the nginx CSP header, read from the built pages', () => {
  it('is the pages’ policy, directive for directive, with frame-ancestors none', async () => {
    const policy = "default-src 'self';img-src 'self' data:; script-src 'self' 'sha256-a='";
    const { policy: header, pages, distinct } = await headerPolicy(site({ 'index.html': page(policy), 'a/index.html': page(policy) }));
    expect([pages, distinct]).toEqual([2, 1]);
    expect(formatPolicy(header)).toBe("default-src 'self'; img-src 'self' data:; script-src 'self' 'sha256-a='; frame-ancestors 'none'");
  });

  it('merges differing pages by the union of their sources', () => {
    const merged = mergePolicies([
      parsePolicy("script-src 'self' 'sha256-a='"),
      parsePolicy("script-src 'self' 'sha256-b='; img-src data:"),
    ]);
    expect(formatPolicy(merged)).toBe("script-src 'self' 'sha256-a=' 'sha256-b='; img-src data:");
  });

  it('decodes the attribute and writes an nginx variable', () => {
    expect(metaPolicies(page('default-src &#39;self&#39;'))).toEqual(["default-src 'self'"]);
    expect(nginxSnippet(parsePolicy("default-src 'self'"))).toContain(`set $derivable_csp "default-src 'self'";`);
    expect(() => nginxSnippet(parsePolicy('default-src "x"'))).toThrow(/nginx would read specially/);
  });

  it('refuses a page without a policy, and a folder without pages, saying which', async () => {
    await expect(headerPolicy(site({ 'index.html': '<html></html>' }))).rejects.toThrow(/index\.html has no Content-Security-Policy/);
    await expect(headerPolicy(site({ 'x.txt': '' }))).rejects.toThrow(/no built page/);
  });
});
