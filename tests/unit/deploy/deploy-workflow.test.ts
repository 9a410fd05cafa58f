import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  environment?: { name: string; url: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = readFileSync('.github/workflows/deploy.yml', 'utf8');
const workflow = parse(text, { strict: true, uniqueKeys: true }) as Workflow;
const { build, deploy } = workflow.jobs;
const action = (job: Job, name: string) => job.steps.find((s) => s.uses?.startsWith(`${name}@`));

describe('the GitHub Pages workflow (.github/workflows/deploy.yml)', () => {
  it('is YAML with a build job and a deploy job that needs it', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['build', 'deploy']);
    expect(workflow.on).toHaveProperty('push');
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(deploy!.needs).toBe('build');
    for (const job of [build!, deploy!]) for (const step of job.steps) expect(step.uses ?? step.run, JSON.stringify(step)).toBeTruthy();
  });

  it('builds with npm install on the Node version package.json pins', () => {
    const pinned = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies.node as string;
    expect(pinned).toMatch(/\d+\.\d+\.\d+/);
    const node = build!.steps.find((s) => s.id === 'node')!;
    expect(node.run).toContain('.devDependencies.node');
    expect(action(build!, 'actions/setup-node')?.with?.['node-version']).toBe('${{ steps.node.outputs.version }}');
    const runs = build!.steps.map((s) => s.run ?? '');
    expect(runs).toContain('npm install --no-audit --no-fund');
    expect(runs.some((r) => /npm ci\b/.test(r))).toBe(false);
    // The version step's shell pipeline gives the pinned version from package.json's text.
    expect(pinned.replace(/^[^0-9]*/, '')).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('builds for the Pages base path and origin, uploads dist/ and deploys it', () => {
    const steps = build!.steps;
    const pages = steps.findIndex((s) => s.uses?.startsWith('actions/configure-pages@'));
    const buildStep = steps.findIndex((s) => s.run === 'npm run build');
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(pages).toBeGreaterThanOrEqual(0);
    expect(steps[pages]!.id).toBe('pages');
    expect(pages < buildStep && buildStep < upload).toBe(true);
    expect(steps[buildStep]!.env).toMatchObject({
      DERIVABLE_BASE: '${{ steps.pages.outputs.base_path }}/',
      DERIVABLE_SITE: '${{ steps.pages.outputs.origin }}',
    });
    expect(steps[upload]!.with).toEqual({ path: 'dist' });
    expect(action(deploy!, 'actions/deploy-pages')?.id).toBe('deployment');
    expect(deploy!.environment).toEqual({ name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' });
  });

  it('the base it builds for is the one astro.config.mjs reads', () => {
    expect(readFileSync('astro.config.mjs', 'utf8')).toMatch(/process\.env\.DERIVABLE_BASE/);
    expect(readFileSync('astro.config.mjs', 'utf8')).toMatch(/process\.env\.DERIVABLE_SITE/);
  });
});
