// `matryoshka package` builds a chart repository whose bytes depend only on the sources.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readChartArchive } from '../../generator/src/package/archive.ts';
import { listCharts, packageCharts } from '../../generator/src/package/build.ts';
import { readTar, writeTar } from '../../generator/src/package/tar.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { STANDALONE_CHARTS, templateOutcome } from '../support/render-outcome.ts';
import { type ChartsSnapshot, snapshotCharts } from '../support/charts-snapshot.ts';

const EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z
const env = { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) };

let tmp: string;
let snapshot: ChartsSnapshot;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'matryoshka-package-test-'));
  snapshot = snapshotCharts();
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  snapshot.remove();
});

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]),
  );
}

describe('packaging the repository charts', () => {
  it('gives byte-identical archives and index.yaml when run twice, with either helm major', async () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    await packageCharts({ outDir: a, sourceDir: snapshot.dir, baseUrl: 'https://charts.example.com', env, major: 4 });
    await new Promise((ok) => setTimeout(ok, 1100)); // a second later: file mtimes differ, archives must not
    await packageCharts({ outDir: b, sourceDir: snapshot.dir, baseUrl: 'https://charts.example.com', env, major: 3 });
    const first = filesOf(a);
    expect(Object.keys(first)).toEqual(['index.yaml', ...listCharts(snapshot.dir).map((c) => `${c}-${chartVersion(c)}.tgz`)].sort());
    expect(filesOf(b)).toEqual(first);
  });

  it('packages every chart under charts/ (including helper charts) into <name>-<version>.tgz', async () => {
    const out = join(tmp, 'all');
    const result = await packageCharts({ outDir: out, sourceDir: snapshot.dir, env });
    expect(result.charts.map((c) => c.file)).toEqual(listCharts(snapshot.dir).map((c) => `${c}-${chartVersion(c)}.tgz`));
    expect(listCharts(snapshot.dir)).toEqual(expect.arrayContaining(['kubernetes', 'management-platform']));
    expect(listCharts(snapshot.dir)).toEqual(listCharts());
  });

  it('writes an index.yaml whose digests, urls and timestamps describe the archives', async () => {
    const out = join(tmp, 'index');
    await packageCharts({ outDir: out, sourceDir: snapshot.dir, baseUrl: 'https://charts.example.com/stable/', env });
    const index = parse(readFileSync(join(out, 'index.yaml'), 'utf8')) as {
      apiVersion: string;
      generated: string;
      entries: Record<string, { name: string; version: string; digest: string; urls: string[]; created: string; apiVersion: string }[]>;
    };
    expect(index.apiVersion).toBe('v1');
    expect(index.generated).toBe('2026-01-01T00:00:00Z');
    expect(Object.keys(index.entries).sort()).toEqual(listCharts(snapshot.dir).map((c) => chartName(c)).sort());
    for (const chart of listCharts(snapshot.dir)) {
      const [entry] = index.entries[chartName(chart)]!;
      const file = `${chartName(chart)}-${chartVersion(chart)}.tgz`;
      expect(entry).toMatchObject({
        name: chartName(chart),
        version: chartVersion(chart),
        apiVersion: 'v2',
        created: '2026-01-01T00:00:00Z',
        urls: [`https://charts.example.com/stable/${file}`],
        digest: createHash('sha256').update(readFileSync(join(out, file))).digest('hex'),
      });
    }
  });

  it('keeps earlier versions already in the folder listed, newest first, with their own created time', async () => {
    const out = join(tmp, 'history');
    const src = join(tmp, 'history-src');
    cpSync(snapshot.chartDir('kubernetes'), join(src, 'kubernetes'), { recursive: true });
    const chartYamlPath = join(src, 'kubernetes', 'Chart.yaml');
    const current = readFileSync(chartYamlPath, 'utf8');
    writeFileSync(chartYamlPath, current.replace(/^version: .*$/m, 'version: 0.0.9'));
    await packageCharts({ outDir: out, sourceDir: src, env: { ...process.env, SOURCE_DATE_EPOCH: '1735689600' } }); // 2025-01-01
    writeFileSync(chartYamlPath, current);
    await packageCharts({ outDir: out, sourceDir: src, env });
    const index = parse(readFileSync(join(out, 'index.yaml'), 'utf8')) as { generated: string; entries: Record<string, { version: string; created: string }[]> };
    expect(index.entries.kubernetes!.map((e) => [e.version, e.created])).toEqual([
      [chartVersion('kubernetes'), '2026-01-01T00:00:00Z'],
      ['0.0.9', '2025-01-01T00:00:00Z'],
    ]);
    expect(index.generated).toBe('2026-01-01T00:00:00Z');
  });

  it('writes relative urls when no base URL is given', async () => {
    const out = join(tmp, 'relative');
    await packageCharts({ outDir: out, sourceDir: snapshot.dir, charts: ['kubernetes'], env });
    const index = parse(readFileSync(join(out, 'index.yaml'), 'utf8')) as { entries: Record<string, { urls: string[] }[]> };
    expect(index.entries.kubernetes![0]!.urls).toEqual([`kubernetes-${chartVersion('kubernetes')}.tgz`]);
  });

  it('lays archives out as helm does (<chart>/...), with fixed mtime, mode and owner', async () => {
    const out = join(tmp, 'layout');
    await packageCharts({ outDir: out, sourceDir: snapshot.dir, charts: ['kubernetes'], env });
    const tgz = readFileSync(join(out, `kubernetes-${chartVersion('kubernetes')}.tgz`));
    expect(tgz.readUInt32LE(4)).toBe(0); // gzip header mtime
    const tar = gunzipSync(tgz);
    const entries = readChartArchive(tgz);
    expect(entries[0]!.path).toBe('kubernetes/Chart.yaml');
    expect(entries.every((e) => e.path.startsWith('kubernetes/'))).toBe(true);
    expect(entries.map((e) => e.path)).toEqual(expect.arrayContaining(['kubernetes/values.yaml', 'kubernetes/values.schema.json', 'kubernetes/templates/_helpers.tpl']));
    // every header: mode 0644, uid/gid 0, mtime = SOURCE_DATE_EPOCH
    let pos = 0;
    for (const e of entries) {
      const header = tar.subarray(pos, pos + 512);
      expect(header.subarray(100, 107).toString('ascii')).toBe('0000644');
      expect(parseInt(header.subarray(108, 115).toString('ascii'), 8)).toBe(0);
      expect(parseInt(header.subarray(116, 123).toString('ascii'), 8)).toBe(0);
      expect(parseInt(header.subarray(136, 147).toString('ascii'), 8)).toBe(EPOCH);
      pos += 512 + Math.ceil(e.data.length / 512) * 512;
    }
  });

  describe.each(HELM_MAJORS)('with Helm %i', (major) => {
    it('renders every packaged chart exactly like ./charts/kubernetes', async () => {
      const out = join(tmp, `render-${major}`);
      const result = await packageCharts({ outDir: out, sourceDir: snapshot.dir, env });
      for (const c of result.charts) {
        const fromArchive = await templateOutcome(['tenant-a', c.path, '--namespace', 'tenant-a'], major);
        const fromClone = await templateOutcome(['tenant-a', snapshot.chartDir(c.chart), '--namespace', 'tenant-a'], major);
        if (STANDALONE_CHARTS.includes(c.chart)) expect(fromClone.ok, fromClone.ok ? '' : fromClone.error).toBe(true);
        expect(fromArchive).toEqual(fromClone);
      }
    });
  });
});

