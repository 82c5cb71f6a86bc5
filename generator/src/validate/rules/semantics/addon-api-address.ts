// Addons installed into a tenant cluster (a HelmRelease with spec.kubeConfig) that need the API
// server address before cluster DNS works must not get a management-cluster Service DNS name:
// their agents run on the tenant's nodes (host network), whose resolver knows nothing of the
// management cluster's `*.svc` names. One data row per value that carries such an address.
import { valueAt } from '../../../util/json.ts';
import { childPath } from '../../schema-check.ts';
import { get, record, str, wiringRule } from '../../wiring.ts';
import { releases } from '../flux.ts';

export const RULE = 'addon-api-address';

export interface ApiAddressValue {
  /** path inside the chart values */
  path: readonly string[];
  chart: string;
  source: string;
}

export const API_ADDRESS_VALUES: readonly ApiAddressValue[] = [
  { path: ['k8sServiceHost'], chart: 'cilium', source: 'cilium/cilium install/kubernetes/cilium/values.yaml (k8sServiceHost: the agent talks to the API before kube-proxy or DNS)' },
  { path: ['kubernetesServiceEndpoint', 'host'], chart: 'tigera-operator', source: 'projectcalico/calico charts/tigera-operator/values.yaml (kubernetes-services-endpoint ConfigMap)' },
  { path: ['kubeAPIServerOverride'], chart: 'antrea', source: 'antrea-io/antrea build/charts/antrea/values.yaml (agent and controller API address)' },
];

/** The host of an address (`host`, `host:port`, `https://host:port/path`). */
export function hostOf(address: string): string {
  return address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
}

/** A management-cluster Service DNS name: `<svc>.<ns>.svc` or `<svc>.<ns>.svc.cluster.local`. */
export function isServiceDnsName(host: string): boolean {
  return /\.svc(\.cluster\.local)?\.?$/i.test(host);
}

export const addonApiAddress = wiringRule({
  id: RULE,
  description: `API server addresses in the values of HelmReleases installed into another cluster (spec.kubeConfig) are not management-cluster Service DNS names (*.svc, *.svc.cluster.local) that its nodes cannot resolve: ${API_ADDRESS_VALUES.map((v) => `${v.chart} ${v.path.join('.')} (${v.source.replace(/ \(.*$/, '')})`).join(', ')}`,
  check(ctx, report) {
    for (const d of releases(ctx)) {
      if (!record(get(d.object, 'spec.kubeConfig'))) continue;
      const values = record(get(d.object, 'spec.values'));
      if (!values) continue;
      for (const row of API_ADDRESS_VALUES) {
        const address = str(valueAt(values, row.path));
        if (!address || !isServiceDnsName(hostOf(address))) continue;
        const path = row.path.reduce((p, seg) => childPath(p, seg), 'spec.values');
        report(
          d,
          path,
          `${JSON.stringify(address)} is a management-cluster Service DNS name; the release installs into the cluster of spec.kubeConfig, whose nodes resolve names with their own resolver and cannot look it up (${row.source}). Use an address the tenant nodes reach: the control-plane endpoint the kubelets use, or (cilium) k8sServiceHost: auto`,
        );
      }
    }
  },
});
