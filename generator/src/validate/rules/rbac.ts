// RoleBindings/ClusterRoleBindings reference a Role/ClusterRole and ServiceAccounts that exist.
import type { ValidationIssue } from '../types.ts';
import { type WiringRule, arr, get, record, str } from '../wiring.ts';

const RBAC = 'rbac.authorization.k8s.io';
/** ClusterRoles every cluster has (user-facing defaults and the system: family). */
const BUILTIN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

export function isBuiltinClusterRole(name: string): boolean {
  return BUILTIN_CLUSTER_ROLES.has(name) || name.startsWith('system:');
}

export const rbacRefs: WiringRule = {
  id: 'rbac-refs',
  description: 'RoleBinding/ClusterRoleBinding roleRef resolves (built-in ClusterRoles count) and ServiceAccount subjects exist',
  check(ctx) {
    const out: ValidationIssue[] = [];
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const d of ctx.ofKind(kind, RBAC)) {
        const roleRef = record(get(d.object, 'roleRef'));
        const rk = str(roleRef?.kind);
        const rn = str(roleRef?.name);
        if (rk && rn) {
          if (kind === 'ClusterRoleBinding' && rk !== 'ClusterRole') {
            out.push(ctx.issue(d, 'roleRef.kind', 'rbac-refs', `a ClusterRoleBinding can only reference a ClusterRole, not a ${rk}`));
          } else if (rk === 'ClusterRole' ? !isBuiltinClusterRole(rn) && !ctx.resolve('ClusterRole', '', rn, RBAC) : !ctx.resolve(rk, d.namespace, rn, RBAC)) {
            out.push(ctx.issue(d, 'roleRef.name', 'rbac-refs', `${rk} ${rk === 'Role' ? `${d.namespace}/` : ''}${rn} is not in the render and not declared external`));
          }
        }
        arr(get(d.object, 'subjects')).forEach((s, i) => {
          const sub = record(s) ?? {};
          if (sub.kind !== 'ServiceAccount') return;
          const name = str(sub.name);
          const ns = str(sub.namespace) ?? (kind === 'RoleBinding' ? d.namespace : undefined);
          if (!name) return;
          if (!ns) {
            out.push(ctx.issue(d, `subjects[${i}].namespace`, 'rbac-refs', 'a ServiceAccount subject of a ClusterRoleBinding needs a namespace'));
            return;
          }
          if (name !== 'default' && !ctx.resolve('ServiceAccount', ns, name, '')) {
            out.push(ctx.issue(d, `subjects[${i}].name`, 'rbac-refs', `ServiceAccount ${ns}/${name} is not in the render and not declared external`));
          }
        });
      }
    }
    return out;
  },
};
