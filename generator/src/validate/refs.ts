// Declared external objects: objects the render references but another release, the platform
// or the cluster itself provides. Syntax: `[group/]Kind/namespace/name`, `Kind/name`
// (any namespace, or cluster-scoped); `*` matches any namespace or name.

export interface ExternalRef {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  /** the text it was parsed from */
  spec: string;
}

export class ExternalRefError extends Error {}

export function parseExternalRef(spec: string): ExternalRef {
  const parts = spec.trim().split('/');
  if (parts.some((p) => p === '')) throw new ExternalRefError(`invalid external object "${spec}": use Kind/namespace/name, Kind/name or group/Kind/namespace/name`);
  if (parts.length === 4) return { group: parts[0]!, kind: parts[1]!, namespace: parts[2]!, name: parts[3]!, spec };
  if (parts.length === 3) {
    // `rbac.authorization.k8s.io/ClusterRole/x` (a dotted group) vs `Secret/ns/x`
    if (parts[0]!.includes('.')) return { group: parts[0]!, kind: parts[1]!, name: parts[2]!, spec };
    return { kind: parts[0]!, namespace: parts[1]!, name: parts[2]!, spec };
  }
  if (parts.length === 2) return { kind: parts[0]!, name: parts[1]!, spec };
  throw new ExternalRefError(`invalid external object "${spec}": use Kind/namespace/name, Kind/name or group/Kind/namespace/name`);
}

/** External refs from a file: one per line (blank lines and `#` comments ignored), or YAML list items `- Kind/ns/name`. */
export function parseExternalList(text: string): ExternalRef[] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').replace(/^\s*-\s+/, '').trim())
    .filter(Boolean)
    .map(parseExternalRef);
}

export function externalMatches(ref: ExternalRef, group: string | undefined, kind: string, namespace: string, name: string): boolean {
  if (ref.kind !== kind) return false;
  if (ref.group !== undefined && group !== undefined && ref.group !== group) return false;
  if (ref.namespace !== undefined && ref.namespace !== '*' && ref.namespace !== namespace) return false;
  return ref.name === '*' || ref.name === name;
}
