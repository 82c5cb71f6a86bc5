// Render snapshots to guard a behaviour-preserving refactor of the charts: every chart with its
// defaults, every scenario (test/scenarios/<chart>/*.yaml), every invalid values file
// (test/invalid/<chart>/*.yaml, whose error message is kept instead), the platform's stage values and
// random valid samples, with both Helm majors.
//
//   npm run snapshot -- --out DIR        write the renders to DIR (take this before the refactor)
//   npm run snapshot -- --compare DIR    render again and list every case whose output differs
//   --charts DIR                         render the charts in DIR instead (e.g. a copy of charts/ from before)
//   --samples N                          random valid values per chart with a property profile (default 20),
//                                        kept with the renders so a compare renders the same values
//
// A difference is then looked at with `matryoshka plan --chart <old copy> --to-chart <chart>`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { HELM_MAJORS } from '../generator/src/helm/binary.ts';
import { HelmError, helmTemplate } from '../generator/src/helm/run.ts';
import { chartsDir, repoRoot } from '../generator/src/paths.ts';
import { PROFILES } from '../test/property/profiles/index.ts';
import { validSample } from '../test/support/fuzz/property.ts';

interface Case {
  chart: string;
  name: string;
  valuesFiles: string[];
  /** release and namespace (default tenant-a) and served APIs of a property sample */
  release?: string;
  namespace?: string;
  apiVersions?: string[];
}

const yamlFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : []);

/** Values files derived from test inputs (invalid cases, the platform's stage values). */
const valuesDir = mkdtempSync(join(tmpdir(), 'matryoshka-snapshot-values-'));

function cases(): Case[] {
  const out: Case[] = [];
  for (const chart of readdirSync(chartsRoot).sort()) {
    if (!existsSync(join(chartsRoot, chart, 'Chart.yaml'))) continue;
    out.push({ chart, name: 'defaults', valuesFiles: [] });
    const scenarios = join(repoRoot, 'test', 'scenarios', chart);
    for (const f of yamlFiles(scenarios)) out.push({ chart, name: `scenarios-${f.replace(/\.yaml$/, '')}`, valuesFiles: [join(scenarios, f)] });
    // an invalid case is {description, values, expectError}: its values are what is rendered
    const invalid = join(repoRoot, 'test', 'invalid', chart);
    for (const f of yamlFiles(invalid)) {
      const file = join(valuesDir, `invalid-${chart}-${f}`);
      writeFileSync(file, stringify((parse(readFileSync(join(invalid, f), 'utf8')) as { values?: unknown }).values ?? {}));
      out.push({ chart, name: `invalid-${f.replace(/\.yaml$/, '')}`, valuesFiles: [file] });
    }
  }
  return out;
}

const SERVED = ['helm.toolkit.fluxcd.io/v2', 'kubevirt.io/v1', 'cdi.kubevirt.io/v1beta1'];

async function render(c: Case, major: (typeof HELM_MAJORS)[number]): Promise<string> {
  try {
    // the platform's preflight asks the cluster for Flux, KubeVirt and CDI: say they are served
    return await helmTemplate({
      chartDir: join(chartsRoot, c.chart),
      releaseName: c.release ?? 'tenant-a',
      namespace: c.namespace ?? 'tenant-a',
      valuesFiles: c.valuesFiles,
      major,
      apiVersions: c.apiVersions ?? SERVED,
    });
  } catch (err) {
    // helm lists schema violations in random order
    if (err instanceof HelmError) return `# render failed\n${normalizeError(err.message)}\n`;
    throw err;
  }
}

