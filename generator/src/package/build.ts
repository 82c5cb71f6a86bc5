// `matryoshka package`: every chart under charts/ → <name>-<version>.tgz + index.yaml, byte for
// byte reproducible. helm itself packages (so .helmignore and helm's layout apply exactly); the
// archive is then rewritten with fixed metadata (archive.ts).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { HelmMajor } from '../helm/binary.ts';
import { helm } from '../helm/run.ts';
import { chartsDir, repoRoot } from '../paths.ts';
import { normalizeChartArchive } from './archive.ts';
import { sourceDateEpoch } from './epoch.ts';
import { archiveCreated, buildIndex, chartMetadata, type IndexedChart } from './repo-index.ts';

export interface PackageOptions {
  /** repository folder to write (created if missing) */
  outDir: string;
  /** URL the folder will be served from; index.yaml urls are relative when omitted */
  baseUrl?: string;
  /** charts to package (directory names under the source folder); all when omitted */
  charts?: string[];
  /** folder holding the charts (default: the repository's charts/) */
  sourceDir?: string;
  /** the helm major that packages (archive content is identical for both) */
  major?: HelmMajor;
  env?: NodeJS.ProcessEnv;
  onProgress?: (message: string) => void;
}

export interface PackagedChart {
  chart: string;
  name: string;
  version: string;
  file: string;
  path: string;
  created: number;
}

export interface PackageResult {
  charts: PackagedChart[];
  indexPath: string;
  /** archives index.yaml lists: these charts and any already in the folder */
  indexed: string[];
}

/** Directories under charts/ that are charts (hold a Chart.yaml), sorted. */
export function listCharts(dir = chartsDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'Chart.yaml')))
    .map((d) => d.name)
    .sort();
}

export async function packageCharts(opts: PackageOptions): Promise<PackageResult> {
  const sourceDir = opts.sourceDir ?? chartsDir;
  const names = opts.charts ?? listCharts(sourceDir);
  for (const n of names) {
    if (!existsSync(join(sourceDir, n, 'Chart.yaml'))) throw new Error(`${n} is not a chart (no Chart.yaml); charts: ${listCharts(sourceDir).join(', ')}`);
  }
  mkdirSync(opts.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'matryoshka-package-'));
  const packaged: PackagedChart[] = [];
  try {
    for (const chart of names) {
      const chartDir = join(sourceDir, chart);
      opts.onProgress?.(`helm package ${relative(process.cwd(), chartDir) || chartDir}`);
      const dest = join(work, chart);
      // dependencies are packaged as vendored (charts/*.tgz, `helm dependency build`), never fetched
      // here: a fetch would stamp Chart.lock and the sub-archives with the time of the build
      const r = await helm(['package', chartDir, '--destination', dest], { major: opts.major });
      if (r.exitCode !== 0) throw new Error(`helm package ${chartDir} failed:\n${String(r.stderr).trim()}`);
      const [produced] = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
      if (!produced) throw new Error(`helm package ${chartDir} wrote no archive`);
      const created = sourceDateEpoch(relative(repoRoot, chartDir), opts.env);
      const archive = normalizeChartArchive(readFileSync(join(dest, produced)), created);
      const meta = chartMetadata(archive);
      const file = `${meta.name}-${meta.version}.tgz`;
      writeFileSync(join(opts.outDir, file), archive);
      packaged.push({ chart, name: meta.name, version: meta.version, file, path: join(opts.outDir, file), created });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // the folder is the repository: index every archive in it, so earlier versions stay listed
  const indexed: IndexedChart[] = readdirSync(opts.outDir)
    .filter((f) => f.endsWith('.tgz'))
    .sort()
    .map((file) => {
      const archive = readFileSync(join(opts.outDir, file));
      return { file, archive, created: archiveCreated(archive) };
    });
  const generated = Math.max(0, ...indexed.map((c) => c.created));
  const indexPath = join(opts.outDir, 'index.yaml');
  writeFileSync(indexPath, buildIndex(indexed, opts.baseUrl, generated));
  return { charts: packaged, indexPath, indexed: indexed.map((c) => c.file) };
}