describe('packaging a chart with ignored and deeply nested files', () => {
  it('leaves out what .helmignore lists and keeps paths longer than 100 characters', async () => {
    const src = join(tmp, 'src');
    cpSync(snapshot.chartDir('kubernetes'), join(src, 'demo'), { recursive: true });
    writeFileSync(join(src, 'demo', 'Chart.yaml'), readFileSync(join(src, 'demo', 'Chart.yaml'), 'utf8').replace(/^name: .*$/m, 'name: demo'));
    writeFileSync(join(src, 'demo', 'scratch.tmp'), 'ignored by .helmignore');
    const deep = join(src, 'demo', 'files', 'a-rather-long-directory-name-for-testing', 'and-another-long-directory-name');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'a-file-with-a-long-name.txt'), 'kept');
    const out = join(tmp, 'demo-out');
    const [packaged] = (await packageCharts({ outDir: out, sourceDir: src, env })).charts;
    const paths = readChartArchive(readFileSync(packaged!.path)).map((e) => e.path);
    expect(paths).not.toContain('demo/scratch.tmp');
    const long = 'demo/files/a-rather-long-directory-name-for-testing/and-another-long-directory-name/a-file-with-a-long-name.txt';
    expect(long.length).toBeGreaterThan(100);
    expect(paths).toContain(long);
    const again = join(tmp, 'demo-out-2');
    await packageCharts({ outDir: again, sourceDir: src, env });
    expect(filesOf(again)).toEqual(filesOf(out));
  });
});

describe('tar writer', () => {
  it('round-trips entries, including long paths, through the reader', () => {
    const entries = [
      { path: 'c/Chart.yaml', data: Buffer.from('name: c\n') },
      { path: `c/${'x'.repeat(120)}/f.txt`, data: Buffer.alloc(1000, 7) },
      { path: 'c/empty', data: Buffer.alloc(0) },
    ];
    expect(readTar(writeTar(entries, 42))).toEqual(entries.map((e) => ({ ...e, mtime: 42 })));
  });
});

function chartYaml(chart: string): { name: string; version: string } {
  return parse(readFileSync(join(snapshot.dir, chart, 'Chart.yaml'), 'utf8')) as { name: string; version: string };
}
function chartName(chart: string) {
  return chartYaml(chart).name;
}
function chartVersion(chart: string) {
  return chartYaml(chart).version;
}
