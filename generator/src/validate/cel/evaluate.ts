// Evaluates the `x-kubernetes-validations` rules of a CRD schema on one object, as the API server does
// on create: walk object and schema together (properties, additionalProperties, items, `$ref`s into
// other files such as kube-schemas/_definitions.json, allOf branches, and the anyOf/oneOf branches whose
// type fits the value), apply the schema `default`s of absent properties of present objects (recursively,
// before any rule runs), bind `self` to the node and run each rule. Null values run no rules (the API
// server only validates non-null values); transition rules (`oldSelf`) are skipped and counted.
//
// The CEL value of a node follows the Kubernetes type mapping: objects with `properties` expose only the
// declared fields (property names that are CEL keywords or contain `-`, `.`, `/`, `__` are also reachable
// by their escaped name, e.g. `__namespace__`), `additionalProperties` objects are maps, `integer` is int,
// `number` is double, `x-kubernetes-int-or-string` is int or string, and `x-kubernetes-preserve-unknown-fields`
// (or a schema-less object) keeps every field. Strings with format date-time/duration/byte stay strings
// (no pinned rule reads one).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isCelError } from '@bufbuild/cel';
import { isObject, valueAtPointer } from '../../util/json.ts';
import { childPath } from '../schema-check.ts';
import { type CelRuleSpec, type CompiledRule, type FieldPathSeg, compileRule } from './compile.ts';

type Schema = Record<string, unknown>;

/** Where an object's schema comes from: a schema file (may `$ref` other files), or a schema object (a CRD in the input). */
export type CelSchemaSource = { file: string } | { schema: object };

export interface CelFinding {
  path: string;
  /** `cel`: a rule failed (or its evaluation failed, as the API server reports it); `cel-unsupported`: we cannot run it */
  rule: 'cel' | 'cel-unsupported';
  message: string;
}

export interface CelStats {
  /** rule evaluations (one rule on one node) */
  evaluated: number;
  failed: number;
  /** transition rules (`oldSelf`) met on a node and skipped, as on create */
  transitionSkipped: number;
  /** rules met on a node that could not be evaluated (unsupported function, parse error) */
  unsupported: number;
}

export function emptyStats(): CelStats {
  return { evaluated: 0, failed: 0, transitionSkipped: 0, unsupported: 0 };
}

// ---------------------------------------------------------------- schema documents and `$ref`s

/** A schema node and the document it sits in (for resolving `#…` and relative refs). */
interface Loc {
  node: Schema;
  doc: Schema;
  /** file URL of the document; undefined for an in-memory schema */
  url: string | undefined;
}

const documents = new Map<string, Schema | null>();

function loadDocument(url: string): Schema | undefined {
  let d = documents.get(url);
  if (d === undefined) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(new URL(url), 'utf8'));
      d = isObject(parsed) ? parsed : null;
    } catch {
      d = null; // the schema check reports unreadable schemas
    }
    documents.set(url, d);
  }
  return d ?? undefined;
}

