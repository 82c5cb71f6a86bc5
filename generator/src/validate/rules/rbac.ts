// RoleBindings/ClusterRoleBindings reference a Role/ClusterRole and ServiceAccounts that exist.
import { arr, get, record, str, wiringRule } from '../wiring.ts';

const RBAC = 'rbac.authorization.k8s.io';
/** ClusterRoles every cluster has (user-facing defaults and the system: family). */
const BUILTIN_CLUSTER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);

export function isBuiltinClusterRole(name: string): boolean {
  return BUILTIN_CLUSTER_ROLES.has(name) || name.startsWith('system:');
}

export const rbacRefs = wiringRule({
  id: 'rbac-refs',
  description: 'RoleBinding/ClusterRoleBinding roleRef resolves (built-in ClusterRoles count) and ServiceAccount subjects exist',
  check(ctx, report) {
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const d of ctx.ofKind(kind, RBAC)) {
        const roleRef = record(get(d.object, 'roleRef'));
        const rk = str(roleRef?.kind);
        const rn = str(roleRef?.name);
        if (rk && rn) {
          if (kind === 'ClusterRoleBinding' && rk !== 'ClusterRole') {
            report(d, 'roleRef.kind', `a ClusterRoleBinding can only reference a ClusterRole, not a ${rk}`);
          } else if (rk === 'ClusterRole' ? !isBuiltinClusterRole(rn) && !ctx.resolve('ClusterRole', '', rn, RBAC) : !ctx.resolve(rk, d.namespace, rn, RBAC)) {
            report(d, 'roleRef.name', `${rk} ${rk === 'Role' ? `${d.namespace}/` : ''}${rn} is not in the render and not declared external`);
          }
        }
        arr(get(d.object, 'subjects')).forEach((s, i) => {
          const sub = record(s) ?? {};
          if (sub.kind !== 'ServiceAccount') return;
          const name = str(sub.name);
          const ns = str(sub.namespace) ?? (kind === 'RoleBinding' ? d.namespace : undefined);
          if (!name) return;
          if (!ns) {
            report(d, `subjects[${i}].namespace`, 'a ServiceAccount subject of a ClusterRoleBinding needs a namespace');
            return;
          }
          if (name !== 'default' && !ctx.resolve('ServiceAccount', ns, name, '')) {
            report(d, `subjects[${i}].name`, `ServiceAccount ${ns}/${name} is not in the render and not declared external`);
          }
        });
      }
    }
  },
});
