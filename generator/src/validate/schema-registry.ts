// Finds the strict JSON Schema of an apiVersion/kind in kubeconform-layout directories and compiles it
// once. Compiling a big workload schema costs ~0.1-0.3 s, so validators are compiled lazily per kind and
// cached by the registry (one per process by default, `defaultRegistry`).
//
// Schema files may refer to other files of their folder with relative `$ref`s (the committed folder keeps
// subschemas shared by several kinds in `_definitions.json`; yannh's `-local` folders do the same): each
// file gets its file URL as `$id`, and every file it refers to is loaded into ajv under its own URL
// before compiling, so ajv resolves the refs and compiles a shared subschema once for all kinds.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isObject, valueAtPointer } from '../util/json.ts';

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

type Schema = Record<string, unknown>;

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

export class SchemaLoadError extends Error {}

/** Every `$ref` that points outside its own document, resolved against `base` (fragment dropped). */
function externalRefs(node: unknown, base: string, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const v of node) externalRefs(v, base, out);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
        const url = new URL(v, base);
        url.hash = '';
        out.add(url.href);
      } else externalRefs(v, base, out);
    }
  }
  return out;
}

export class SchemaRegistry {
  private ajv: Ajv | undefined;
  private readonly located = new Map<string, string | null>();
  private readonly compiled = new Map<string, ValidateFunction>();
  // the same schema under another path reuses the validator
  private readonly compiledByContent = new Map<string, ValidateFunction>();
  /** parsed documents by file URL: schema files and the files they refer to */
  private readonly documents = new Map<string, Schema>();
  private readonly metaValidators = new Map<string, ValidateFunction | null>();
  private readonly openMetadata = new WeakMap<ValidateFunction, boolean>();

