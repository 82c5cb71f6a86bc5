// Kubernetes RBAC authorization over the input's Roles, ClusterRoles and their bindings, for one
// service account: does some bound rule allow a request? (pkg/registry/rbac/validation rule
// matching: apiGroups/resources/verbs with `*`, `*/subresource`, resourceNames; a RoleBinding
// grants only in its own namespace, a ClusterRoleBinding everywhere.)
import type { IndexedDoc } from '../../types.ts';
import { type WiringContext, arr, get, record, str } from '../../wiring.ts';

const RBAC = 'rbac.authorization.k8s.io';

export interface Request {
  group: string;
  resource: string;
  verb: string;
  /** undefined: cluster-scoped or every namespace */
  namespace: string | undefined;
  name?: string;
}

interface Grant {
  binding: IndexedDoc;
  /** undefined: cluster-wide (ClusterRoleBinding) */
  namespace: string | undefined;
  /** undefined: the role is not in the input (external, built-in admin/edit/view, aggregated): it may allow anything */
  rules: Record<string, unknown>[] | undefined;
  all?: boolean;
}

const list = (v: unknown) => arr(v).map((x) => String(x));

function subjectIsAccount(subject: Record<string, unknown>, bindingNs: string | undefined, ns: string, name: string): boolean {
  const kind = str(subject.kind);
  const n = str(subject.name);
  if (kind === 'ServiceAccount') return n === name && (str(subject.namespace) ?? bindingNs) === ns;
  if (kind === 'User') return n === `system:serviceaccount:${ns}:${name}`;
  if (kind === 'Group') return n === 'system:serviceaccounts' || n === `system:serviceaccounts:${ns}` || n === 'system:authenticated';
  return false;
}

function roleRules(ctx: WiringContext, kind: string, name: string, namespace: string): { rules?: Record<string, unknown>[]; all?: boolean } {
  if (kind === 'ClusterRole') {
    if (name === 'cluster-admin') return { all: true };
    const role = ctx.find('ClusterRole', '', name, RBAC);
    if (!role || get(role.object, 'aggregationRule') !== undefined) return {};
    return { rules: arr(get(role.object, 'rules')).map((r) => record(r) ?? {}) };
  }
  const role = ctx.find('Role', namespace, name, RBAC);
  return role ? { rules: arr(get(role.object, 'rules')).map((r) => record(r) ?? {}) } : {};
}

/** The grants of every ServiceAccount the input's bindings name, computed once per validation. */
export class GrantIndex {
  private readonly bySubject = new Map<string, Grant[]>();
  /** Group/User subjects: matched per account */
  private readonly other: { subject: Record<string, unknown>; grant: Grant; bindingNs: string | undefined }[] = [];

  constructor(ctx: WiringContext) {
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const b of ctx.ofKind(kind, RBAC)) {
        const bindingNs = kind === 'RoleBinding' ? b.namespace : undefined;
        const rk = str(get(b.object, 'roleRef.kind'));
        const rn = str(get(b.object, 'roleRef.name'));
        if (!rk || !rn) continue;
        const { rules, all } = roleRules(ctx, rk, rn, b.namespace);
        const grant: Grant = { binding: b, namespace: bindingNs, rules, ...(all ? { all } : {}) };
        for (const s of arr(get(b.object, 'subjects'))) {
          const subject = record(s) ?? {};
          if (str(subject.kind) === 'ServiceAccount') {
            const key = `${str(subject.namespace) ?? bindingNs}/${str(subject.name)}`;
            this.bySubject.set(key, [...(this.bySubject.get(key) ?? []), grant]);
          } else this.other.push({ subject, grant, bindingNs });
        }
      }
    }
  }

  /** Everything bound to ServiceAccount ns/name. */
  of(ns: string, name: string): Grant[] {
    return [...(this.bySubject.get(`${ns}/${name}`) ?? []), ...this.other.filter((o) => subjectIsAccount(o.subject, o.bindingNs, ns, name)).map((o) => o.grant)];
  }
}

/** Everything bound to ServiceAccount ns/name in the input. */
export function grantsOf(ctx: WiringContext, ns: string, name: string): Grant[] {
  return new GrantIndex(ctx).of(ns, name);
}

function ruleAllows(rule: Record<string, unknown>, req: Request): boolean {
  const groups = list(rule.apiGroups);
  if (!groups.includes('*') && !groups.includes(req.group)) return false;
  const verbs = list(rule.verbs);
  if (!verbs.includes('*') && !verbs.includes(req.verb)) return false;
  const resources = list(rule.resources);
  const slash = req.resource.indexOf('/');
  const sub = slash >= 0 ? req.resource.slice(slash) : undefined;
  if (!resources.some((r) => r === '*' || r === req.resource || (sub !== undefined && r === `*${sub}`))) return false;
  const names = list(rule.resourceNames);
  if (names.length && (req.name === undefined || !names.includes(req.name))) return false;
  return true;
}

export type Decision = 'allowed' | 'denied' | 'unknown';

/** Whether the grants allow the request: `unknown` when only roles we cannot read might. */
export function decide(grants: readonly Grant[], req: Request): Decision {
  let unknown = false;
  for (const g of grants) {
    if (g.namespace !== undefined && g.namespace !== req.namespace) continue;
    if (g.all) return 'allowed';
    if (!g.rules) {
      unknown = true;
      continue;
    }
    if (g.rules.some((r) => ruleAllows(r, req))) return 'allowed';
  }
  return unknown ? 'unknown' : 'denied';
}
