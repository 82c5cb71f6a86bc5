// The inputs of `matryoshka schemas sync`: the pinned upstream files (upstream.ts), read from a local
// inputs folder or downloaded, each checked against its SHA-256; or, for a custom build, whatever CRD
// manifests and core-kind schemas the user points at (unpinned, recorded with their hashes).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../paths.ts';
import { type InputFormat, PINNED_SOURCES, type PinnedFile, type PinnedSource } from './upstream.ts';

/**
 * The reference data beside the clone (the project's CI and its maintainers have it; a user's clone does
 * not). Only `schemas sync` reads it, to regenerate the committed folder; validation never does.
 */
export const defaultInputsDir = resolve(repoRoot, '..', 'shared');

export interface LoadedInput {
  source: PinnedSource;
  file: PinnedFile;
  /** the parsed content: CRD objects for `crd`, the one JSON document otherwise */
  values: unknown[];
}

export class InputError extends Error {}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** JSON with object keys sorted: the same value always hashes the same, however it was formatted. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function yamlDocuments(text: string, origin: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length) throw new InputError(`${origin}: ${doc.errors[0]!.message}`);
    return doc.toJS() as unknown;
  });
}

function jsonDocument(text: string, origin: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${origin}: not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const kindAndName = (v: unknown): string | undefined => {
  const o = v as { kind?: unknown; metadata?: { name?: unknown } } | null;
  return o && typeof o.kind === 'string' && typeof o.metadata?.name === 'string' ? `${o.kind}/${o.metadata.name}` : undefined;
};
const isCrd = (v: unknown) => (v as { kind?: unknown } | null)?.kind === 'CustomResourceDefinition';

/** Parses one pinned file's bytes and checks them against the pin; `origin` names it in errors. */
export function parsePinned(source: PinnedSource, file: PinnedFile, bytes: Buffer, origin: string): LoadedInput {
  const text = bytes.toString('utf8');
  if (file.document) {
    const doc = yamlDocuments(text, origin).find((d) => kindAndName(d) === file.document);
    if (!doc) throw new InputError(`${origin} has no ${file.document} document`);
    const got = sha256(canonicalJson(doc));
    if (got !== file.sha256) throw new InputError(`checksum mismatch for ${file.document} in ${origin}: expected ${file.sha256}, got ${got} (SHA-256 of the document as canonical JSON)`);
    return { source, file, values: [doc] };
  }
  const got = sha256(bytes);
  if (got !== file.sha256) throw new InputError(`checksum mismatch for ${origin}: expected ${file.sha256}, got ${got}`);
  return { source, file, values: parseByFormat(source.format, text, origin) };
}

function parseByFormat(format: InputFormat, text: string, origin: string): unknown[] {
  return format === 'crd' ? yamlDocuments(text, origin).filter(isCrd) : [jsonDocument(text, origin)];
}

/** The pinned inputs from a folder laid out like the reference data (`crds/…`, `k8s-schemas/…`, `upstream/…`). */
export function readPinnedInputs(dir: string, sources: readonly PinnedSource[] = PINNED_SOURCES): LoadedInput[] {
  return sources.flatMap((source) =>
    source.files.map((file) => {
      const p = join(dir, file.path);
      if (!existsSync(p)) throw new InputError(`${p} does not exist (pinned input ${file.path} of ${source.repo}@${source.ref})`);
      return parsePinned(source, file, readFileSync(p), p);
    }),
  );
}

export type Fetch = (url: string) => Promise<{ ok: boolean; status: number; statusText?: string; arrayBuffer(): Promise<ArrayBuffer> }>;

/** `fetch failed` says nothing: name the cause chain (e.g. `getaddrinfo ENOTFOUND raw.githubusercontent.com`). */
export function describeFetchError(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const e = cur as { message?: unknown; code?: unknown; errors?: unknown; cause?: unknown };
    const own = typeof e.message === 'string' ? e.message : '';
    // AggregateError (one error per address tried) keeps the details in errors[]
    const inner = Array.isArray(e.errors) ? [...new Set(e.errors.map((x) => (x instanceof Error ? x.message : String(x))))].join('; ') : '';
    let text = [own, inner].filter(Boolean).join(': ') || (typeof e.code === 'string' ? e.code : typeof cur === 'object' ? '' : String(cur));
    if (typeof e.code === 'string' && !text.includes(e.code)) text = `${text} (${e.code})`;
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
    cur = e.cause;
  }
  return parts.join(': ') || 'unknown error';
}

