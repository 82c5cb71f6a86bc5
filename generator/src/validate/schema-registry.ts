// Finds the strict JSON Schema of an apiVersion/kind in kubeconform-layout directories and
// compiles it once. Compiling a big workload schema costs ~0.2-0.3 s, so validators are
// compiled lazily per kind and cached for the life of the process (module-level cache).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

let ajv: Ajv | undefined;
function sharedAjv(): Ajv {
  if (!ajv) {
    // strict:false: the schemas keep x-kubernetes-* extension keywords and `nullable`
    // verbose: errors carry parentSchema, so oneOf failures can be explained (costs nothing on valid input).
    // code.optimize off: compiles the big workload schemas ~3x faster; validation speed is the same.
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, verbose: true, code: { optimize: false } });
    addFormats(ajv);
  }
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();
// the same schema under another path (a synced copy of the reference data) reuses the validator
const compiledByContent = new Map<string, ValidateFunction>();
const located = new Map<string, string | null>();

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Candidate file names, relative to a schema directory, for both kubeconform layouts. */
export function schemaCandidates(apiVersion: string, kind: string): string[] {
  const { group, version } = splitApiVersion(apiVersion);
  const k = kind.toLowerCase();
  const out: string[] = [];
  // CRD layout (datreeio catalog): <group>/<kind>_<version>.json
  if (group) out.push(join(group, `${k}_${version}.json`));
  // core layout (yannh kubernetes-json-schema): <kind>[-<first group label>]-<version>.json
  out.push(group ? `${k}-${group.split('.')[0]}-${version}.json` : `${k}-${version}.json`);
  return out;
}

/** The schema file for apiVersion/kind in the first directory that has one, or undefined. */
export function findSchema(dirs: readonly string[], apiVersion: string, kind: string): string | undefined {
  const key = `${dirs.join('\0')}\0${apiVersion}\0${kind}`;
  const hit = located.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let found: string | null = null;
  outer: for (const dir of dirs) {
    for (const rel of schemaCandidates(apiVersion, kind)) {
      const p = join(dir, rel);
      if (existsSync(p)) {
        found = p;
        break outer;
      }
    }
  }
  located.set(key, found);
  return found ?? undefined;
}

export class SchemaLoadError extends Error {}

/** Compiled validator for a schema file (cached by path). */
export function validatorFor(file: string): ValidateFunction {
  let v = compiled.get(file);
  if (!v) {
    let schema: unknown;
    try {
      schema = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new SchemaLoadError(`cannot read schema ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (schema && typeof schema === 'object') {
      // ajv keys schemas by $id/$schema; drop both so two files never clash
      const { $id: _id, $schema: _s, ...rest } = schema as Record<string, unknown>;
      schema = rest;
    }
    const digest = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    v = compiledByContent.get(digest);
    if (!v) {
      v = sharedAjv().compile(schema as object);
      compiledByContent.set(digest, v);
    }
    compiled.set(file, v);
  }
  return v;
}

const metaValidators = new Map<string, ValidateFunction | null>();

/**
 * Validator for ObjectMeta, taken from the core ConfigMap schema in `dirs`. CRD schemas leave
 * `metadata` open (as kubeconform does), so a typo such as `metadata.lables` would pass silently;
 * this closes that gap. The name length cap is dropped here (the `names` rule applies per-kind limits).
 */
export function objectMetaValidator(dirs: readonly string[]): ValidateFunction | undefined {
  const key = dirs.join('\0');
  const hit = metaValidators.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let v: ValidateFunction | null = null;
  const file = findSchema(dirs, 'v1', 'ConfigMap');
  if (file) {
    const meta = (validatorFor(file).schema as { properties?: { metadata?: { properties?: Record<string, Record<string, unknown>> } } }).properties?.metadata;
    if (meta?.properties) {
      const clone = structuredClone(meta) as { properties: Record<string, Record<string, unknown>> };
      if (clone.properties.name) delete clone.properties.name.maxLength;
      v = sharedAjv().compile(clone);
    }
  }
  metaValidators.set(key, v);
  return v ?? undefined;
}

/** True when a schema leaves `metadata` unchecked (CRD schemas: `{type: object}`). */
export function metadataIsOpen(validate: ValidateFunction): boolean {
  const meta = (validate.schema as { properties?: { metadata?: { properties?: unknown } } }).properties?.metadata;
  return !meta || !meta.properties;
}

const inlineCompiled = new Map<string, ValidateFunction>();

/** Validator for a schema given as an object (e.g. converted from a CRD in the input), cached by content. */
export function validatorForSchema(schema: object): ValidateFunction {
  const digest = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
  let v = compiledByContent.get(digest) ?? inlineCompiled.get(digest);
  if (!v) {
    v = sharedAjv().compile(schema);
    inlineCompiled.set(digest, v);
  }
  return v;
}
