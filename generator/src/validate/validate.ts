// The validation pipeline: index the objects, check each against the strict schema of its kind,
// then run the wiring rules over all of them together.
import { convertCrd } from '../crd/convert.ts';
import type { ManifestDoc } from '../manifest/parse.ts';
import { isAllowListed, kindLabel } from './allow-list.ts';
import { issue } from './issue.ts';
import { type ExternalRef, parseExternalRef } from './refs.ts';
import { WIRING_RULES } from './rules/index.ts';
import { dropShadowedSchemaIssues, schemaIssues } from './schema-check.ts';
import { defaultSchemaDirs } from './schema-dirs.ts';
import { SchemaLoadError, findSchema, metadataIsOpen, objectMetaValidator, splitApiVersion, validatorFor, validatorForSchema } from './schema-registry.ts';
import { CLUSTER_SCOPED_KINDS } from './scope.ts';
import type { IndexedDoc, ValidationIssue, ValidationReport } from './types.ts';
import { WiringContext, type WiringRule, get, str } from './wiring.ts';

export interface ValidateOptions {
  /** schema directories in kubeconform layout, searched in order (default: defaultSchemaDirs()) */
  schemaDirs?: readonly string[];
  /** namespace of namespaced objects that carry none (helm template's --namespace); default "default" */
  namespace?: string;
  /** kinds accepted without a schema: `Kind`, `group/Kind` or `group/version/Kind` */
  allowKinds?: readonly string[];
  /** objects that exist outside the input: `[group/]Kind/namespace/name`, `Kind/name`, `*` wildcards */
  external?: readonly (string | ExternalRef)[];
  /** skip the schema check (wiring only) */
  schema?: boolean;
  /** skip the wiring linter (schemas only) */
  wiring?: boolean;
  /** wiring rule ids to skip */
  disableRules?: readonly string[];
  /** extra wiring rules (run after the built-in ones) */
  rules?: readonly WiringRule[];
}

function indexDocs(docs: readonly ManifestDoc[], defaultNamespace: string): IndexedDoc[] {
  // CRDs in the input declare the scope of their kinds
  const clusterScoped = new Set(CLUSTER_SCOPED_KINDS);
  for (const d of docs) {
    if (d.object?.kind === 'CustomResourceDefinition' && get(d.object, 'spec.scope') === 'Cluster') {
      const k = str(get(d.object, 'spec.names.kind'));
      if (k) clusterScoped.add(k);
    }
  }
  return docs.map((d) => {
    const { group, version } = splitApiVersion(typeof d.object?.apiVersion === 'string' ? d.object.apiVersion : '');
    const namespaced = !clusterScoped.has(d.object?.kind);
    const ns = str(d.object?.metadata?.namespace);
    return { ...d, group, version, namespaced, namespace: namespaced ? (ns ?? defaultNamespace) : '', name: str(d.object?.metadata?.name) ?? '' };
  });
}

/** Schemas of custom resources whose CRD is part of the input (a chart that ships its CRDs), by `apiVersion\0kind`. */
function inputCrdSchemas(docs: readonly ManifestDoc[]): Map<string, object> {
  const out = new Map<string, object>();
  for (const d of docs) {
    if (d.object?.kind !== 'CustomResourceDefinition') continue;
    try {
      for (const f of convertCrd(d.object)) out.set(`${f.group}/${f.version}\0${f.kind}`, f.schema);
    } catch {
      // a malformed CRD is reported by its own schema check (or the allow-list); it just provides no schema
    }
  }
  return out;
}

