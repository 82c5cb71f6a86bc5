// `npm run bench [-- <name filter>…]`: runs every case in scripts/bench/*.ts (files starting with
// `_` are helpers), prints a table and writes the results as JSON to bench-results/ (ignored).
// Adding a case = adding a file that exports `bench: BenchCase` (see scripts/bench/_case.ts).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase } from './bench/_case.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');

interface Result {
  name: string;
  description: string;
  unit: string;
  items: number;
  /** first (cold) run, including one-time costs such as schema compilation */
  coldMs: number;
  runsMs: number[];
  medianMs: number;
  minMs: number;
  perSecond: number;
  targetMs?: number;
  meetsTarget?: boolean;
  figures?: Record<string, number>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function loadCases(filters: string[]): Promise<BenchCase[]> {
  const dir = join(here, 'bench');
  const cases: BenchCase[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && !x.startsWith('_')).sort()) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { bench?: BenchCase; benches?: BenchCase[] };
    const found = [...(mod.bench ? [mod.bench] : []), ...(mod.benches ?? [])];
    if (found.length === 0) throw new Error(`scripts/bench/${f} exports neither \`bench\` nor \`benches\``);
    cases.push(...found.filter((c) => filters.length === 0 || filters.some((flt) => c.name.includes(flt))));
  }
  return cases;
}

function meets(c: BenchCase, medianMs: number, figures: Record<string, number> | undefined): boolean {
  const timeOk = c.targetMs === undefined || medianMs <= c.targetMs;
  const figuresOk = Object.entries(c.figureTargets ?? {}).every(([k, max]) => (figures?.[k] ?? Infinity) <= max);
  return timeOk && figuresOk;
}

async function runCase(c: BenchCase): Promise<Result> {
  const ctx = await c.setup?.();
  let t = performance.now();
  const first = await c.run(ctx);
  const coldMs = performance.now() - t;
  const runsMs: number[] = [];
  for (let i = 0; i < (c.iterations ?? 5); i++) {
    t = performance.now();
    await c.run(ctx);
    runsMs.push(performance.now() - t);
  }
  const medianMs = median(runsMs);
  return {
    name: c.name,
    description: c.description,
    unit: c.unit,
    items: first.items,
    coldMs: Math.round(coldMs),
    runsMs: runsMs.map((x) => Math.round(x * 10) / 10),
    medianMs: Math.round(medianMs * 10) / 10,
    minMs: Math.round(Math.min(...runsMs) * 10) / 10,
    perSecond: Math.round((first.items / medianMs) * 1000),
    ...(c.targetMs !== undefined || c.figureTargets ? { meetsTarget: meets(c, medianMs, first.figures) } : {}),
    ...(c.targetMs !== undefined ? { targetMs: c.targetMs } : {}),
    ...(first.figures ? { figures: first.figures } : {}),
  };
}

function table(results: Result[]): string {
  const head = ['case', 'items', 'cold ms', 'median ms', 'min ms', 'per second', 'target'];
  const rows = results.map((r) => [r.name, `${r.items} ${r.unit}`, String(r.coldMs), String(r.medianMs), String(r.minMs), r.perSecond.toLocaleString('en-US'), r.meetsTarget === undefined ? '' : `${r.meetsTarget ? 'ok' : 'MISSED'}${r.targetMs === undefined ? ' (figures)' : ` (< ${r.targetMs} ms)`}`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const cases = await loadCases(process.argv.slice(2));
  if (cases.length === 0) {
    console.error('no bench case matched');
    return 2;
  }
  const results: Result[] = [];
  for (const c of cases) {
    process.stderr.write(`› ${c.name}: ${c.description}\n`);
    results.push(await runCase(c));
  }
  console.log(table(results));
  for (const r of results.filter((x) => x.figures)) {
    console.log(`\n${r.name}:`);
    for (const [k, v] of Object.entries(r.figures!)) console.log(`  ${k.padEnd(58)} ${v}`);
  }
  const outDir = join(repoRoot, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const doc = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), results };
  writeFileSync(join(outDir, `bench-${stamp}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`\nresults: bench-results/bench-${stamp}.json`);
  return results.some((r) => r.meetsTarget === false) ? 1 : 0;
}

process.exitCode = await main();
