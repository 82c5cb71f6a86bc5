// Fuzz profile of charts/management-platform: tenants in their own namespaces. The other cross-field
// rules (a DataStore without the bundled etcd needs endpoints) are the values schema's (allOf of
// schemas/management-platform/values.schema.yaml): sampled values are filtered through it, and the
// invalid-values corpus (test/invalid/management-platform) checks Helm's message.
import type { ChartProfile } from '../../support/fuzz/property.ts';
import { CLUSTER_APIS, PLATFORM_NAMESPACE, RELEASE } from '../../platform/support.ts';

type V = Record<string, unknown>;
const obj = (v: unknown): V => (v && typeof v === 'object' && !Array.isArray(v) ? (v as V) : {});

export const platformProfile: ChartProfile = {
  chart: 'management-platform',
  release: RELEASE,
  namespace: PLATFORM_NAMESPACE,
  apiVersions: CLUSTER_APIS,
  sample: { optionalProbability: 0.5, maxEntries: 3 },
  repair(values) {
    // each tenant in its own namespace, none shared with the platform's other namespaces (uniqueness
    // across map entries: a template rule, JSON Schema cannot state it)
    const tenants = obj(values.tenants);
    Object.entries(tenants).forEach(([name, t], i) => {
      if (t && typeof t === 'object') (t as V).namespace = `tenant-ns-${i}`;
      else tenants[name] = {};
    });
    return values;
  },
  crossFieldMutations: [
    (values) => {
      const v = structuredClone(values);
      v.tenants = { 'tenant-a': { namespace: 'same' }, 'tenant-b': { namespace: 'same' } };
      return { kind: 'cross-field', path: ['tenants'], mustMention: 'tenants.tenant-b', values: v };
    },
  ],
};