function follow(ref: string, from: Loc): Loc | undefined {
  let doc: Schema | undefined;
  let url: string | undefined;
  let pointer: string;
  if (ref.startsWith('#')) {
    doc = from.doc;
    url = from.url;
    pointer = decodeURIComponent(ref.slice(1));
  } else {
    if (!from.url) return undefined;
    const u = new URL(ref, from.url);
    pointer = decodeURIComponent(u.hash.replace(/^#/, ''));
    u.hash = '';
    url = u.href;
    doc = loadDocument(url);
  }
  const cur = valueAtPointer(doc, pointer);
  return isObject(cur) && doc ? { node: cur, doc, url } : undefined;
}

const at = (node: unknown, from: Loc): Loc | undefined => (isObject(node) ? { node, doc: from.doc, url: from.url } : undefined);

// ---------------------------------------------------------------- the shape of a value's schema

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

function jsonType(v: unknown): JsonType | undefined {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    default:
      return undefined;
  }
}

function typeList(node: Schema): string[] | undefined {
  const t = node.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return undefined;
}

function accepts(node: Schema, jt: JsonType): boolean {
  if (jt === 'null' && node.nullable === true) return true;
  if (node['x-kubernetes-int-or-string'] === true && (jt === 'integer' || jt === 'string')) return true;
  const types = typeList(node);
  if (!types) return true;
  return types.includes(jt) || (jt === 'integer' && types.includes('number'));
}

/** Everything the schema says about a value of one JSON type, merged over `$ref`, allOf and the matching anyOf/oneOf branches. */
interface Shape {
  pieces: Loc[];
  /** false when a piece's `type` rejects the value (the schema check reports it; no rules run below) */
  fits: boolean;
  /** integers of this node are doubles (`type: number`) */
  double: boolean;
  rules: CelRuleSpec[];
  props: Map<string, Loc[]>;
  additional: Loc[];
  items: Loc[];
  /** unknown fields are kept (preserve-unknown-fields, or an object schema without properties) */
  open: boolean;
  /** properties with a `default` (first one found), and whether each is nullable */
  defaults: { key: string; value: unknown; nullable: boolean }[];
  nonNullable: Set<string>;
}

/** The node itself, its `$ref` target, allOf branches and the anyOf/oneOf branches that accept the type. */
function piecesOf(loc: Loc, jt: JsonType, out: Loc[] = [], depth = 0): Loc[] {
  if (depth > 32 || out.some((p) => p.node === loc.node)) return out;
  out.push(loc);
  const n = loc.node;
  if (typeof n.$ref === 'string') {
    const t = follow(n.$ref, loc);
    if (t) piecesOf(t, jt, out, depth + 1);
  }
  if (Array.isArray(n.allOf)) for (const b of n.allOf) {
    const l = at(b, loc);
    if (l) piecesOf(l, jt, out, depth + 1);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!Array.isArray(n[key])) continue;
    for (const b of n[key] as unknown[]) {
      const l = at(b, loc);
      if (!l) continue;
      const branch = piecesOf(l, jt, [], depth + 1);
      if (branch.every((p) => accepts(p.node, jt))) for (const p of branch) if (!out.some((q) => q.node === p.node)) out.push(p);
    }
  }
  return out;
}

function buildShape(locs: readonly Loc[], jt: JsonType): Shape {
  const pieces: Loc[] = [];
  for (const l of locs) for (const p of piecesOf(l, jt)) if (!pieces.some((q) => q.node === p.node)) pieces.push(p);
  const seenRules = new Set<unknown>();
  const shape: Shape = { pieces, fits: true, double: false, rules: [], props: new Map(), additional: [], items: [], open: false, defaults: [], nonNullable: new Set() };
  let declaresFields = false;
  for (const p of pieces) {
    const n = p.node;
    if (!accepts(n, jt)) shape.fits = false;
    const types = typeList(n);
    if (types?.includes('number') && !types.includes('integer')) shape.double = true;
    const rules = n['x-kubernetes-validations'];
    if (Array.isArray(rules)) for (const r of rules) {
      if (isObject(r) && !seenRules.has(r)) {
        seenRules.add(r);
        shape.rules.push(r as unknown as CelRuleSpec);
      }
    }
    if (n['x-kubernetes-preserve-unknown-fields'] === true) shape.open = true;
    if (isObject(n.properties)) {
      declaresFields = true;
      for (const [k, v] of Object.entries(n.properties)) {
        const l = at(v, p);
        if (!l) continue;
        const list = shape.props.get(k) ?? [];
        list.push(l);
        shape.props.set(k, list);
      }
    }
    if (isObject(n.additionalProperties)) {
      declaresFields = true;
      shape.additional.push({ node: n.additionalProperties, doc: p.doc, url: p.url });
    } else if (n.additionalProperties === false) declaresFields = true;
    if (isObject(n.items)) shape.items.push({ node: n.items, doc: p.doc, url: p.url });
  }
  if (!declaresFields) shape.open = true;
  // defaults of declared properties: the first `default` over the property's pieces (refs followed)
  for (const [key, list] of shape.props) {
    let def: unknown;
    let nullable = false;
    let nonNull = true;
    for (const l of list) {
      for (const p of piecesOf(l, 'object')) {
        if (def === undefined && 'default' in p.node) def = p.node.default;
        if (p.node.nullable === true || typeList(p.node)?.includes('null')) nullable = true;
      }
    }
    if (nullable) nonNull = false;
    if (nonNull) shape.nonNullable.add(key);
    if (def !== undefined) shape.defaults.push({ key, value: def, nullable });
  }
  return shape;
}

const shapeCache = new WeakMap<Schema, Map<JsonType, Shape>>();

