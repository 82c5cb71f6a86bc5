// The full property run (not part of `npm test`): per chart and Helm major, VALID random
// schema-valid values must render and validate, INVALID random invalid values must be
// rejected naming the key, HOSTILE samples with hostile strings in every free-text slot must render
// the same objects with every string verbatim. Prints counts, writes bench-results/fuzz.json, exits 1
// on any failure.
//   npm run fuzz [-- --valid 500 --invalid 200 --hostile 200 --seed 1 --chart kubernetes]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HELM_MAJORS } from '../generator/src/helm/binary.ts';
import { repoRoot } from '../generator/src/paths.ts';
import { checkHostile, type HostileResult } from '../test/support/fuzz/hostile.ts';
import { type CaseResult, checkInvalid, checkValid } from '../test/support/fuzz/property.ts';
import { PROFILES } from '../test/property/profiles/index.ts';

const { values: args } = parseArgs({
  options: {
    valid: { type: 'string', default: '500' },
    invalid: { type: 'string', default: '200' },
    hostile: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    chart: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
  },
});
const first = Number(args.seed);
const concurrency = Number(args.concurrency);

async function pool<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

const summary: Record<string, unknown>[] = [];
let failed = 0;
for (const profile of PROFILES.filter((p) => !args.chart || p.chart === args.chart)) {
  for (const major of HELM_MAJORS) {
    const started = performance.now();
    const valid = await pool(Number(args.valid), (i) => checkValid(profile, first + i, major).catch((e: Error): CaseResult => ({ seed: first + i, ok: false, values: {}, detail: e.message })));
    const invalid = await pool(Number(args.invalid), (i) => checkInvalid(profile, first + i, major).catch((e: Error): CaseResult => ({ seed: first + i, ok: false, values: {}, detail: e.message })));
    const hostile = await pool(Number(args.hostile), (i) =>
      checkHostile(profile, first + i, major).catch((e: Error): HostileResult => ({ seed: first + i, ok: false, slots: 0, rendered: 0, values: {}, detail: e.message })),
    );
    const failures = [...valid, ...invalid, ...hostile].filter((r) => !r.ok);
    failed += failures.length;
    const byMutation: Record<string, number> = {};
    for (const r of invalid) byMutation[r.mutation ?? 'error'] = (byMutation[r.mutation ?? 'error'] ?? 0) + 1;
    const row = {
      chart: profile.chart,
      helm: major,
      valid: valid.length,
      validPassed: valid.filter((r) => r.ok).length,
      objectsValidated: valid.reduce((n, r) => n + (r.objects ?? 0), 0),
      invalid: invalid.length,
      invalidRejected: invalid.filter((r) => r.ok).length,
      mutations: byMutation,
      hostile: hostile.length,
      hostilePassed: hostile.filter((r) => r.ok).length,
      hostileSlotsRendered: hostile.reduce((n, r) => n + r.rendered, 0),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    summary.push(row);
    console.log(
      `${profile.chart.padEnd(20)} helm ${major}  valid ${row.validPassed}/${row.valid} (${row.objectsValidated} objects)  invalid rejected ${row.invalidRejected}/${row.invalid} ${JSON.stringify(byMutation)}  hostile ${row.hostilePassed}/${row.hostile} (${row.hostileSlotsRendered} slots)  ${row.seconds}s`,
    );
    for (const f of failures.slice(0, 5)) console.log(`  seed ${f.seed}: ${f.detail?.split('\n').slice(0, 4).join(' | ')}`);
  }
}
mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench-results', 'fuzz.json'), `${JSON.stringify({ firstSeed: first, summary }, null, 2)}\n`);
console.log(failed === 0 ? 'all property checks passed' : `${failed} property check(s) failed`);
process.exitCode = failed === 0 ? 0 : 1;
