// Objects that controllers write at run time, so a render never contains them but pods and
// HelmReleases may reference them. Data-driven: a provider maps rendered objects to what they
// cause to exist. Sources: REFERENCE.md (Kamaji, CAPI contract) and upstream docs.
import type { IndexedDoc } from './types.ts';

export interface ProvidedObject {
  kind: 'Secret' | 'ConfigMap';
  /** '*' = every namespace */
  namespace: string;
  name: string;
  keys: string[];
  /** who writes it, for messages */
  by: string;
}

type Lookup = (kind: string, group: string) => IndexedDoc[];
type Provider = (ofKind: Lookup) => ProvidedObject[];

const KAMAJI_ADMIN_KEYS = ['admin.conf', 'super-admin.conf', 'admin.svc', 'super-admin.svc'];

export const PROVIDERS: readonly Provider[] = [
  // CAPI contract Secret `<cluster>-kubeconfig` (key `value`), written by the control-plane provider
  (ofKind) => ofKind('Cluster', 'cluster.x-k8s.io').map((c) => ({ kind: 'Secret', namespace: c.namespace, name: `${c.name}-kubeconfig`, keys: ['value'], by: `the control-plane provider of Cluster ${c.name}` })),
  // Kamaji's own admin kubeconfig of a TenantControlPlane (named like the KamajiControlPlane)
  (ofKind) =>
    [...ofKind('KamajiControlPlane', 'controlplane.cluster.x-k8s.io'), ...ofKind('TenantControlPlane', 'kamaji.clastix.io')].map((k) => ({
      kind: 'Secret',
      namespace: k.namespace,
      name: `${k.name}-admin-kubeconfig`,
      keys: KAMAJI_ADMIN_KEYS,
      by: `Kamaji for ${k.object.kind} ${k.name}`,
    })),
  // cert-manager writes the certificate's key pair into spec.secretName
  (ofKind) =>
    ofKind('Certificate', 'cert-manager.io').flatMap((c) => {
      const name = (c.object as { spec?: { secretName?: unknown } }).spec?.secretName;
      return typeof name === 'string' ? [{ kind: 'Secret' as const, namespace: c.namespace, name, keys: ['tls.crt', 'tls.key', 'ca.crt'], by: `cert-manager for Certificate ${c.name}` }] : [];
    }),
  // Kubernetes publishes the cluster CA into every namespace
  () => [{ kind: 'ConfigMap', namespace: '*', name: 'kube-root-ca.crt', keys: ['ca.crt'], by: 'Kubernetes (every namespace)' }],
];