function shapeOf(locs: readonly Loc[], jt: JsonType): Shape {
  if (locs.length !== 1) return buildShape(locs, jt);
  const node = locs[0]!.node;
  let byType = shapeCache.get(node);
  if (!byType) shapeCache.set(node, (byType = new Map()));
  let s = byType.get(jt);
  if (!s) byType.set(jt, (s = buildShape(locs, jt)));
  return s;
}

/** Whether any rule sits at or below a schema node (all branches, refs followed); cached per node. */
const rulesBelowCache = new WeakMap<Schema, boolean>();
function hasRulesBelow(loc: Loc, stack = new Set<Schema>()): boolean {
  const n = loc.node;
  const hit = rulesBelowCache.get(n);
  if (hit !== undefined) return hit;
  if (stack.has(n)) return false;
  stack.add(n);
  let found = Array.isArray(n['x-kubernetes-validations']) && n['x-kubernetes-validations'].length > 0;
  const sub = (v: unknown) => {
    if (!found) {
      const l = at(v, loc);
      if (l && hasRulesBelow(l, stack)) found = true;
    }
  };
  if (typeof n.$ref === 'string') {
    const t = follow(n.$ref, loc);
    if (t && hasRulesBelow(t, stack)) found = true;
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(n[key])) for (const b of n[key] as unknown[]) sub(b);
  if (isObject(n.properties)) for (const v of Object.values(n.properties)) sub(v);
  sub(n.additionalProperties);
  sub(n.items);
  stack.delete(n);
  rulesBelowCache.set(n, found);
  return found;
}

// ---------------------------------------------------------------- CEL values

// Kubernetes escaping of property names in CEL (k8s.io/apiserver/pkg/cel/escaping.go)
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);
function escapedName(name: string): string | undefined {
  if (!name || /^[0-9]/.test(name)) return undefined;
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  let ok = true;
  const out = name.replace(/__|[-./]|[^a-zA-Z0-9-./_]/g, (s) => {
    switch (s) {
      case '__':
        return '__underscores__';
      case '.':
        return '__dot__';
      case '-':
        return '__dash__';
      case '/':
        return '__slash__';
      default:
        ok = false;
        return '';
    }
  });
  return ok && out !== name ? out : undefined;
}

/** A value without schema (preserve-unknown-fields): maps (converted when read), lists, int for integral numbers. */
function plainValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainValue);
  if (isObject(v)) return new LazyObject(v, undefined);
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return v;
}

// ---------------------------------------------------------------- the walk

interface Walk {
  findings: CelFinding[];
  stats: CelStats;
}

/** A node's place in the object, built into a string only when a rule reports there. */
type Where = { up: Where; key: string | number } | undefined;

function pathOf(where: Where, extra: readonly FieldPathSeg[] = []): string {
  const keys: (string | number)[] = [];
  for (let w = where; w; w = w.up) keys.push(w.key);
  keys.reverse();
  for (const seg of extra) keys.push('prop' in seg ? seg.prop : seg.index);
  let p = '.';
  for (const k of keys) p = typeof k === 'number' ? `${p === '.' ? '' : p}[${k}]` : childPath(p, k);
  return p;
}

type Runnable = Extract<CompiledRule, { kind: 'program' }>;

function runRules(self: unknown, rules: readonly CelRuleSpec[], where: Where, w: Walk): void {
  for (const spec of rules) {
    const c = compileRule(spec);
    if (c.kind === 'transition') {
      w.stats.transitionSkipped++;
      continue;
    }
    if (c.kind === 'unsupported') {
      w.stats.unsupported++;
      w.findings.push({ path: pathOf(where), rule: 'cel-unsupported', message: `could not evaluate rule (${c.reason}): ${String(spec.rule).trim()}` });
      continue;
    }
    w.stats.evaluated++;
    let result: unknown;
    try {
      result = c.program({ self });
    } catch (err) {
      result = err instanceof Error ? err : new Error(String(err));
    }
    if (result === true) continue;
    const rule = spec.rule.trim();
    if (isCelError(result) || result instanceof Error) {
      const msg = (result as Error).message;
      if (/^unbound function/.test(msg)) {
        w.stats.unsupported++;
        w.findings.push({ path: pathOf(where), rule: 'cel-unsupported', message: `could not evaluate rule (${msg}): ${rule}` });
      } else {
        // as the API server reports a runtime error (no such key, no matching overload, …): the object is invalid
        w.stats.failed++;
        w.findings.push({ path: pathOf(where), rule: 'cel', message: `${msg} evaluating rule: ${rule}` });
      }
      continue;
    }
    if (result !== false) {
      w.stats.unsupported++;
      w.findings.push({ path: pathOf(where), rule: 'cel-unsupported', message: `could not evaluate rule (it gives ${typeof result}, not a boolean): ${rule}` });
      continue;
    }
    w.stats.failed++;
    w.findings.push({ path: pathOf(where, c.fieldPath), rule: 'cel', message: failureMessage(self, spec, c) });
  }
}

