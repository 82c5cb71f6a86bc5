// The published chart repository, consumed the way users do: served over HTTP, `helm repo add`,
// then rendered / dry-run installed from it with the real helm client of both majors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helm } from '../../generator/src/helm/run.ts';
import { objectRef, parseManifests } from '../../generator/src/manifest/parse.ts';
import { listCharts, type PackagedChart, packageCharts } from '../../generator/src/package/build.ts';
import { type HelmHome, tempHelmHome } from '../support/helm-home.ts';
import { type HttpRepo, serveDirectory } from '../support/http-repo.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { STANDALONE_CHARTS, templateOutcome } from '../support/render-outcome.ts';
import { type ChartsSnapshot, snapshotCharts } from '../support/charts-snapshot.ts';

let tmp: string;
let snapshot: ChartsSnapshot;
let repo: HttpRepo;
let charts: PackagedChart[];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'matryoshka-http-repo-'));
  snapshot = snapshotCharts();
  const out = join(tmp, 'repo');
  // the base URL must be known before serving: start on a free port, then package for it
  repo = await serveDirectory(out);
  charts = (await packageCharts({ sourceDir: snapshot.dir, outDir: out, baseUrl: `${repo.url}/`, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } })).charts;
});
afterAll(async () => {
  await repo?.close();
  rmSync(tmp, { recursive: true, force: true });
  snapshot?.remove();
});

describe.each(HELM_MAJORS)('chart repository over HTTP with Helm %i', (major) => {
  let home: HelmHome;
  const run = async (args: string[]) => {
    const r = await helm(args, { major, env: home.env });
    if (r.exitCode !== 0) throw new Error(`helm ${args.join(' ')} failed:\n${r.stderr}`);
    return String(r.stdout);
  };

  beforeAll(async () => {
    home = tempHelmHome();
    await run(['repo', 'add', 'matryoshka', repo.url]);
  });
  afterAll(() => home.remove());

  it('lists every packaged chart at its version in `helm search repo`', async () => {
    const found = JSON.parse(await run(['search', 'repo', 'matryoshka/', '--output', 'json'])) as { name: string; version: string }[];
    expect(found.map((f) => `${f.name}@${f.version}`).sort()).toEqual(charts.map((c) => `matryoshka/${c.name}@${c.version}`).sort());
    expect(charts.map((c) => c.chart)).toEqual(listCharts(snapshot.dir));
  });

  it('renders every chart from the repository exactly like from ./charts', async () => {
    for (const c of charts) {
      const published = await templateOutcome(['tenant-a', `matryoshka/${c.name}`, '--version', c.version, '--namespace', 'tenant-a'], major, home.env);
      const clone = await templateOutcome(['tenant-a', snapshot.chartDir(c.chart), '--namespace', 'tenant-a'], major);
      // the main charts must render; any chart must behave identically from both places
      if (STANDALONE_CHARTS.includes(c.chart)) expect(clone.ok, clone.ok ? '' : clone.error).toBe(true);
      expect(published).toEqual(clone);
    }
    expect(repo.requests).toEqual(expect.arrayContaining(['/index.yaml', ...charts.map((c) => `/${c.file}`)]));
  });

  it('shows the chart metadata of the published kubernetes chart', async () => {
    const k = charts.find((c) => c.chart === 'kubernetes')!;
    const meta = parse(await run(['show', 'chart', 'matryoshka/kubernetes', '--version', k.version])) as { name: string; version: string; apiVersion: string };
    expect(meta).toMatchObject({ name: 'kubernetes', version: k.version, apiVersion: 'v2' });
  });

  // Helm 3.17 still contacts the cluster for --dry-run=client (helm/helm#13144, fixed in Helm 4),
  // so the dry-run install runs with Helm 4; `helm template` above is Helm 3's client-only install.
  if (major === 4) it('installs the tenant chart from the repository with --dry-run=client', async () => {
    const k = charts.find((c) => c.chart === 'kubernetes')!;
    const out = await run(['install', 'tenant-a', 'matryoshka/kubernetes', '--version', k.version, '--namespace', 'tenant-a', '--dry-run=client']);
    expect(out).toMatch(/^STATUS: pending-install$/m);
    // hooks and manifest, the objects an install would create, in install order
    const objects = out.slice(out.indexOf('HOOKS:') + 'HOOKS:'.length, out.includes('NOTES:') ? out.indexOf('NOTES:') : undefined).replace(/^MANIFEST:$/m, '');
    // `install` has no --api-versions: the reference render gets none either
    const reference = await templateOutcome(['tenant-a', snapshot.chartDir('kubernetes'), '--namespace', 'tenant-a'], major, undefined, { apis: false });
    if (!reference.ok) throw new Error(reference.error);
    const byRef = (docs: ReturnType<typeof parseManifests>) => docs.map((d) => d.object).sort((a, b) => objectRef(a).localeCompare(objectRef(b)));
    expect(byRef(parseManifests(objects))).toEqual(byRef(reference.docs));
    expect(reference.docs.length).toBeGreaterThan(0);
  });
});