export class DownloadError extends Error {}

async function download(url: string, fetchFn: Fetch): Promise<Buffer> {
  let res;
  try {
    res = await fetchFn(url);
  } catch (err) {
    throw new DownloadError(`cannot download ${url}: ${describeFetchError(err)}`);
  }
  if (!res.ok) throw new DownloadError(`cannot download ${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  try {
    return Buffer.from(await res.arrayBuffer());
  } catch (err) {
    throw new DownloadError(`cannot download ${url}: ${describeFetchError(err)}`);
  }
}

/** The pinned inputs, downloaded one after the other (the first failure stops: it names the URL and why). */
export async function downloadPinnedInputs(fetchFn: Fetch = fetch as unknown as Fetch, sources: readonly PinnedSource[] = PINNED_SOURCES): Promise<LoadedInput[]> {
  const out: LoadedInput[] = [];
  for (const source of sources) {
    for (const file of source.files) out.push(parsePinned(source, file, await download(file.url, fetchFn), file.url));
  }
  return out;
}

function filesBelow(dir: string, match: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    // legacy/ holds API versions current controllers no longer serve: never on the lookup path
    if (statSync(p).isDirectory()) {
      if (entry !== 'legacy') out.push(...filesBelow(p, match));
    } else if (match.test(entry)) out.push(p);
  }
  return out;
}

const LOCAL: Omit<PinnedSource, 'format' | 'files'> = { repo: 'local files', ref: '-', licence: 'unknown (local files)' };

/**
 * Unpinned inputs for a custom schema folder: every CRD manifest below the `crds` folders (recursively,
 * `legacy/` skipped) and the `*.json` core-kind schemas at the top of the `k8s` folder. Each is recorded as
 * `<folder name>/<path below it>` with its SHA-256.
 */
export function readLocalInputs(crdDirs: readonly string[], k8sDir?: string): LoadedInput[] {
  const record = (format: InputFormat, dir: string, p: string): LoadedInput => {
    const bytes = readFileSync(p);
    const path = [basename(dir), ...relative(dir, p).split(sep)].join('/');
    return { source: { ...LOCAL, format, files: [] }, file: { path, url: '', sha256: sha256(bytes) }, values: parseByFormat(format, bytes.toString('utf8'), p) };
  };
  const out = crdDirs.flatMap((dir) => filesBelow(dir, /\.ya?ml$/).map((p) => record('crd', dir, p)));
  if (k8sDir) {
    for (const f of readdirSync(k8sDir).filter((x) => x.endsWith('.json') && !x.startsWith('_')).sort()) out.push(record('core-schema', k8sDir, join(k8sDir, f)));
  }
  return out;
}

/**
 * CRD manifests in the inputs folder's `crds/` (legacy/ skipped) that no pin covers (`unpinned`: a new
 * upstream file must be pinned in upstream.ts, not silently left out of the committed folder), and copies
 * whose CRD differs from the pinned document of the same name (`differing`: the pinned one is used).
 */
export function crossCheckCrdFolder(dir: string, inputs: readonly LoadedInput[]): { unpinned: string[]; differing: string[] } {
  const unpinned: string[] = [];
  const differing: string[] = [];
  const crdsDir = join(dir, 'crds');
  if (!existsSync(crdsDir)) return { unpinned, differing };
  const pinnedPaths = new Set(inputs.map((i) => i.file.path));
  const pinnedCrds = new Map(inputs.filter((i) => i.source.format === 'crd').flatMap((i) => i.values.map((v) => [kindAndName(v), { input: i, value: v }] as const)));
  for (const p of filesBelow(crdsDir, /\.ya?ml$/)) {
    const rel = relative(dir, p).split(sep).join('/');
    if (pinnedPaths.has(rel)) continue;
    for (const doc of yamlDocuments(readFileSync(p, 'utf8'), p).filter(isCrd)) {
      const pinned = pinnedCrds.get(kindAndName(doc));
      if (!pinned) unpinned.push(`${rel}: ${kindAndName(doc)} is not pinned in generator/src/crd/upstream.ts`);
      else if (canonicalJson(doc) !== canonicalJson(pinned.value)) differing.push(`${rel}: ${kindAndName(doc)} differs from the pinned ${pinned.input.file.path}; the pinned one is used`);
    }
  }
  return { unpinned, differing };
}
