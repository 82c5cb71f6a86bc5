// Builds a schema folder in kubeconform layout from loaded inputs (inputs.ts): CRD manifests converted to
// strict JSON Schema (<group>/<kind>_<version>.json), kinds derived from an OpenAPI document (same
// layout), the strict core-kind schemas (<kind>[-<group>]-<version>.json); subschemas shared between them
// stored once in _definitions.json (share.ts); plus NOTICE.md (sources, licences, input hashes) and
// manifest.json (the same inputs and the SHA-256 of every file), which lets a copy be verified
// without the inputs. The project commits the folder this builds from the pinned inputs (kube-schemas/).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { byCodeUnit } from '../util/text.ts';
import { type JsonSchema, convertCrd } from './convert.ts';
import { type LoadedInput, sha256 } from './inputs.ts';
import { renderNotice } from './notice.ts';
import { kindSchemaFromOpenApi, kindSchemaPath } from './openapi.ts';
import { DEFINITIONS_FILE, shareDefinitions } from './share.ts';
import { PINNED_SOURCES, type PinnedSource } from './upstream.ts';

export interface SchemaFile {
  /** path inside the schema folder, `/`-separated */
  path: string;
  content: string;
}

export const MANIFEST_FILE = 'manifest.json';
export const NOTICE_FILE = 'NOTICE.md';
/** Marker of folders written by earlier versions of `schemas sync` (still accepted as ours). */
const OLD_MARKER = '.matryoshka-schemas';

export class SyncError extends Error {}

export interface StandaloneSchema {
  path: string;
  schema: JsonSchema;
  /** the input it was made from */
  input: LoadedInput;
}

/** One standalone strict schema per kind and version of every input. Two inputs making the same file is an error. */
export function standaloneSchemas(inputs: readonly LoadedInput[]): StandaloneSchema[] {
  const out = new Map<string, StandaloneSchema>();
  const add = (path: string, schema: JsonSchema, input: LoadedInput) => {
    const prev = out.get(path);
    if (prev) throw new SyncError(`${path} would come from both ${prev.input.file.path} and ${input.file.path}`);
    out.set(path, { path, schema, input });
  };
  for (const input of inputs) {
    const { format, kinds } = input.source;
    if (format === 'crd') {
      for (const crd of input.values) for (const f of convertCrd(crd)) add(f.path, f.schema, input);
    } else if (format === 'openapi') {
      for (const k of kinds ?? []) add(kindSchemaPath(k.apiVersion, k.kind), kindSchemaFromOpenApi(input.values[0], k.apiVersion, k.kind), input);
    } else {
      const name = input.file.path.slice(input.file.path.lastIndexOf('/') + 1);
      add(name, input.values[0] as JsonSchema, input);
    }
  }
  return [...out.values()].sort((a, b) => byCodeUnit(a.path, b.path));
}

/** 2-space JSON with a trailing newline (kubeconform's and yannh's style; diffs stay readable). */
export const jsonFile = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

export interface Manifest {
  generatedBy: string;
  inputs: { path: string; document?: string; sha256: string; repo: string; ref: string; url?: string }[];
  files: { path: string; sha256: string; from?: string }[];
}

/** Every file of the folder: schemas, _definitions.json, NOTICE.md and manifest.json. */
export function buildSchemaFolder(inputs: readonly LoadedInput[]): SchemaFile[] {
  const standalone = standaloneSchemas(inputs);
  const { files, definitions } = shareDefinitions(new Map(standalone.map((s) => [s.path, s.schema])));
  const out: SchemaFile[] = standalone.map((s) => ({ path: s.path, content: jsonFile(files.get(s.path)) }));
  if (Object.keys(definitions).length) {
    out.push({
      path: DEFINITIONS_FILE,
      content: jsonFile({ $comment: 'Subschemas shared by several schema files of this folder, keyed by content hash (written by `matryoshka schemas sync`).', definitions }),
    });
  }
  const notice = renderNotice(inputs, standalone);
  out.push({ path: NOTICE_FILE, content: notice });
  const from = new Map(standalone.map((s) => [s.path, s.input.file.path]));
  const manifest: Manifest = {
    generatedBy: 'matryoshka schemas sync',
    inputs: inputs.map((i) => ({
      path: i.file.path,
      ...(i.file.document ? { document: i.file.document } : {}),
      sha256: i.file.sha256,
      repo: i.source.repo,
      ref: i.source.ref,
      ...(i.file.url ? { url: i.file.url } : {}),
    })),
    files: out.map((f) => ({ path: f.path, sha256: sha256(f.content), ...(from.has(f.path) ? { from: from.get(f.path) } : {}) })).sort((a, b) => byCodeUnit(a.path, b.path)),
  };
  out.push({ path: MANIFEST_FILE, content: jsonFile(manifest) });
  return out.sort((a, b) => byCodeUnit(a.path, b.path));
}