/** Helm lists schema violations, and Helm 4 the names within one, in random order. */
function normalizeError(message: string): string {
  const sortNames = (line: string) => line.replace(/properties ((?:'[^']*'(?:, )?)+) not allowed/, (_m, names: string) => `properties ${names.split(', ').sort().join(', ')} not allowed`);
  return message.split('\n').map(sortNames).sort().join('\n');
}

/**
 * The stages chart is only installed by the platform chart: its cases are the values of every stage
 * HelmRelease in the platform's renders (defaults and scenarios, Helm 4), written to `dir`.
 */
async function stageCases(dir: string): Promise<Case[]> {
  const out: Case[] = [];
  for (const c of cases().filter((x) => x.chart === 'management-platform' && !x.name.startsWith('invalid-'))) {
    const text = await render(c, 4);
    for (const doc of parseAllDocuments(text)) {
      const o = doc.toJS() as { kind?: string; metadata?: { name: string }; spec?: { chart?: { spec?: { chart?: string } }; values?: unknown } } | null;
      if (o?.kind !== 'HelmRelease' || o.spec?.chart?.spec?.chart !== 'management-platform-stages') continue;
      const file = join(dir, `${c.name}-${o.metadata!.name}.yaml`);
      writeFileSync(file, stringify(o.spec.values ?? {}));
      out.push({ chart: 'management-platform-stages', name: `from-platform-${c.name}-${o.metadata!.name}`, valuesFiles: [file] });
    }
  }
  return out;
}

/**
 * Random valid values of each chart with a property profile (test/property/profiles), `count` seeds.
 * They are kept with the renders (<dir>/_samples/<chart>/seed-N.yaml) and a compare renders the kept
 * values again: a sample drawn after the change could differ with the schema, not with the templates.
 */
function sampleCases(dir: string, count: number, from?: string): Case[] {
  const out: Case[] = [];
  for (const profile of PROFILES) {
    const target = join(dir, '_samples', profile.chart);
    mkdirSync(target, { recursive: true });
    for (let seed = 1; seed <= count; seed++) {
      const file = join(target, `seed-${seed}.yaml`);
      const kept = from && join(from, '_samples', profile.chart, `seed-${seed}.yaml`);
      if (kept && existsSync(kept)) writeFileSync(file, readFileSync(kept, 'utf8'));
      else if (!kept) writeFileSync(file, stringify(validSample({ ...profile, sample: { ...profile.sample, optionalProbability: 0.6 } }, seed)));
      else continue; // the saved set has fewer samples
      out.push({ chart: profile.chart, name: `sample-${seed}`, valuesFiles: [file], release: profile.release, namespace: profile.namespace, apiVersions: profile.apiVersions });
    }
  }
  return out;
}

async function renderAll(dir: string, samples: Case[]): Promise<string[]> {
  const written: string[] = [];
  const all = [...cases(), ...(await stageCases(valuesDir)), ...samples];
  const jobs = all.flatMap((c) => HELM_MAJORS.map((major) => ({ c, major })));
  // two at a time: helm is CPU-bound and the machines this runs on are small
  for (let i = 0; i < jobs.length; i += 2) {
    await Promise.all(
      jobs.slice(i, i + 2).map(async ({ c, major }) => {
        const file = join(c.chart, `${c.name}.helm${major}.yaml`);
        mkdirSync(join(dir, c.chart), { recursive: true });
        writeFileSync(join(dir, file), await render(c, major));
        written.push(file);
      }),
    );
  }
  return written.sort();
}

const { values } = parseArgs({ options: { out: { type: 'string' }, compare: { type: 'string' }, charts: { type: 'string' }, samples: { type: 'string', default: '20' } } });
const sampleCount = Number(values.samples);
/** the charts rendered: this repository's, or a copy taken before a refactor (--charts DIR) */
const chartsRoot = values.charts ?? chartsDir;
if (values.out) {
  const files = await renderAll(values.out, sampleCases(values.out, sampleCount));
  console.log(`${files.length} renders written to ${values.out}`);
} else if (values.compare) {
  const fresh = await mkdtemp(join(tmpdir(), 'matryoshka-snapshot-'));
  const files = await renderAll(fresh, sampleCases(fresh, sampleCount, values.compare));
  const read = (d: string, f: string) => (existsSync(join(d, f)) ? readFileSync(join(d, f), 'utf8') : '<missing>');
  const changed = files.filter((f) => read(values.compare!, f) !== read(fresh, f));
  for (const f of changed) console.log(`changed: ${f}`);
  console.log(`${files.length} renders, ${changed.length} changed (new renders in ${fresh})`);
  process.exitCode = changed.length ? 1 : 0;
} else {
  console.error('usage: npm run snapshot -- --out DIR | --compare DIR');
  process.exitCode = 2;
}
