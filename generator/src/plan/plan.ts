// What an upgrade from one render to another does, before running it: objects added, removed and
// changed; immutable templates replaced (a new `<release>-<group>-<hash>` name); node groups that
// roll (a MachineDeployment whose machine template changes makes CAPI replace every machine).
import type { K8sObject, ManifestDoc } from '../manifest/parse.ts';
import { dottedPath, valueAt } from '../util/json.ts';
import { changedPaths } from './diff.ts';

/** Kinds the chart names by content hash: a change is a new object, not an update. */
export const IMMUTABLE_TEMPLATE_KINDS = ['KubevirtMachineTemplate', 'KubeadmConfigTemplate'];

/**
 * Fields under a MachineDeployment's spec.template that CAPI propagates in place (no rollout):
 * template labels/annotations, the deletion timeouts and minReadySeconds.
 */
const IN_PLACE_TEMPLATE_FIELDS = [/^spec\.template\.metadata(\.|$)/, /^spec\.template\.spec\.deletion(\.|$)/, /^spec\.template\.spec\.minReadySeconds$/];

export interface ObjectId {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface ObjectChange extends ObjectId {
  ref: string;
  /** changed: the JSON paths that differ */
  paths?: string[];
  /** removed objects Helm keeps (helm.sh/resource-policy: keep) */
  kept?: boolean;
}

export interface Replacement {
  kind: string;
  namespace: string;
  from: string;
  to: string;
  /** the node group (MachineDeployment name) that uses the template, when known */
  machineDeployment?: string;
}

export interface RollingGroup {
  /** MachineDeployment name */
  name: string;
  namespace: string;
  /** the node group's name: the MachineDeployment name without `<release>-` when the release is known */
  group: string;
  /** why: each changed field under spec.template that triggers a rollout, with old → new */
  reasons: string[];
}

export interface Plan {
  added: ObjectChange[];
  removed: ObjectChange[];
  changed: ObjectChange[];
  unchanged: number;
  replaced: Replacement[];
  rolling: RollingGroup[];
  /**
   * Immutable templates whose content changes under the same name: the API server rejects the
   * update (CAPI/CAPK webhooks), so the upgrade would fail — the name must carry the content hash.
   */
  immutableUpdates: ObjectChange[];
}

export function planHasChanges(p: Plan): boolean {
  return p.added.length + p.removed.length + p.changed.length > 0;
}

function groupOf(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

function idOf(o: K8sObject, defaultNamespace: string): ObjectId {
  return { group: groupOf(o.apiVersion ?? ''), kind: o.kind, namespace: o.metadata?.namespace ?? defaultNamespace, name: o.metadata?.name ?? '' };
}

/** The API version is not part of an object's identity: a served-version bump is a change. */
function key(id: ObjectId): string {
  return `${id.group}/${id.kind}/${id.namespace}/${id.name}`;
}

export function refOf(id: ObjectId): string {
  return `${id.kind}/${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

function index(docs: readonly ManifestDoc[], ns: string): Map<string, { id: ObjectId; object: K8sObject }> {
  const m = new Map<string, { id: ObjectId; object: K8sObject }>();
  for (const d of docs) {
    const id = idOf(d.object, ns);
    m.set(key(id), { id, object: d.object });
  }
  return m;
}

function byRef(a: ObjectChange, b: ObjectChange): number {
  return a.ref.localeCompare(b.ref);
}

/** Template refs of a MachineDeployment that select the machines' content. */
const MD_TEMPLATE_REFS = ['spec.template.spec.infrastructureRef', 'spec.template.spec.bootstrap.configRef'];

export interface PlanOptions {
  /** namespace of objects rendered without one (helm's --namespace) */
  namespace?: string;
  /** release name: node groups are reported as the MachineDeployment name without `<release>-` */
  release?: string;
}

export function planChanges(from: readonly ManifestDoc[], to: readonly ManifestDoc[], opts: PlanOptions = {}): Plan {
  const ns = opts.namespace ?? 'default';
  const before = index(from, ns);
  const after = index(to, ns);
  const added: ObjectChange[] = [];
  const removed: ObjectChange[] = [];
  const changed: ObjectChange[] = [];
  let unchanged = 0;

  for (const [k, { id, object }] of after) {
    const old = before.get(k);
    if (!old) {
      added.push({ ...id, ref: refOf(id) });
      continue;
    }
    const paths = changedPaths(old.object, object);
    if (paths.length) changed.push({ ...id, ref: refOf(id), paths });
    else unchanged++;
  }
  for (const [k, { id, object }] of before) {
    if (after.has(k)) continue;
    const kept = object.metadata?.annotations?.['helm.sh/resource-policy'] === 'keep';
    removed.push({ ...id, ref: refOf(id), ...(kept ? { kept } : {}) });
  }

  const replaced: Replacement[] = [];
  const rolling: RollingGroup[] = [];
  const paired = new Set<string>();
  for (const c of changed) {
    if (c.kind !== 'MachineDeployment') continue;
    const k = key(c);
    const old = before.get(k)!.object;
    const cur = after.get(k)!.object;
    const reasons: string[] = [];
    for (const p of c.paths ?? []) {
      if (!p.startsWith('spec.template.') || IN_PLACE_TEMPLATE_FIELDS.some((re) => re.test(p))) continue;
      reasons.push(`${p}: ${show(valueAt(old, dottedPath(p)))} → ${show(valueAt(cur, dottedPath(p)))}`);
    }
    if (!reasons.length) continue;
    rolling.push({ name: c.name, namespace: c.namespace, group: nodeGroupName(cur, opts.release), reasons });
    for (const refPath of MD_TEMPLATE_REFS) {
      const oldRef = valueAt(old, dottedPath(refPath)) as { kind?: string; name?: string } | undefined;
      const newRef = valueAt(cur, dottedPath(refPath)) as { kind?: string; name?: string } | undefined;
      if (oldRef?.name && newRef?.name && oldRef.name !== newRef.name && oldRef.kind === newRef.kind && oldRef.kind) {
        replaced.push({ kind: oldRef.kind, namespace: c.namespace, from: oldRef.name, to: newRef.name, machineDeployment: c.name });
        paired.add(`${oldRef.kind}/${c.namespace}/${oldRef.name}`).add(`${newRef.kind}/${c.namespace}/${newRef.name}`);
      }
    }
  }
  // immutable templates renamed without a MachineDeployment in the render: pair by name prefix
  for (const r of removed) {
    if (!IMMUTABLE_TEMPLATE_KINDS.includes(r.kind) || paired.has(`${r.kind}/${r.namespace}/${r.name}`)) continue;
    const prefix = hashPrefix(r.name);
    if (!prefix) continue;
    const match = added.find((a) => a.kind === r.kind && a.namespace === r.namespace && hashPrefix(a.name) === prefix && !paired.has(`${a.kind}/${a.namespace}/${a.name}`));
    if (!match) continue;
    replaced.push({ kind: r.kind, namespace: r.namespace, from: r.name, to: match.name });
    paired.add(`${r.kind}/${r.namespace}/${r.name}`).add(`${match.kind}/${match.namespace}/${match.name}`);
  }

  return {
    added: added.sort(byRef),
    removed: removed.sort(byRef),
    changed: changed.sort(byRef),
    unchanged,
    replaced: replaced.sort((a, b) => `${a.kind}/${a.from}`.localeCompare(`${b.kind}/${b.from}`)),
    rolling: rolling.sort((a, b) => a.name.localeCompare(b.name)),
    immutableUpdates: changed.filter((c) => IMMUTABLE_TEMPLATE_KINDS.includes(c.kind) && (c.paths ?? []).some((p) => p.startsWith('spec.'))),
  };
}

/** `tenant-a-workers-1a2b3c4d` → `tenant-a-workers` (the last segment is the content hash). */
function hashPrefix(name: string): string | undefined {
  const m = /^(.+)-[a-z0-9]{5,16}$/.exec(name);
  return m?.[1];
}

function nodeGroupName(md: K8sObject, release: string | undefined): string {
  const name = md.metadata?.name ?? '';
  return release && name.startsWith(`${release}-`) ? name.slice(release.length + 1) : name;
}

function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
