// Builds a schema directory in kubeconform layout: CRD manifests converted to strict JSON Schema
// (<group>/<kind>_<version>.json) plus the strict core-kind schemas (<kind>[-<group>]-<version>.json).
// Sources are local folders (default: ../shared/crds and ../shared/k8s-schemas) or, on request,
// the pinned upstream files in ./upstream.ts (downloaded and checked against their SHA-256).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type CrdSchemaFile, convertCrd, schemaFileContent } from './convert.ts';
import { PINNED_CORE_SCHEMAS, PINNED_CRDS } from './upstream.ts';

export interface SchemaFile {
  /** path inside the schema directory */
  path: string;
  content: string;
}

/** Marker written into a synced directory, so a re-sync may safely replace it. */
export const SYNC_MARKER = '.matryoshka-schemas';

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    // legacy/ holds API versions current controllers no longer serve: never on the lookup path
    if (statSync(p).isDirectory()) {
      if (entry !== 'legacy') out.push(...yamlFiles(p));
    } else if (/\.ya?ml$/.test(entry)) out.push(p);
  }
  return out;
}

/** Every served version of every CRD in a YAML text (non-CRD documents are ignored). */
export function schemasFromCrdText(text: string, origin: string): CrdSchemaFile[] {
  const out: CrdSchemaFile[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${origin}: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as { kind?: unknown } | null;
    if (value?.kind === 'CustomResourceDefinition') out.push(...convertCrd(value));
  }
  return out;
}

export function schemasFromCrdDirs(dirs: readonly string[]): SchemaFile[] {
  const files = new Map<string, SchemaFile>();
  for (const dir of dirs) {
    for (const f of yamlFiles(dir)) {
      for (const s of schemasFromCrdText(readFileSync(f, 'utf8'), f)) files.set(s.path, { path: s.path, content: schemaFileContent(s.schema) });
    }
  }
  return [...files.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Core-kind schemas copied as they are (`*.json` at the top of the folder). */
export function coreSchemasFromDir(dir: string): SchemaFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .sort()
    .map((f) => ({ path: f, content: readFileSync(join(dir, f), 'utf8') }));
}

export type Fetch = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

async function download(url: string, sha256: string, fetchFn: Fetch): Promise<string> {
  const res = await fetchFn(url);
  if (!res.ok) throw new Error(`download failed: ${url}: HTTP ${res.status}`);
  const text = await res.text();
  const got = createHash('sha256').update(text).digest('hex');
  if (got !== sha256) throw new Error(`checksum mismatch for ${url}: expected ${sha256}, got ${got}`);
  return text;
}

/** The pinned upstream files (see upstream.ts), downloaded and verified. */
export async function schemasFromUpstream(fetchFn: Fetch = fetch as unknown as Fetch): Promise<SchemaFile[]> {
  const files: SchemaFile[] = [];
  for (const repo of PINNED_CRDS) {
    for (const f of repo.files) {
      for (const s of schemasFromCrdText(await download(f.url, f.sha256, fetchFn), f.url)) files.push({ path: s.path, content: schemaFileContent(s.schema) });
    }
  }
  for (const f of PINNED_CORE_SCHEMAS) files.push({ path: basename(f.url), content: await download(f.url, f.sha256, fetchFn) });
  return files;
}

export class SyncTargetError extends Error {}

/** Replaces `out` with the given files. Refuses to clear a non-empty directory it did not create. */
export function writeSchemaDir(out: string, files: readonly SchemaFile[], sources: readonly string[]): void {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, SYNC_MARKER))) {
    throw new SyncTargetError(`${out} is not empty and was not written by \`matryoshka schemas sync\`; choose another --out`);
  }
  rmSync(out, { recursive: true, force: true });
  for (const f of files) {
    const p = join(out, f.path);
    if (relative(out, p).startsWith('..')) throw new SyncTargetError(`refusing to write outside ${out}: ${f.path}`);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
  }
  writeFileSync(join(out, SYNC_MARKER), `# written by \`matryoshka schemas sync\`; safe to delete\n${sources.map((s) => `source: ${s}`).join('\n')}\nfiles: ${files.length}\n`);
}