/** The message of a failed rule: messageExpression, else message, else "failed rule: <rule>" (as the API server). */
function failureMessage(self: unknown, spec: CelRuleSpec, c: Runnable): string {
  if (c.message) {
    let m: unknown;
    try {
      m = c.message({ self });
    } catch {
      m = undefined;
    }
    if (typeof m === 'string' && m.trim() && !/[\r\n]/.test(m)) return m.trim();
  }
  const msg = typeof spec.message === 'string' ? spec.message.trim() : '';
  return msg || `failed rule: ${spec.rule.trim()}`;
}

/** The properties (and whether the additionalProperties / items) of a shape have rules at or below them. */
interface RuleGuide {
  props: string[];
  additional: boolean;
  items: boolean;
}
const guides = new WeakMap<Shape, RuleGuide>();
function guideOf(shape: Shape): RuleGuide {
  let g = guides.get(shape);
  if (!g) {
    g = {
      props: [...shape.props].filter(([, locs]) => locs.some((l) => hasRulesBelow(l))).map(([k]) => k),
      additional: shape.additional.some((l) => hasRulesBelow(l)),
      items: shape.items.some((l) => hasRulesBelow(l)),
    };
    guides.set(shape, g);
  }
  return g;
}

const escapes = new Map<string, string | undefined>();
function escaped(name: string): string | undefined {
  if (!escapes.has(name)) escapes.set(name, escapedName(name));
  return escapes.get(name);
}

/** An object with the defaults of its absent properties (and of nulls where null is not allowed), as the API server applies them. */
function withDefaults(obj: Schema, shape: Shape): Schema {
  let out = obj;
  for (const d of shape.defaults) {
    const cur = obj[d.key];
    if (cur === undefined || (cur === null && !d.nullable)) {
      if (out === obj) out = { ...obj };
      out[d.key] = d.value; // never mutated: the walk and the CEL values only read
    }
  }
  return out;
}

const PENDING = Symbol('pending');

/**
 * The CEL value of an object, converted field by field when a rule reads it: a rule on `spec` that only
 * asks `has(self.chart)` does not convert the whole spec (a HelmRelease's values can be large).
 */
class LazyObject extends Map<string, unknown> {
  private readonly raw = new Map<string, { value: unknown; locs: readonly Loc[] | undefined }>();

  constructor(obj: Schema, shape: Shape | undefined) {
    super();
    for (const k in obj) {
      const v = obj[k];
      if (v === undefined) continue;
      let locs: readonly Loc[] | undefined;
      if (shape) {
        // a null where the schema allows none and gives no default is dropped by the API server
        if (v === null && shape.nonNullable.has(k)) continue;
        const propLocs = shape.props.get(k);
        locs = propLocs ?? (shape.additional.length ? shape.additional : undefined);
        // undeclared fields are pruned unless the schema keeps unknown fields
        if (!locs && !shape.open) continue;
        if (propLocs) {
          const esc = escaped(k);
          if (esc && !(esc in obj)) {
            this.raw.set(esc, { value: v, locs });
            super.set(esc, PENDING);
          }
        }
      }
      this.raw.set(k, { value: v, locs });
      super.set(k, PENDING);
    }
  }

  override get(key: string): unknown {
    const v = super.get(key);
    if (v !== PENDING) return v;
    const r = this.raw.get(key)!;
    const out = celValue(r.value, r.locs ?? []);
    super.set(key, out);
    return out;
  }

  override forEach(cb: (value: unknown, key: string, map: Map<string, unknown>) => void, thisArg?: unknown): void {
    for (const k of this.keys()) cb.call(thisArg, this.get(k), k, this);
  }

  override *entries(): MapIterator<[string, unknown]> {
    for (const k of this.keys()) yield [k, this.get(k)];
  }

  override *values(): MapIterator<unknown> {
    for (const k of this.keys()) yield this.get(k);
  }

  override [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.entries();
  }
}

