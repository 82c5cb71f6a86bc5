// index.yaml of a Helm chart repository (the format `helm repo index` writes), built from the
// archives' own Chart.yaml so it always describes what is in them.
import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { readChartArchive } from './archive.ts';

export interface IndexedChart {
  /** file name of the archive inside the repository folder */
  file: string;
  archive: Buffer;
  /** seconds since epoch; the entry's `created` */
  created: number;
}

export interface ChartMetadata {
  name: string;
  version: string;
  [key: string]: unknown;
}

/** When the archive was built: the mtime of its Chart.yaml (our archives carry the build epoch). */
export function archiveCreated(archive: Buffer): number {
  return readChartArchive(archive).find((e) => /^[^/]+\/Chart\.yaml$/.test(e.path))?.mtime ?? 0;
}

export function chartMetadata(archive: Buffer): ChartMetadata {
  const entry = readChartArchive(archive).find((e) => /^[^/]+\/Chart\.yaml$/.test(e.path));
  if (!entry) throw new Error('archive has no <chart>/Chart.yaml');
  const meta = parse(entry.data.toString('utf8')) as ChartMetadata;
  if (!meta?.name || !meta.version) throw new Error(`${entry.path}: name and version are required`);
  return meta;
}

export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Deterministic index: entries by chart name, versions newest first, keys sorted like helm's. */
export function buildIndex(charts: IndexedChart[], baseUrl: string | undefined, generated: number): string {
  const entries: Record<string, Record<string, unknown>[]> = {};
  for (const c of charts) {
    const meta = chartMetadata(c.archive);
    const url = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/${c.file}` : c.file;
    (entries[meta.name] ??= []).push(
      sortKeys({
        ...meta,
        created: rfc3339(c.created),
        digest: createHash('sha256').update(c.archive).digest('hex'),
        urls: [url],
      }),
    );
  }
  for (const list of Object.values(entries)) {
    list.sort((a, b) => compareVersionsDesc(String(a.version), String(b.version)));
  }
  const index = { apiVersion: 'v1', entries: sortKeys(entries), generated: rfc3339(generated) };
  return stringify(index, { lineWidth: 0 });
}

function compareVersionsDesc(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pb = b.split(/[.+-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    // a pre-release (trailing string part) is older than the release it precedes
    if (x === undefined) return typeof y === 'string' ? -1 : 1;
    if (y === undefined) return typeof x === 'string' ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y).localeCompare(String(x));
  }
  return 0;
}