/** Every file below `dir`, as `/`-separated relative paths. */
function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? listFiles(p, base) : [relative(base, p).split(sep).join('/')];
    });
}

/** Replaces `out` with the given files. Refuses to clear a non-empty directory it did not write. */
export function writeSchemaDir(out: string, files: readonly SchemaFile[]): void {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MANIFEST_FILE)) && !existsSync(join(out, OLD_MARKER))) {
    throw new SyncError(`${out} is not empty and was not written by \`matryoshka schemas sync\`; choose another --out`);
  }
  for (const f of files) {
    if (relative(out, join(out, f.path)).startsWith('..')) throw new SyncError(`refusing to write outside ${out}: ${f.path}`);
  }
  rmSync(out, { recursive: true, force: true });
  for (const f of files) {
    const p = join(out, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
  }
}

/** How `dir` differs from `files` (missing, extra, changed), one line each; empty when identical. */
export function diffSchemaDir(dir: string, files: readonly SchemaFile[]): string[] {
  if (!existsSync(dir)) return [`${dir} does not exist`];
  const onDisk = new Set(listFiles(dir));
  const out: string[] = [];
  for (const f of files) {
    if (!onDisk.has(f.path)) out.push(`missing: ${f.path}`);
    else if (readFileSync(join(dir, f.path), 'utf8') !== f.content) out.push(`changed: ${f.path}`);
    onDisk.delete(f.path);
  }
  for (const p of onDisk) out.push(`not produced by the sync: ${p}`);
  return out;
}

/**
 * Checks a schema folder without its inputs: every file is listed in manifest.json with its SHA-256 (and
 * nothing listed is missing), and the inputs it records are exactly the pinned ones (`sources`), so the
 * folder is what a sync of the current pins wrote (unless the conversion code changed since: that needs
 * the inputs, `schemas sync --check`). Returns the problems, one line each.
 */
export function verifySchemaDir(dir: string, sources: readonly PinnedSource[] = PINNED_SOURCES): string[] {
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) return [`${manifestPath} does not exist`];
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (err) {
    return [`${manifestPath}: ${err instanceof Error ? err.message : String(err)}`];
  }
  const problems: string[] = [];
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  for (const p of listFiles(dir)) {
    if (p === MANIFEST_FILE) continue;
    const want = listed.get(p);
    if (!want) problems.push(`${p}: not listed in ${MANIFEST_FILE}`);
    else if (sha256(readFileSync(join(dir, p))) !== want) problems.push(`${p}: content differs from its SHA-256 in ${MANIFEST_FILE} (edited by hand?)`);
    listed.delete(p);
  }
  for (const p of listed.keys()) problems.push(`${p}: listed in ${MANIFEST_FILE} but missing`);
  const key = (i: { path: string; document?: string; sha256: string }) => `${i.path}${i.document ? `#${i.document}` : ''} ${i.sha256}`;
  const pinned = new Set(sources.flatMap((s) => s.files.map(key)));
  const recorded = new Set(manifest.inputs.map(key));
  for (const k of recorded) if (!pinned.has(k)) problems.push(`input ${k} is not pinned in generator/src/crd/upstream.ts (re-run \`matryoshka schemas sync\`)`);
  for (const k of pinned) if (!recorded.has(k)) problems.push(`pinned input ${k} was not part of the sync (re-run \`matryoshka schemas sync\`)`);
  return problems;
}
