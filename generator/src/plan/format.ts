// A plan for people (what an operator reads before `helm upgrade`) and for machines (JSON).
import type { K8sObject, ManifestDoc } from '../manifest/parse.ts';
import { isObject } from '../util/json.ts';
import type { Styler } from '../validate/report.ts';
import { type ObjectChange, type ObjectId, type Plan, type Replacement, planHasChanges } from './plan.ts';

/** The two renders a plan compares, so changed fields can be shown with their old and new value. */
export interface PlanSides {
  from: readonly ManifestDoc[];
  to: readonly ManifestDoc[];
  /** namespace of objects rendered without one (as given to planChanges) */
  namespace: string;
}

/** One changed field: its path and, for scalars, the value before and after. */
export interface FieldChange {
  path: string;
  from?: unknown;
  to?: unknown;
}

const MAX_FIELDS_SHOWN = 8;

const plain: Styler = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s, green: (s) => s };

export function formatPlan(p: Plan, s: Styler = plain, sides?: PlanSides): string {
  const fields = sides ? fieldChanges(sides) : undefined;
  const templateFields = sides ? templateChanges(sides) : undefined;
  const fieldLine = (f: FieldChange) => `${f.path}: ${'from' in f || 'to' in f ? `${show(f.from)} → ${show(f.to)}` : s.dim('changed')}`;
  const lines: string[] = [];
  if (!planHasChanges(p)) {
    lines.push(`${s.green('No changes.')} ${p.unchanged} object(s) render identically; nothing is replaced and no node group rolls.`);
    return lines.join('\n');
  }
  if (p.added.length) {
    lines.push(s.bold('Objects to add:'));
    for (const a of p.added) lines.push(`  ${s.green('+')} ${a.ref}`);
  }
  if (p.removed.length) {
    lines.push(s.bold('Objects to remove:'));
    for (const r of p.removed) lines.push(`  ${s.red('-')} ${r.ref}${r.kept ? s.dim('  (kept: helm.sh/resource-policy=keep; Cluster API deletes it with the cluster)') : ''}`);
  }
  if (p.changed.length) {
    lines.push(s.bold('Objects to change:'));
    for (const c of p.changed) {
      const paths = c.paths ?? [];
      if (!fields) {
        const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? `, … (${paths.length - 5} more)` : '');
        lines.push(`  ${s.yellow('~')} ${c.ref}  ${s.dim(shown)}`);
        continue;
      }
      // one line per field, old → new where both sides are scalars (a list or map says "changed")
      lines.push(`  ${s.yellow('~')} ${c.ref}`);
      const changes = fields(c);
      for (const f of changes.slice(0, MAX_FIELDS_SHOWN)) lines.push(`      ${fieldLine(f)}`);
      if (changes.length > MAX_FIELDS_SHOWN) lines.push(s.dim(`      … ${changes.length - MAX_FIELDS_SHOWN} more field(s) (--format json lists all)`));
    }
  }
  if (p.replaced.length) {
    lines.push(s.bold('Immutable templates replaced (new name, old one kept until its machines are gone):'));
    for (const r of p.replaced) {
      lines.push(`  ${s.yellow('±')} ${r.kind}/${r.namespace}/${r.from} → ${r.to}${r.machineDeployment ? s.dim(`  (node group ${r.machineDeployment})`) : ''}`);
      // what differs between the two templates: the reason the group rolls
      const changes = templateFields?.(r) ?? [];
      for (const f of changes.slice(0, MAX_FIELDS_SHOWN)) lines.push(`      ${fieldLine(f)}`);
      if (changes.length > MAX_FIELDS_SHOWN) lines.push(s.dim(`      … ${changes.length - MAX_FIELDS_SHOWN} more field(s) (--format json lists all)`));
    }
  }
  if (p.immutableUpdates.length) {
    lines.push(s.red('Immutable templates changed in place (the API server rejects this; their name must change with their content):'));
    for (const c of p.immutableUpdates) lines.push(`  ${s.red('✗')} ${c.ref}  ${s.dim((c.paths ?? []).slice(0, 5).join(', '))}`);
  }
  if (p.rolling.length) {
    lines.push(s.bold('Node groups that will roll (every machine is replaced):'));
    for (const g of p.rolling) {
      lines.push(`  ${s.red('⟳')} ${g.group} ${s.dim(`(MachineDeployment/${g.namespace}/${g.name})`)}`);
      for (const r of g.reasons) lines.push(`      ${r}`);
    }
  } else {
    lines.push(s.green('No node group rolls.'));
  }
  lines.push(summary(p));
  return lines.join('\n');
}

