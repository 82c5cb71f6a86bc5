// Fuzz profile of charts/management-platform: tenants in their own namespaces, a DataStore with
// endpoints when the bundled etcd is off.
import type { ChartProfile } from '../../support/fuzz/property.ts';
import { CLUSTER_APIS, PLATFORM_NAMESPACE, RELEASE } from '../../platform/support.ts';

type V = Record<string, unknown>;
const obj = (v: unknown): V => (v && typeof v === 'object' && !Array.isArray(v) ? (v as V) : {});
const ensure = (parent: V, key: string): V => {
  if (!parent[key] || typeof parent[key] !== 'object' || Array.isArray(parent[key])) parent[key] = {};
  return parent[key] as V;
};

export const platformProfile: ChartProfile = {
  chart: 'management-platform',
  release: RELEASE,
  namespace: PLATFORM_NAMESPACE,
  apiVersions: CLUSTER_APIS,
  sample: { optionalProbability: 0.5, maxEntries: 3 },
  repair(values) {
    // each tenant in its own namespace, none shared with the platform's other namespaces
    const tenants = obj(values.tenants);
    Object.entries(tenants).forEach(([name, t], i) => {
      if (t && typeof t === 'object') (t as V).namespace = `tenant-ns-${i}`;
      else tenants[name] = {};
    });
    // the DataStore needs the bundled etcd or explicit endpoints
    if (obj(obj(values.components)['kamaji-etcd']).enabled === false) {
      const d = ensure(values, 'datastore');
      if (!Array.isArray(d.endpoints) || d.endpoints.length === 0) d.endpoints = ['etcd-0.example.internal:2379'];
    }
    return values;
  },
  crossFieldMutations: [
    (values) => {
      const v = structuredClone(values);
      v.tenants = { 'tenant-a': { namespace: 'same' }, 'tenant-b': { namespace: 'same' } };
      return { kind: 'cross-field', path: ['tenants'], mustMention: 'tenants.tenant-b', values: v };
    },
    (values) => {
      const v = structuredClone(values);
      ensure(ensure(v, 'components'), 'kamaji-etcd').enabled = false;
      ensure(v, 'datastore').endpoints = [];
      ensure(v, 'datastore').enabled = true;
      return { kind: 'cross-field', path: ['datastore', 'endpoints'], mustMention: 'datastore.endpoints', values: v };
    },
  ],
};
