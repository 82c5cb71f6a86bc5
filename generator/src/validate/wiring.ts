// The cross-object linter: an index over all input objects (every input file together, so
// platform + tenant renders resolve each other), declared external objects and the objects
// providers write at run time; each rule in ./rules/ reads it and returns issues.
import { record, valueAt } from '../util/json.ts';
import { issue } from './issue.ts';
import { PROVIDERS, type ProvidedObject } from './providers.ts';
import { type ExternalRef, externalMatches } from './refs.ts';
import type { IndexedDoc, ValidationIssue } from './types.ts';

/** Where the schema of an object's kind comes from: a schema file (may `$ref` other files), or a schema object (a CRD in the input). */
export type SchemaSource = { file: string } | { schema: object };

export type Resolution = { where: 'render'; doc: IndexedDoc } | { where: 'external'; ref: ExternalRef } | { where: 'provider'; provided: ProvidedObject };

export class WiringContext {
  private readonly byKey = new Map<string, IndexedDoc>();
  private readonly byKind = new Map<string, IndexedDoc[]>();
  private readonly byKindNs = new Map<string, IndexedDoc[]>();
  /** objects controllers write at run time (see providers.ts) */
  readonly provided: ProvidedObject[];
  private readonly providedByKey = new Map<string, ProvidedObject>();

  /** Figures a rule reports beside its issues (e.g. `cel`: rules evaluated, transition rules skipped), by rule id; validate puts them in the report. */
  readonly ruleStats: Record<string, Record<string, number>> = {};

  constructor(
    readonly docs: readonly IndexedDoc[],
    readonly externals: readonly ExternalRef[] = [],
    /** the schema of an object's kind, for rules that read schemas (`cel`); none when validate runs without schemas */
    readonly schemaOf: (doc: IndexedDoc) => SchemaSource | undefined = () => undefined,
  ) {
    for (const d of docs) {
      const k = `${d.object.kind}\0${d.namespace}\0${d.name}`;
      if (!this.byKey.has(k)) this.byKey.set(k, d);
      const list = this.byKind.get(d.object.kind) ?? [];
      list.push(d);
      this.byKind.set(d.object.kind, list);
      const nsKey = `${d.object.kind}\0${d.namespace}`;
      const nsList = this.byKindNs.get(nsKey) ?? [];
      nsList.push(d);
      this.byKindNs.set(nsKey, nsList);
    }
    this.provided = PROVIDERS.flatMap((p) => p((kind, group) => this.ofKind(kind, group)));
    for (const p of this.provided) this.providedByKey.set(`${p.kind}\0${p.namespace}\0${p.name}`, p);
  }

  /** Objects of a kind in one namespace. */
  inNamespace(kind: string, namespace: string, group?: string): IndexedDoc[] {
    const all = this.byKindNs.get(`${kind}\0${namespace}`) ?? [];
    return group === undefined ? all : all.filter((d) => d.group === group);
  }

  ofKind(kind: string, group?: string): IndexedDoc[] {
    const all = this.byKind.get(kind) ?? [];
    return group === undefined ? all : all.filter((d) => d.group === group);
  }

  /** The rendered object, if any (namespace '' for cluster-scoped kinds). */
  find(kind: string, namespace: string, name: string, group?: string): IndexedDoc | undefined {
    const d = this.byKey.get(`${kind}\0${namespace}\0${name}`);
    if (d && group !== undefined && d.group !== group) return undefined;
    return d;
  }

  /** Where a referenced object comes from: the render, a declared external object, or a provider. */
  resolve(kind: string, namespace: string, name: string, group?: string): Resolution | undefined {
    const doc = this.find(kind, namespace, name, group);
    if (doc) return { where: 'render', doc };
    const ref = this.externals.find((e) => externalMatches(e, group, kind, namespace, name));
    if (ref) return { where: 'external', ref };
    if (group === undefined || group === '') {
      const provided = this.providedByKey.get(`${kind}\0${namespace}\0${name}`) ?? this.providedByKey.get(`${kind}\0*\0${name}`);
      if (provided) return { where: 'provider', provided };
    }
    return undefined;
  }

  issue(doc: IndexedDoc, path: string, rule: string, message: string): ValidationIssue {
    return issue(doc, path, rule, message);
  }
}

/** One cross-object concern. `id` is what reports print in [brackets] and what `disableRules` takes. */
export interface WiringRule {
  id: string;
  description: string;
  check(ctx: WiringContext): ValidationIssue[];
}

/** Files one issue of a rule: the object, the path in it, the message. */
export type Report = (doc: IndexedDoc, path: string, message: string) => void;

/** A rule written as `check(ctx, report)`: each `report` files an issue under the rule's id, so the id is written once. */
export function wiringRule(rule: { id: string; description: string; check(ctx: WiringContext, report: Report): void }): WiringRule {
  return {
    id: rule.id,
    description: rule.description,
    check(ctx) {
      const out: ValidationIssue[] = [];
      rule.check(ctx, (doc, path, message) => out.push(ctx.issue(doc, path, rule.id, message)));
      return out;
    },
  };
}

/** Small typed accessors for untyped objects (`record` is util/json.ts's, re-exported for the rules). */
export function get(obj: unknown, path: string): unknown {
  return valueAt(obj, path.split('.'));
}

export { record };

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