  private get instance(): Ajv {
    if (!this.ajv) {
      // strict:false: the schemas keep x-kubernetes-* extension keywords and `nullable`
      // verbose: errors carry parentSchema, so oneOf failures can be explained (costs nothing on valid input).
      // code.optimize off: compiles the big workload schemas ~3x faster; validation speed is the same.
      this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, verbose: true, code: { optimize: false } });
      addFormats(this.ajv);
    }
    return this.ajv;
  }

  /** The schema file for apiVersion/kind in the first directory that has one, or undefined. */
  find(dirs: readonly string[], apiVersion: string, kind: string): string | undefined {
    const key = `${dirs.join('\0')}\0${apiVersion}\0${kind}`;
    const hit = this.located.get(key);
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
    this.located.set(key, found);
    return found ?? undefined;
  }

  /** A parsed schema document, with `$id` set to its URL and the documents it refers to added to ajv. */
  private load(url: string, referrer?: string): Schema {
    const cached = this.documents.get(url);
    if (cached) return cached;
    if (!url.startsWith('file:')) {
      throw new SchemaLoadError(`schema ${referrer ? fileURLToPath(referrer) : url} refers to ${url}: only files of the schema folder are resolved, nothing is downloaded`);
    }
    const file = fileURLToPath(url);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new SchemaLoadError(referrer ? `cannot read schema ${file} (referred to by ${fileURLToPath(referrer)}): ${why}` : `cannot read schema ${file}: ${why}`);
    }
    if (!isObject(parsed)) throw new SchemaLoadError(`schema ${file} is not a JSON object`);
    // ajv keys schemas by $id/$schema: the file URL is the id (relative refs resolve against it), and
    // $schema goes so that documents of other drafts never clash with ajv's default meta-schema
    const { $id: _id, $schema: _s, ...rest } = parsed;
    const doc: Schema = { $id: url, ...rest };
    this.documents.set(url, doc); // before its dependencies: documents may refer to each other
    try {
      for (const dep of externalRefs(rest, url)) {
        if (!this.documents.has(dep)) this.instance.addSchema(this.load(dep, url));
      }
    } catch (err) {
      this.documents.delete(url);
      throw err;
    }
    return doc;
  }

  /** Compiled validator for a schema file (cached by path, and by content). */
  validator(file: string): ValidateFunction {
    let v = this.compiled.get(file);
    if (!v) {
      const url = pathToFileURL(file).href;
      const doc = this.load(url);
      // the id differs per path: identical content referring to the same documents compiles once
      const { $id: _id, ...content } = doc;
      const digest = createHash('sha256')
        .update(JSON.stringify(content))
        .update([...externalRefs(content, url)].sort().join('\n'))
        .digest('hex');
      v = this.compiledByContent.get(digest);
      if (!v) {
        try {
          v = this.instance.getSchema(url) ?? this.instance.compile(doc);
        } catch (err) {
          throw new SchemaLoadError(`cannot compile schema ${file}: ${err instanceof Error ? err.message : String(err)}`);
        }
        this.compiledByContent.set(digest, v);
      }
      this.compiled.set(file, v);
    }
    return v;
  }

  /** Validator for a schema given as an object (e.g. converted from a CRD in the input), cached by content. */
  validatorForSchema(schema: object): ValidateFunction {
    const digest = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    let v = this.compiledByContent.get(digest);
    if (!v) {
      v = this.instance.compile(schema);
      this.compiledByContent.set(digest, v);
    }
    return v;
  }

  /** A subschema with a `$ref` to another loaded document followed (once; shared definitions are never ref-only chains). */
  private deref(node: unknown, base: string): { node: Schema | undefined; base: string } {
    if (!isObject(node) || typeof node.$ref !== 'string') return { node: isObject(node) ? node : undefined, base };
    const url = new URL(node.$ref, base);
    const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
    url.hash = '';
    const cur = valueAtPointer(this.documents.get(url.href), pointer);
    return { node: isObject(cur) ? cur : undefined, base: url.href };
  }

  /** The `metadata` subschema of a compiled schema, refs followed. */
  private metadataOf(validate: ValidateFunction): { node: Schema | undefined; base: string } {
    const root = validate.schema as Schema;
    const base = typeof root.$id === 'string' ? root.$id : '';
    const props = isObject(root.properties) ? root.properties : {};
    return base ? this.deref(props.metadata, base) : { node: isObject(props.metadata) ? props.metadata : undefined, base };
  }

  /** True when a schema leaves `metadata` unchecked (CRD schemas: `{type: object}`). */
  metadataIsOpen(validate: ValidateFunction): boolean {
    let open = this.openMetadata.get(validate);
    if (open === undefined) {
      open = !this.metadataOf(validate).node?.properties;
      this.openMetadata.set(validate, open);
    }
    return open;
  }

  /**
   * Validator for ObjectMeta, taken from the core ConfigMap schema in `dirs`. CRD schemas leave
   * `metadata` open (as kubeconform does), so a typo such as `metadata.lables` would pass silently;
   * this closes that gap. The name length cap is dropped here (the `names` rule applies per-kind limits).
   */
  objectMetaValidator(dirs: readonly string[]): ValidateFunction | undefined {
    const key = dirs.join('\0');
    const hit = this.metaValidators.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let v: ValidateFunction | null = null;
    const file = this.find(dirs, 'v1', 'ConfigMap');
    if (file) {
      const { node: meta, base } = this.metadataOf(this.validator(file));
      if (meta && isObject(meta.properties)) {
        const name = this.deref(meta.properties.name, base).node;
        const { maxLength: _max, ...nameWithoutCap } = name ?? {};
        // compiled as a document beside the one the metadata came from, so its relative refs still resolve
        const $id = base ? new URL(`objectmeta-${this.metaValidators.size}.json`, base).href : undefined;
        v = this.instance.compile({ ...meta, ...($id ? { $id } : {}), properties: { ...meta.properties, ...(name ? { name: nameWithoutCap } : {}) } });
      }
    }
    this.metaValidators.set(key, v);
    return v ?? undefined;
  }
}

/** The registry the module-level functions below (and `matryoshka validate`) use. */
export const defaultRegistry = new SchemaRegistry();

export const findSchema = (dirs: readonly string[], apiVersion: string, kind: string): string | undefined => defaultRegistry.find(dirs, apiVersion, kind);
export const validatorFor = (file: string): ValidateFunction => defaultRegistry.validator(file);
export const validatorForSchema = (schema: object): ValidateFunction => defaultRegistry.validatorForSchema(schema);
export const objectMetaValidator = (dirs: readonly string[]): ValidateFunction | undefined => defaultRegistry.objectMetaValidator(dirs);
export const metadataIsOpen = (validate: ValidateFunction): boolean => defaultRegistry.metadataIsOpen(validate);
