// Object names and metadata follow Kubernetes' rules.
//
// Name rule per kind (the choice, documented):
// * DNS-1123 label (≤ 63, [a-z0-9-], alphanumeric at both ends) for kinds whose name Kubernetes
//   itself validates as a label (Namespace, Service) and for kinds whose name becomes a label value
//   or a Service name downstream: Cluster (cluster.x-k8s.io/cluster-name), MachineDeployment
//   (…/deployment-name), MachineSet (…/set-name), KamajiControlPlane and
//   TenantControlPlane (Kamaji names the control-plane Service after it), StatefulSet
//   (pod hostname + controller-revision-hash label), Job (job-name label). CronJob: ≤ 52
//   (Kubernetes appends an 11-character suffix for its Jobs).
// * RBAC kinds: any path-segment name (e.g. `system:metrics-reader`), ≤ 253.
// * Every other kind: DNS-1123 subdomain (≤ 253, label segments separated by dots).
// Labels: keys are `[prefix/]name` (prefix a subdomain, name ≤ 63), values ≤ 63 and strings;
// annotation values must be strings.
import { childPath } from '../schema-check.ts';
import { record, wiringRule } from '../wiring.ts';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const LABEL_NAMED_KINDS = new Set([
  'Namespace', 'Service',
  'Cluster', 'MachineDeployment', 'MachineSet',
  'KamajiControlPlane', 'TenantControlPlane',
  'StatefulSet', 'Job',
]);
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const MAX_LENGTH: Record<string, number> = { CronJob: 52 };

export function nameProblem(kind: string, name: string): string | undefined {
  if (PATH_SEGMENT_KINDS.has(kind)) {
    if (name === '.' || name === '..' || /[/%]/.test(name)) return `"${name}" may not be "." or ".." or contain "/" or "%"`;
    return name.length > 253 ? `"${name}" is ${name.length} characters; at most 253` : undefined;
  }
  const max = MAX_LENGTH[kind] ?? (LABEL_NAMED_KINDS.has(kind) ? 63 : 253);
  if (name.length > max) return `"${name}" is ${name.length} characters; a ${kind} name may have at most ${max}`;
  if (LABEL_NAMED_KINDS.has(kind) || MAX_LENGTH[kind]) {
    if (!LABEL.test(name)) return `"${name}" is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)`;
  } else if (!SUBDOMAIN.test(name)) {
    return `"${name}" is not a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit)`;
  }
  return undefined;
}

export function labelProblem(key: string, value: unknown): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return `label key prefix "${prefix}" is not a DNS-1123 subdomain`;
  if (name.length > 63 || !LABEL_NAME.test(name)) return `label key "${key}" is invalid (name part: ≤ 63 alphanumerics, "-", "_", "." with alphanumerics at both ends)`;
  if (typeof value !== 'string') return `label value must be a string, got ${value === null ? 'null' : typeof value} ${JSON.stringify(value)} (quote it in the template)`;
  if (value.length > 63) return `label value "${value}" is ${value.length} characters; at most 63`;
  if (value !== '' && !LABEL_NAME.test(value)) return `label value "${value}" is invalid (alphanumerics, "-", "_", "." with alphanumerics at both ends)`;
  return undefined;
}

export const names = wiringRule({
  id: 'names',
  description: 'names are DNS-1123 (label ≤ 63 or subdomain ≤ 253, per kind); label keys/values and annotation values are valid strings',
  check(ctx, report) {
    for (const d of ctx.docs) {
      const meta = record(d.object.metadata);
      if (!d.name) {
        if (!meta?.generateName) report(d, 'metadata.name', 'missing metadata.name');
      } else {
        const p = nameProblem(d.object.kind, d.name);
        if (p) report(d, 'metadata.name', p);
      }
      if (d.object.metadata?.namespace !== undefined && d.namespace && !LABEL.test(d.namespace)) {
        report(d, 'metadata.namespace', `namespace "${d.namespace}" is not a DNS-1123 label`);
      }
      for (const [k, v] of Object.entries(record(meta?.labels) ?? {})) {
        const p = labelProblem(k, v);
        if (p) report(d, childPath('metadata.labels', k), p);
      }
      for (const [k, v] of Object.entries(record(meta?.annotations) ?? {})) {
        if (typeof v !== 'string') report(d, childPath('metadata.annotations', k), `annotation value must be a string, got ${v === null ? 'null' : typeof v} ${JSON.stringify(v)} (quote it in the template)`);
      }
    }
  },
});
