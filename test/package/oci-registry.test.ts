// The charts pushed to a real OCI registry (CNCF distribution from Debian's docker-registry
// package, on loopback) and rendered back from oci:// with the real helm client of both majors.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helm } from '../../generator/src/helm/run.ts';
import { type PackagedChart, packageCharts } from '../../generator/src/package/build.ts';
import { pushChart } from '../../generator/src/package/push.ts';
import { type HelmHome, tempHelmHome } from '../support/helm-home.ts';
import { type OciRegistry, registryAvailable, registryMissingMessage, startRegistry } from '../support/oci-registry.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { STANDALONE_CHARTS, templateOutcome } from '../support/render-outcome.ts';
import { type ChartsSnapshot, snapshotCharts } from '../support/charts-snapshot.ts';

// In CI a missing registry binary must fail loudly; on a workstation without it, say why and skip.
const inCI = !!process.env.CI && process.env.CI !== 'false';
const runRegistryTests = registryAvailable() || inCI;
if (!runRegistryTests) console.warn(`skipping OCI registry tests: ${registryMissingMessage}`);

describe.runIf(runRegistryTests)('charts in a real OCI registry on loopback', () => {
  let tmp: string;
  let snapshot: ChartsSnapshot;
  let registry: OciRegistry;
  let charts: PackagedChart[];

  beforeAll(async () => {
    registry = await startRegistry(); // throws registryMissingMessage when the binary is absent
    tmp = mkdtempSync(join(tmpdir(), 'matryoshka-oci-'));
    snapshot = snapshotCharts();
    charts = (await packageCharts({ sourceDir: snapshot.dir, outDir: join(tmp, 'repo'), env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } })).charts;
  });
  afterAll(async () => {
    await registry?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    snapshot?.remove();
  });

  describe.each(HELM_MAJORS)('with Helm %i', (major) => {
    let home: HelmHome;
    const path = () => `oci://${registry.host}/helm${major}/charts`;
    const run = async (args: string[]) => {
      const r = await helm(args, { major, env: home.env });
      if (r.exitCode !== 0) throw new Error(`helm ${args.join(' ')} failed:\n${r.stderr}`);
      return String(r.stdout);
    };

    beforeAll(() => {
      home = tempHelmHome();
    });
    afterAll(() => home.remove());

    it('pushes every chart to <ref>/<name>:<version>', async () => {
      for (const c of charts) {
        const pushed = await pushChart(c.path, { ref: path(), plainHttp: true, major, env: home.env });
        expect(pushed.ref).toBe(`${path()}/${c.name}:${c.version}`);
        expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      }
      const tags = (await (await fetch(`http://${registry.host}/v2/helm${major}/charts/kubernetes/tags/list`)).json()) as { tags: string[] };
      expect(tags.tags).toEqual([charts.find((c) => c.chart === 'kubernetes')!.version]);
    });

    it('stores the archive as the Helm chart layer Flux OCIRepository selects, digest = sha256 of the archive', async () => {
      const k = charts.find((c) => c.chart === 'kubernetes')!;
      const res = await fetch(`http://${registry.host}/v2/helm${major}/charts/kubernetes/manifests/${k.version}`, {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
      });
      expect(res.status).toBe(200);
      const manifest = (await res.json()) as { layers: { mediaType: string; digest: string }[] };
      const digest = `sha256:${createHash('sha256').update(readFileSync(k.path)).digest('hex')}`;
      // examples/flux-ocirepository selects this media type
      expect(manifest.layers).toEqual([expect.objectContaining({ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest })]);
    });

    it('renders every chart from oci:// exactly like from ./charts', async () => {
        for (const c of charts) {
        const published = await templateOutcome(['tenant-a', `${path()}/${c.name}`, '--version', c.version, '--namespace', 'tenant-a', '--plain-http'], major, home.env);
        const clone = await templateOutcome(['tenant-a', snapshot.chartDir(c.chart), '--namespace', 'tenant-a'], major);
        // the main charts must render; any chart must behave identically from both places
        if (STANDALONE_CHARTS.includes(c.chart)) expect(clone.ok, clone.ok ? '' : clone.error).toBe(true);
        expect(published).toEqual(clone);
      }
    });

    it('pulls back the very archive that was pushed', async () => {
      const k = charts.find((c) => c.chart === 'kubernetes')!;
      const dest = join(tmp, `pull-${major}`);
      mkdirSync(dest);
      await run(['pull', `${path()}/kubernetes`, '--version', k.version, '--destination', dest, '--plain-http']);
      expect(readFileSync(join(dest, k.file)).equals(readFileSync(k.path))).toBe(true);
    });
  });
});
