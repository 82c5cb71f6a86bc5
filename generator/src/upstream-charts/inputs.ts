// Where the upstream release manifest of a generated chart comes from. Regenerating from the reference
// inputs (`generate --inputs <dir>`, the project's CI and maintainers), the newest
// `upstream/<folder>-v<version>/<file>` of that folder is read, and its bytes are written, under a header
// recording version, path and SHA-256, to `schemas/<chart>/upstream/<file>`. Every other time (a clone has
// no inputs folder, and tests never read it) that committed copy is the source, checked against its hash.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { UpstreamChart } from './model.ts';
import { UpstreamChartError } from './model.ts';
import { generatedHeader } from '../generate/generated-mark.ts';

export interface UpstreamManifest {
  /** upstream version, e.g. v1.8.4 */
  version: string;
  /** path inside the reference inputs, e.g. upstream/kubevirt-operator-v1.8.4/kubevirt-operator.yaml */
  inputPath: string;
  /** the release manifest's bytes as text */
  text: string;
  /** SHA-256 of those bytes */
  sha256: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `v1.8.4` → [1, 8, 4]; undefined for anything else (prereleases are not picked up). */
function versionParts(version: string): number[] | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return m ? m.slice(1).map(Number) : undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The newest release manifest of `def` in a reference inputs folder (its `upstream/` subfolder). */
export function readNewestInput(inputsDir: string, def: UpstreamChart): UpstreamManifest {
  const upstreamDir = join(inputsDir, 'upstream');
  if (!existsSync(upstreamDir)) throw new UpstreamChartError(`${upstreamDir} does not exist: the reference inputs hold upstream/${def.upstream.folder}-v<version>/${def.upstream.file}`);
  const prefix = `${def.upstream.folder}-`;
  const candidates = readdirSync(upstreamDir)
    .filter((d) => d.startsWith(prefix) && statSync(join(upstreamDir, d)).isDirectory())
    .map((d) => ({ dir: d, version: d.slice(prefix.length), parts: versionParts(d.slice(prefix.length)) }))
    .filter((c): c is typeof c & { parts: number[] } => c.parts !== undefined)
    .sort((a, b) => compareVersions(b.parts, a.parts));
  const newest = candidates[0];
  if (!newest) throw new UpstreamChartError(`no ${prefix}v<major>.<minor>.<patch> folder in ${upstreamDir} (${def.file} names ${def.upstream.folder})`);
  const inputPath = `upstream/${newest.dir}/${def.upstream.file}`;
  const file = join(inputsDir, inputPath);
  if (!existsSync(file)) throw new UpstreamChartError(`${file} does not exist (${def.file}: upstream.file is ${def.upstream.file})`);
  const text = readFileSync(file, 'utf8');
  return { version: newest.version, inputPath, text, sha256: sha256(text) };
}

/** Repository-relative path of the committed copy of a chart's release manifest. */
export function copyPath(def: UpstreamChart): string {
  return `schemas/${def.chart}/upstream/${def.upstream.file}`;
}

const MARKER = '# ---- upstream bytes follow, unchanged ----';

/** The committed copy: a header naming the source, then the manifest's bytes unchanged. */
export function renderCopy(m: UpstreamManifest, def: UpstreamChart): string {
  const header = [
    `# ${generatedHeader(`${m.inputPath} of the reference inputs`)}`,
    `# The ${def.upstream.name} ${m.version} release manifest (${def.upstream.releaseUrl.replace('{version}', m.version)},`,
    `# ${def.upstream.licence}), copied byte for byte below the marker line: charts/${def.chart} is generated from it.`,
    `# version: ${m.version}`,
    `# input: ${m.inputPath}`,
    `# sha256: ${m.sha256}`,
    MARKER,
  ];
  return `${header.join('\n')}\n${m.text}`;
}

/** Reads a committed copy back, checking the bytes against the SHA-256 its header records. */
export function parseCopy(content: string, label: string): UpstreamManifest {
  const at = content.indexOf(`\n${MARKER}\n`);
  if (at < 0) throw new UpstreamChartError(`${label}: no "${MARKER}" line; regenerate it with \`npm run generate -- --inputs <dir>\``);
  const header = content.slice(0, at);
  const field = (name: string) => new RegExp(`^# ${name}: (\\S+)$`, 'm').exec(header)?.[1];
  const [version, inputPath, recorded] = [field('version'), field('input'), field('sha256')];
  if (!version || !inputPath || !recorded) throw new UpstreamChartError(`${label}: the header must record version, input and sha256`);
  const text = content.slice(at + MARKER.length + 2);
  const actual = sha256(text);
  if (actual !== recorded) throw new UpstreamChartError(`${label}: the manifest below the header has SHA-256 ${actual}, the header records ${recorded}; it was edited by hand — restore it or regenerate from the inputs`);
  return { version, inputPath, text, sha256: recorded };
}

/** The committed copy of `def`'s manifest (repository root `root`). */
export function readCommittedCopy(root: string, def: UpstreamChart): UpstreamManifest {
  const path = join(root, copyPath(def));
  if (!existsSync(path)) {
    throw new UpstreamChartError(`${copyPath(def)} does not exist: generate it once from the reference inputs (\`npm run generate -- --inputs <dir>\`)`);
  }
  return parseCopy(readFileSync(path, 'utf8'), copyPath(def));
}