export function summary(p: Plan): string {
  return `Plan: ${p.added.length} to add, ${p.changed.length} to change, ${p.removed.length} to remove, ${p.replaced.length} template(s) replaced, ${p.rolling.length} node group(s) roll.`;
}

/**
 * JSON for machines; with the renders, every changed object lists its `fields` and every replaced
 * template the fields that differ from the one it replaces (path, from, to).
 */
export function planJson(p: Plan, sides?: PlanSides): string {
  if (!sides) return JSON.stringify({ changes: planHasChanges(p), ...p }, null, 2);
  const fields = fieldChanges(sides);
  const templateFields = templateChanges(sides);
  const changed = p.changed.map((c) => ({ ...c, fields: fields(c) }));
  const replaced = p.replaced.map((r) => ({ ...r, fields: templateFields(r) }));
  return JSON.stringify({ changes: planHasChanges(p), ...p, changed, replaced }, null, 2);
}

/**
 * Why `--fail-on-roll` fails: each rolling group with what changes its machines — the first field
 * that differs in its replaced template when the renders are given, else the changed reference.
 */
export function rollSummary(p: Plan, sides?: PlanSides): string {
  const templateFields = sides ? templateChanges(sides) : undefined;
  return p.rolling
    .map((g) => {
      const replaced = p.replaced.filter((r) => r.machineDeployment === g.name && r.namespace === g.namespace);
      const why = [...replaced.flatMap((r) => (templateFields?.(r) ?? []).map((f) => `${r.kind} ${'from' in f || 'to' in f ? `${f.path}: ${show(f.from)} → ${show(f.to)}` : `${f.path} changed`}`)), ...g.reasons];
      return `${g.group} (${why[0] ?? 'machine template changed'}${why.length > 1 ? `, +${why.length - 1} more` : ''})`;
    })
    .join('; ');
}

function objectKey(id: ObjectId): string {
  return `${id.group}/${id.kind}/${id.namespace}/${id.name}`;
}

function indexSide(docs: readonly ManifestDoc[], namespace: string): Map<string, K8sObject> {
  const m = new Map<string, K8sObject>();
  for (const d of docs) {
    const o = d.object;
    const api = typeof o.apiVersion === 'string' ? o.apiVersion : '';
    const group = api.includes('/') ? api.slice(0, api.lastIndexOf('/')) : '';
    m.set(objectKey({ group, kind: o.kind, namespace: o.metadata?.namespace ?? namespace, name: o.metadata?.name ?? '' }), o);
  }
  return m;
}

function isScalar(v: unknown): boolean {
  return v === undefined || v === null || typeof v !== 'object';
}

/** For a changed object: its changed fields with the old and new value when both are scalars. */
function fieldChanges(sides: PlanSides): (c: ObjectChange) => FieldChange[] {
  const before = indexSide(sides.from, sides.namespace);
  const after = indexSide(sides.to, sides.namespace);
  return (c) => diffFields(before.get(objectKey(c)), after.get(objectKey(c)));
}

/** For a replaced template: the fields of its spec that differ from the template it replaces. */
function templateChanges(sides: PlanSides): (r: Replacement) => FieldChange[] {
  const before = indexSide(sides.from, sides.namespace);
  const after = indexSide(sides.to, sides.namespace);
  const find = (m: Map<string, K8sObject>, kind: string, namespace: string, name: string) => [...m.values()].find((o) => o.kind === kind && (o.metadata?.namespace ?? sides.namespace) === namespace && o.metadata?.name === name);
  return (r) => {
    const old = find(before, r.kind, r.namespace, r.from);
    const cur = find(after, r.kind, r.namespace, r.to);
    return old && cur ? diffFields(old.spec, cur.spec, 'spec') : [];
  };
}

/**
 * The walk of plan/diff.ts's changedPaths (same paths, same order), keeping the values: a path
 * cannot be looked up again afterwards, since keys such as `cluster.x-k8s.io/cluster-name` hold dots.
 */
function diffFields(a: unknown, b: unknown, path = ''): FieldChange[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [{ path: path || '.' }];
    return a.flatMap((x, i) => diffFields(x, b[i], `${path}[${i}]`));
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffFields(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return isScalar(a) && isScalar(b) ? [{ path: path || '.', from: a, to: b }] : [{ path: path || '.' }];
}

function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  const text = typeof v === 'string' && v !== '' && !/^\s|\s$/.test(v) ? v : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
