// Makes a chart archive reproducible: same files in, same bytes out. `helm package` stamps every
// entry with the file's mtime and the gzip header with the packaging time; we keep helm's layout
// and entry order (`<chart>/Chart.yaml`, values, templates, files) and fix everything else.
import { gunzipSync, gzipSync } from 'node:zlib';
import { readTar, type TarEntry, writeTar } from './tar.ts';

export function readChartArchive(tgz: Buffer): TarEntry[] {
  return readTar(gunzipSync(tgz));
}

/** Rewrites a helm chart archive with a fixed mtime (seconds since epoch), mode 0644, uid/gid 0. */
export function normalizeChartArchive(tgz: Buffer, mtime: number): Buffer {
  return writeChartArchive(readChartArchive(tgz), mtime);
}

export function writeChartArchive(entries: TarEntry[], mtime: number): Buffer {
  // node's gzip header carries no name and mtime 0; level fixed so output does not depend on defaults
  return gzipSync(writeTar(entries, mtime), { level: 9 });
}
