// RBAC sufficiency: a container whose image has an RBAC contract (contracts/rbac/: the API calls that
// component version makes, from its upstream code and RBAC manifests) runs as a ServiceAccount whose
// bound Roles/ClusterRoles allow every call its configuration leads to. A missing verb or resource is
// an error naming the component, the call and why upstream makes it. Roles that are not in the input
// (declared external, built-in admin/edit/view, aggregated) may allow anything: no finding then.
// Least privilege is the other direction and is not judged here.
import { isRepository, parseImage } from '../contracts/image.ts';
import { type ApiCall, type ContainerInput, RBAC_CONTRACTS, type RbacContract, contractCovers } from '../contracts/rbac/index.ts';
import { GrantIndex, decide } from '../contracts/rbac/evaluate.ts';
import { type WiringRule, arr, get, record, str, wiringRule } from '../wiring.ts';
import { podSpecs } from './pod-refs.ts';

export const RULE = 'rbac-sufficiency';

function contractFor(image: string, contracts: readonly RbacContract[]): [RbacContract, string] | undefined {
  const ref = parseImage(image);
  if (!ref.tag) return undefined;
  const c = contracts.find((k) => isRepository(ref, k.repository) && contractCovers(k, ref.tag!));
  return c ? [c, ref.tag] : undefined;
}

/** a commit is shown abbreviated, a tag in full */
const shortRef = (ref: string) => (/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 12) : ref);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const resourceName = (c: ApiCall) => (c.group ? `${c.resource.replace(/\/.*/, '')}.${c.group}${c.resource.includes('/') ? c.resource.slice(c.resource.indexOf('/')) : ''}` : c.resource);

export function rbacSufficiencyRule(contracts: readonly RbacContract[] = RBAC_CONTRACTS): WiringRule {
  const sources = contracts.map((c) => `${c.repository} (${c.source.repo}@${shortRef(c.source.ref)})`);
  return wiringRule({
    id: RULE,
    description: `the ServiceAccount of a known component is bound to Roles/ClusterRoles that allow the API calls its version makes (contracts from upstream code and RBAC manifests, contracts/rbac/: ${sources.join(', ')})`,
    check(ctx, report) {
      let index: GrantIndex | undefined;
      for (const [doc, base] of podSpecs(ctx)) {
        const podSpec = record(get(doc.object, base)) ?? {};
        if (podSpec.automountServiceAccountToken === false) continue;
        const containers = arr(podSpec.containers).map((c) => record(c) ?? {});
        const images = containers.map((c) => str(c.image) ?? '');
        containers.forEach((container, i) => {
          const found = contractFor(images[i]!, contracts);
          if (!found) return;
          const [contract, tag] = found;
          const input: ContainerInput = {
            ctx,
            doc,
            base,
            podSpec,
            container,
            argv: [...strings(container.command).slice(1), ...strings(container.args)],
            siblings: images.filter((_, j) => j !== i),
          };
          const facts = contract.facts(input);
          if ('skip' in facts) return;
          const sa = str(podSpec.serviceAccountName) ?? str(podSpec.serviceAccount) ?? 'default';
          index ??= new GrantIndex(ctx);
          const grants = index.of(doc.namespace, sa);
          for (const call of [...contract.calls, ...(contract.extraCalls?.(input, facts) ?? [])]) {
            if (call.when !== undefined && facts.facts[call.when] !== true) continue;
            const namespace = call.scope === 'cluster' ? undefined : call.scope === 'namespace' ? facts.namespace : call.scope.namespace;
            const denied = call.verbs.filter((verb) => decide(grants, { group: call.group, resource: call.resource, verb, namespace, ...(call.name ? { name: call.name } : {}) }) === 'denied');
            if (!denied.length) continue;
            const where =
              call.scope === 'cluster'
                ? 'cluster-wide (needs a ClusterRoleBinding)'
                : namespace === undefined
                  ? `in every namespace (${facts.namespaceFrom}; needs a ClusterRoleBinding)`
                  : `in namespace ${namespace}${call.scope === 'namespace' ? ` (${facts.namespaceFrom})` : ''}`;
            const because = call.when && facts.because?.[call.when] ? ` — ${facts.because[call.when]}` : '';
            report(
              doc,
              `${base}.serviceAccountName`,
              `${contract.component} ${tag} (ServiceAccount ${doc.namespace}/${sa}) is not allowed to ${denied.join(', ')} ${resourceName(call)}${call.name ? ` ${call.name}` : ''} ${where}: no Role/ClusterRole bound to the ServiceAccount allows it. Upstream ${contract.source.repo}@${shortRef(contract.source.ref)} ${call.file}: ${call.why}${because}`,
            );
          }
        });
      }
    },
  });
}

export const rbacSufficiency: WiringRule = rbacSufficiencyRule();