/** Validates objects (all input files together) and returns every problem found. Pure apart from reading schema files. */
export function validateDocs(docs: readonly ManifestDoc[], options: ValidateOptions = {}): ValidationReport {
  const schemaDirs = [...(options.schemaDirs ?? defaultSchemaDirs())];
  const indexed = indexDocs(docs, options.namespace ?? 'default');
  const errors: ValidationIssue[] = [];
  const allowListed = new Set<string>();
  const wellFormed: IndexedDoc[] = [];
  const crdSchemas = inputCrdSchemas(docs);

  for (const d of indexed) {
    const o = d.object as unknown;
    if (!o || typeof o !== 'object' || typeof d.object.apiVersion !== 'string' || typeof d.object.kind !== 'string' || !d.object.apiVersion || !d.object.kind) {
      errors.push(issue(d, '.', 'object', 'not a Kubernetes object: apiVersion and kind must be non-empty strings'));
      continue;
    }
    if (d.object.metadata !== undefined && (d.object.metadata === null || typeof d.object.metadata !== 'object' || Array.isArray(d.object.metadata))) {
      errors.push(issue(d, 'metadata', 'object', 'metadata must be a mapping'));
      continue;
    }
    wellFormed.push(d);
    if (options.schema === false) continue;
    const file = findSchema(schemaDirs, d.object.apiVersion, d.object.kind);
    const fromInput = file ? undefined : crdSchemas.get(`${d.object.apiVersion}\0${d.object.kind}`);
    if (!file && !fromInput) {
      if (isAllowListed(options.allowKinds ?? [], d.object.apiVersion, d.object.kind)) {
        allowListed.add(kindLabel(d.object.apiVersion, d.object.kind));
      } else {
        errors.push(
          issue(
            d,
            '.',
            'unknown-kind',
            schemaDirs.length
              ? `no schema for ${d.object.apiVersion} ${d.object.kind} in ${schemaDirs.join(', ')}; fix apiVersion/kind, add a schema directory, or allow-list it (--allow-kind ${kindLabel(d.object.apiVersion, d.object.kind)})`
              : `no schema for ${d.object.apiVersion} ${d.object.kind}: no schema directory given; pass --schemas <dir> (the project's schemas are in kube-schemas/)`,
          ),
        );
      }
      continue;
    }
    let validate;
    try {
      validate = fromInput ? validatorForSchema(fromInput) : validatorFor(file!);
    } catch (err) {
      if (err instanceof SchemaLoadError || fromInput) {
        errors.push(issue(d, '.', 'schema', err instanceof Error ? err.message : String(err)));
        continue;
      }
      throw err;
    }
    if (!validate(d.object)) errors.push(...schemaIssues(d, validate.errors ?? []));
    if (metadataIsOpen(validate) && d.object.metadata) {
      const meta = objectMetaValidator(schemaDirs);
      if (meta && !meta(d.object.metadata)) {
        errors.push(...schemaIssues(d, (meta.errors ?? []).map((e) => ({ ...e, instancePath: `/metadata${e.instancePath}` }))));
      }
    }
  }

  let ruleStats: ValidationReport['ruleStats'];
  if (options.wiring !== false) {
    const externals = (options.external ?? []).map((e) => (typeof e === 'string' ? parseExternalRef(e) : e));
    // rules that read schemas (`cel`) see the same schema the object was checked against
    const schemaOf = (d: IndexedDoc) => {
      const file = findSchema(schemaDirs, d.object.apiVersion, d.object.kind);
      if (file) return { file };
      const schema = crdSchemas.get(`${d.object.apiVersion}\0${d.object.kind}`);
      return schema ? { schema } : undefined;
    };
    const ctx = new WiringContext(wellFormed, externals, schemaOf);
    const disabled = new Set(options.disableRules ?? []);
    for (const rule of [...WIRING_RULES, ...(options.rules ?? [])]) {
      if (!disabled.has(rule.id)) errors.push(...rule.check(ctx));
    }
    if (Object.keys(ctx.ruleStats).length) ruleStats = ctx.ruleStats;
  }

  // report in input order (then rule order), so output is stable
  const order = new Map<string, number>();
  indexed.forEach((d, i) => {
    const k = `${d.source}\0${d.object?.kind}\0${d.namespace}\0${d.name}`;
    if (!order.has(k)) order.set(k, i);
  });
  const keyed = dropShadowedSchemaIssues(errors).map((e, i) => ({ e, i, p: order.get(`${e.source}\0${e.kind}\0${e.namespace ?? ''}\0${e.name ?? ''}`) ?? 0 }));
  keyed.sort((a, b) => a.p - b.p || a.i - b.i);

  return { ok: errors.length === 0, objects: indexed.length, errors: keyed.map((k) => k.e), allowListed: [...allowListed].sort(), schemaDirs, ...(ruleStats ? { ruleStats } : {}) };
}