/** The CEL value of a JSON value under its schema (defaults applied; objects converted lazily). */
function celValue(value: unknown, locs: readonly Loc[]): unknown {
  const jt = jsonType(value);
  if (jt === undefined) return undefined;
  if (locs.length === 0) return plainValue(value);
  const shape = shapeOf(locs, jt);
  if (!shape.fits) return plainValue(value);
  return celOfShape(value, shape, jt);
}

function celOfShape(value: unknown, shape: Shape, jt: JsonType): unknown {
  switch (jt) {
    case 'object':
      return new LazyObject(withDefaults(value as Schema, shape), shape);
    case 'array':
      return (value as unknown[]).map((v) => celValue(v, shape.items));
    case 'integer':
      return shape.double ? value : BigInt(value as number);
    default:
      return value;
  }
}

/**
 * Visits a value with its schema and runs the rules of every node at or below it (children first), with
 * `self` bound to the node's defaulted value. Only the parts of the value whose schema has rules are visited.
 */
function visit(value: unknown, locs: readonly Loc[], where: Where, w: Walk): void {
  const jt = jsonType(value);
  if (jt === undefined || jt === 'null' || !locs.some((l) => hasRulesBelow(l))) return;
  const shape = shapeOf(locs, jt);
  if (!shape.fits) return; // the schema check reports the wrong type
  const guide = guideOf(shape);
  let input = value;
  if (jt === 'object') {
    const obj = withDefaults(value as Schema, shape);
    input = obj;
    for (const k of guide.props) {
      const v = obj[k];
      if (v !== undefined) visit(v, shape.props.get(k)!, { up: where, key: k }, w);
    }
    if (guide.additional) for (const k in obj) if (!shape.props.has(k) && obj[k] !== undefined) visit(obj[k], shape.additional, { up: where, key: k }, w);
  } else if (jt === 'array' && guide.items) {
    (value as unknown[]).forEach((v, i) => visit(v, shape.items, { up: where, key: i }, w));
  }
  if (shape.rules.length) runRules(jt === 'object' ? new LazyObject(input as Schema, shape) : celOfShape(value, shape, jt), shape.rules, where, w);
}

const fileUrls = new Map<string, string>();

function rootLoc(source: CelSchemaSource): Loc | undefined {
  if ('file' in source) {
    let url = fileUrls.get(source.file);
    if (!url) fileUrls.set(source.file, (url = pathToFileURL(source.file).href));
    const doc = loadDocument(url);
    return doc ? { node: doc, doc, url } : undefined;
  }
  return isObject(source.schema) ? { node: source.schema, doc: source.schema, url: undefined } : undefined;
}

/** The CEL findings for one object against its schema; `stats` is added to. Never throws. */
export function celFindings(object: unknown, source: CelSchemaSource, stats: CelStats = emptyStats()): CelFinding[] {
  const w: Walk = { findings: [], stats };
  const root = rootLoc(source);
  if (!root || !hasRulesBelow(root)) return [];
  try {
    visit(object, [root], undefined, w);
  } catch (err) {
    w.findings.push({ path: '.', rule: 'cel-unsupported', message: `could not evaluate the CEL rules of this object: ${err instanceof Error ? err.message : String(err)}` });
  }
  return w.findings;
}

/** Every rule in a schema (refs followed once per node), for counting: `[rule, transition?]`. */
export function rulesInSchema(source: CelSchemaSource): { spec: CelRuleSpec; compiled: CompiledRule }[] {
  const root = rootLoc(source);
  const out: { spec: CelRuleSpec; compiled: CompiledRule }[] = [];
  const seen = new Set<Schema>();
  const walk = (loc: Loc | undefined) => {
    if (!loc || seen.has(loc.node)) return;
    seen.add(loc.node);
    const n = loc.node;
    if (Array.isArray(n['x-kubernetes-validations'])) for (const r of n['x-kubernetes-validations']) if (isObject(r)) out.push({ spec: r as unknown as CelRuleSpec, compiled: compileRule(r as unknown as CelRuleSpec) });
    if (typeof n.$ref === 'string') walk(follow(n.$ref, loc));
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(n[key])) for (const b of n[key] as unknown[]) walk(at(b, loc));
    if (isObject(n.properties)) for (const v of Object.values(n.properties)) walk(at(v, loc));
    walk(at(n.additionalProperties, loc));
    walk(at(n.items, loc));
  };
  walk(root);
  return out;
}
