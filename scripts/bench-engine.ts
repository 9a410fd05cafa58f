/**
 * `npm run bench`: figures, not a test. Over the case table: our engine vs
 * raw nerdamer `simplify(a-b)` vs mathjs `symbolicEqual`, correct / wrong /
 * unproven and latency; cold start of check(); and our engine run with
 * nerdamer 1.1.13 instead of nerdamer-prime.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { checkSync } from '../src/verify/core';
import { DEFAULTS, check, shutdown } from '../src/verify/index';
import { clearEvaluationCache } from '../src/verify/numeric';
import { availableParallelism, loadavg } from 'node:os';

/** Measured passes over the table (a case's time is its median); the machine may be shared. */
const PASSES = Number(process.env.BENCH_PASSES ?? 3);
import { defaultCas, type Cas } from '../src/verify/cas/nerdamer';
import { readLatex } from '../src/verify/cas/latex-default';
import type { Relation, Status, VariableDecl } from '../src/verify/types';

interface Case {
  category: string;
  prev: string;
  next: string;
  truth: Status;
  relation?: Relation;
  variables?: VariableDecl[];
}
const cases: Case[] = JSON.parse(readFileSync(new URL('../tests/unit/verify/cases.json', import.meta.url), 'utf8')).cases;
// Raw engines only compare two expressions: use the equal-type cases without matrices or equations.
const simple = cases
  .filter((c) => !c.relation || c.relation.kind === 'equal' || c.relation.kind === 'probability')
  .filter(
    (c) =>
      !c.prev.includes('=') &&
      !c.next.includes('=') &&
      !c.prev.includes('\\') &&
      !/transpose|inv|det|\[/.test(c.prev + c.next) &&
      (c.truth === 'verified' || c.truth === 'refuted'),
  );

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};
type Tally = { correct: number; wrong: number; unproven: number; ms: number[] };
const tally = (): Tally => ({ correct: 0, wrong: 0, unproven: 0, ms: [] });
function score(t: Tally, truth: Status, got: 'verified' | 'refuted' | 'unproven' | 'error', ms: number) {
  t.ms.push(ms);
  if (got === truth) t.correct++;
  else if (got === 'verified' || got === 'refuted') t.wrong++;
  else if (got === 'error' && truth !== 'error') t.unproven++;
  else t.unproven++;
}
const row = (name: string, n: number, t: Tally) =>
  `| ${name.padEnd(34)} | ${String(n).padStart(5)} | ${String(t.correct).padStart(7)} | ${String(t.wrong).padStart(5)} | ${String(t.unproven).padStart(8)} | ${pct(t.ms, 0.5).toFixed(1).padStart(6)} | ${pct(t.ms, 0.95).toFixed(1).padStart(6)} | ${Math.max(
    ...t.ms,
  )
    .toFixed(0)
    .padStart(6)} |`;

/**
 * Our engine, in-thread. `passes` measured passes, each after clearing the
 * per-thread cache of transcendental values (so a pass cannot reuse the
 * previous pass's sin/log values); a case's time is its median over the passes.
 * Verdicts must be identical in every pass.
 */
function runOurs(list: Case[], cas: Cas, passes = 1): Tally & { overLimit: number; cpu: number[] } {
  const times: number[][] = list.map(() => []);
  const cpus: number[][] = list.map(() => []);
  let statuses: Status[] | undefined;
  let overLimit = 0;
  for (let p = 0; p < passes; p++) {
    clearEvaluationCache();
    const got: Status[] = [];
    list.forEach((c, i) => {
      const s = performance.now();
      const cpu0 = process.cpuUsage();
      const r = checkSync(
        { prev: c.prev, next: c.next, relation: c.relation ?? { kind: 'equal' }, variables: c.variables ?? [] },
        undefined,
        { cas, readLatex },
      );
      const ms = performance.now() - s;
      const cpu = process.cpuUsage(cpu0);
      cpus[i]!.push((cpu.user + cpu.system) / 1000);
      if (ms > DEFAULTS.timeLimitMs) overLimit++;
      times[i]!.push(ms);
      got.push(r.status);
    });
    if (statuses && statuses.some((st, i) => st !== got[i])) throw new Error('verdicts differ between passes');
    statuses = got;
  }
  const t = tally();
  list.forEach((c, i) => score(t, c.truth, statuses![i]!, pct(times[i]!, 0.5)));
  return { ...t, overLimit, cpu: cpus.map((x) => pct(x, 0.5)) };
}

