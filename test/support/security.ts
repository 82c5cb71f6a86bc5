// Security checks over rendered objects (pure): restricted Pod Security, RBAC breadth,
// secrets leaking into plain config, and what reaches the tenant cluster.
import type { K8sObject } from '../../generator/src/manifest/parse.ts';
import { objectRef } from '../../generator/src/manifest/parse.ts';
import { record } from '../../generator/src/util/json.ts';

export interface Finding {
  object: string;
  rule: string;
  detail: string;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => record(v) ?? {};
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** The pod spec inside a workload object, or undefined for non-workloads. */
export function podSpecOf(o: K8sObject): Obj | undefined {
  const spec = asObj(o.spec);
  switch (o.kind) {
    case 'Pod':
      return spec;
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'Job':
      return asObj(asObj(spec.template).spec);
    case 'CronJob':
      return asObj(asObj(asObj(asObj(spec.jobTemplate).spec).template).spec);
    default:
      return undefined;
  }
}

const ALLOWED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** Pod Security Standards "restricted" profile (v1.30 rules), evaluated on one pod spec. */
export function restrictedViolations(o: K8sObject): Finding[] {
  const pod = podSpecOf(o);
  if (!pod) return [];
  const out: Finding[] = [];
  const add = (rule: string, detail: string) => out.push({ object: objectRef(o), rule, detail });
  const podSc = asObj(pod.securityContext);
  for (const hostKey of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[hostKey] === true) add('host-namespaces', `${hostKey}: true`);
  for (const v of asList(pod.volumes)) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type && !ALLOWED_VOLUME_TYPES.has(type)) add('volume-types', `volume ${String(v.name)} is ${type}`);
  }
  const containers = [...asList(pod.containers), ...asList(pod.initContainers), ...asList(pod.ephemeralContainers)];
  for (const c of containers) {
    const sc = asObj(c.securityContext);
    const name = String(c.name);
    if (sc.privileged === true) add('privileged', `container ${name} is privileged`);
    if (sc.allowPrivilegeEscalation !== false) add('allowPrivilegeEscalation', `container ${name} must set allowPrivilegeEscalation: false`);
    const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    if (runAsNonRoot !== true) add('runAsNonRoot', `container ${name} must run as non-root (runAsNonRoot: true)`);
    if ((sc.runAsUser ?? podSc.runAsUser) === 0) add('runAsUser', `container ${name} runs as UID 0`);
    const seccomp = asObj(sc.seccompProfile ?? podSc.seccompProfile).type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') add('seccompProfile', `container ${name} needs seccompProfile RuntimeDefault`);
    const caps = asObj(sc.capabilities);
    const drop = (caps.drop as string[] | undefined) ?? [];
    if (!drop.includes('ALL')) add('capabilities', `container ${name} must drop ALL capabilities`);
    for (const a of (caps.add as string[] | undefined) ?? []) if (a !== 'NET_BIND_SERVICE') add('capabilities', `container ${name} adds ${a}`);
    for (const p of asList(c.ports)) if (p.hostPort) add('host-ports', `container ${name} uses hostPort ${String(p.hostPort)}`);
  }
  return out;
}

/** ClusterRoles/Roles whose rules use wildcard verbs, resources or API groups. */
export function wildcardRbac(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  for (const o of objects) {
    if (o.kind !== 'ClusterRole' && o.kind !== 'Role') continue;
    for (const rule of asList((o as Obj).rules)) {
      for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
        if (((rule[field] as string[] | undefined) ?? []).includes('*')) {
          out.push({ object: objectRef(o), rule: 'rbac-wildcard', detail: `${field} contains "*"` });
        }
      }
    }
  }
  return out;
}

function secretValues(objects: K8sObject[]): string[] {
  const values: string[] = [];
  for (const o of objects) {
    if (o.kind !== 'Secret') continue;
    for (const v of Object.values(asObj((o as Obj).data))) values.push(Buffer.from(String(v), 'base64').toString('utf8'));
    for (const v of Object.values(asObj((o as Obj).stringData))) values.push(String(v));
  }
  return values.filter((v) => v.length >= 8);
}

function stringsIn(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsIn(x, out);
  return out;
}

const CREDENTIAL_MARKERS = [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /client-key-data:/, /\btoken:\s*\S{20,}/];

/** Secret data never appears in ConfigMaps or HelmRelease values; no credential material in them at all. */
export function secretLeaks(objects: K8sObject[]): Finding[] {
  const secrets = secretValues(objects);
  const out: Finding[] = [];
  for (const o of objects) {
    const plain = o.kind === 'ConfigMap' ? stringsIn((o as Obj).data) : o.kind === 'HelmRelease' ? stringsIn(asObj((o as Obj).spec).values) : [];
    for (const s of plain) {
      if (secrets.some((sv) => s.includes(sv))) out.push({ object: objectRef(o), rule: 'secret-copied', detail: 'contains Secret data' });
      for (const m of CREDENTIAL_MARKERS) if (m.test(s)) out.push({ object: objectRef(o), rule: 'credential-material', detail: `matches ${m}` });
    }
  }
  return out;
}

/**
 * What Flux installs into the tenant (HelmReleases with spec.kubeConfig) must not carry
 * management-cluster credentials: no valuesFrom reading management Secrets, and no value that
 * names a management-side Secret (the tenant kubeconfig, service-account tokens).
 */
export function managementCredentialsInTenant(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  const managementSecrets = new Set(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name ?? ''));
  for (const o of objects) {
    if (o.kind !== 'HelmRelease') continue;
    const spec = asObj((o as Obj).spec);
    if (!spec.kubeConfig) continue;
    const kubeconfigSecret = String(asObj(asObj(spec.kubeConfig).secretRef).name ?? '');
    for (const vf of asList(spec.valuesFrom)) {
      if (vf.kind === 'Secret') out.push({ object: objectRef(o), rule: 'tenant-receives-secret', detail: `valuesFrom Secret ${String(vf.name)}` });
    }
    for (const s of stringsIn(spec.values)) {
      if (s === kubeconfigSecret || managementSecrets.has(s) || /serviceaccount\/token/.test(s)) {
        out.push({ object: objectRef(o), rule: 'tenant-receives-secret', detail: `value references management Secret or token "${s}"` });
      }
    }
  }
  return out;
}