async function main() {
  // Cold start: first check() spawns a worker (loads tsx, mathjs, nerdamer-prime, compute-engine).
  let s = performance.now();
  await check({ prev: 'x', next: 'x', relation: { kind: 'equal' } });
  const cold = performance.now() - s;
  s = performance.now();
  await check({ prev: '(x+1)^2', next: 'x^2+2x+1', relation: { kind: 'equal' } });
  const warmWorker = performance.now() - s;

  const prime = defaultCas();
  const load0 = loadavg()[0]!;
  runOurs(cases, prime); // warm up: JIT, lazily created mathjs functions, nerdamer
  const ours = runOurs(cases, prime, PASSES);
  // nerdamer 1.1.13 has no time limit of its own; run it in a worker with a hard 5 s limit per case.
  const oursOld = await runInWorkerWithLimit(cases);

  const rawPrime = tally();
  const mathjs = tally();
  const { create, all } = await import('mathjs');
  const m = create(all!);
  for (const c of simple) {
    let t0 = performance.now();
    score(rawPrime, c.truth, prime.rawSimplifyZero(c.prev, c.next, 5000) ? 'verified' : 'refuted', performance.now() - t0);
    t0 = performance.now();
    let eq: boolean;
    try {
      eq = m.symbolicEqual(m.parse(c.prev), m.parse(c.next)) as boolean;
    } catch {
      eq = false;
    }
    score(mathjs, c.truth, eq ? 'verified' : 'refuted', performance.now() - t0);
  }
  const head = `| engine                             | cases | correct | wrong | unproven | median |    p95 |    max |\n|---|---|---|---|---|---|---|---|`;
  console.log(
    `cold start of check() (worker spawn + libraries): ${cold.toFixed(0)} ms; next check through the worker: ${warmWorker.toFixed(0)} ms`,
  );
  console.log(
    `load average (1 min) at start ${load0.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)}, on ${availableParallelism()} cores; checks past timeLimitMs: ${ours.overLimit}\n`,
  );
  console.log(`All cases (ms per check, warm, in-thread core; ours: median of ${PASSES} passes per case):`);
  console.log(head);
  console.log(row('ours (nerdamer-prime)', cases.length, ours));
  console.log(row('ours with nerdamer 1.1.13', cases.length, oursOld));
  // CPU time of this process per check (the pool's workers are idle meanwhile): less sensitive
  // than wall-clock time to other jobs on a shared machine.
  console.log(
    `ours, CPU time per check instead of wall-clock: median ${pct(ours.cpu, 0.5).toFixed(1)} ms, p95 ${pct(ours.cpu, 0.95).toFixed(1)} ms`,
  );
  console.log(`\nTwo-expression cases only (${simple.length}; raw engines cannot do the rest). "false" counted as refuted:`);
  console.log(head);
  console.log(row('ours (nerdamer-prime)', simple.length, runOurs(simple, prime, PASSES)));
  console.log(row('raw nerdamer-prime simplify(a-b)=0', simple.length, rawPrime));
  console.log(row('mathjs symbolicEqual', simple.length, mathjs));
  await shutdown();
}

/** Our engine with nerdamer 1.1.13, one case at a time in a worker that is killed after 5 s. */
async function runInWorkerWithLimit(list: Case[]): Promise<Tally> {
  const t = tally();
  const code = `
    import { register } from ${JSON.stringify(new URL('../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url).href)}; register();
    const { parentPort } = await import('node:worker_threads');
    const { checkSync } = await import(${JSON.stringify(new URL('../src/verify/core.ts', import.meta.url).href)});
    const { createNerdamerCas } = await import(${JSON.stringify(new URL('../src/verify/cas/nerdamer.ts', import.meta.url).href)});
    const { readLatex } = await import(${JSON.stringify(new URL('../src/verify/cas/latex-default.ts', import.meta.url).href)});
    const n = (await import(${JSON.stringify(new URL('../node_modules/nerdamer/all.js', import.meta.url).href)})).default;
    const cas = createNerdamerCas('nerdamer', n);
    parentPort.on('message', (c) => { const s = performance.now(); const r = checkSync({ prev: c.prev, next: c.next, relation: c.relation ?? { kind: 'equal' }, variables: c.variables ?? [] }, undefined, { cas, readLatex }); parentPort.postMessage({ status: r.status, ms: performance.now() - s }); });
    parentPort.postMessage('ready');`;
  const spawn = () =>
    new Promise<Worker>((res) => {
      const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
      w.once('message', () => res(w));
    });
  let w = await spawn();
  for (const c of list) {
    const r = await new Promise<{ status: Status; ms: number } | undefined>((res) => {
      const timer = setTimeout(() => res(undefined), 5000);
      w.once('message', (m) => {
        clearTimeout(timer);
        res(m);
      });
      w.postMessage({
        prev: c.prev,
        next: c.next,
        relation: c.relation && c.relation.kind !== 'simulation' ? c.relation : undefined,
        variables: c.variables,
      });
    });
    if (!r) {
      score(t, c.truth, 'unproven', 5000);
      await w.terminate();
      w = await spawn();
    } else score(t, c.truth, r.status, r.ms);
  }
  await w.terminate();
  return t;
}

await main();
