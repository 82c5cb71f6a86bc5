// Flux HelmReleases: dependsOn targets and chart sources exist (in the render or declared
// external), dependsOn has no cycle, and a remote kubeConfig names the Secret the
// control-plane provider writes for a cluster (`<cluster>-kubeconfig`, key `value`).
// Also what other HelmRelease rules share: the Flux API groups, the releases, the chart a release installs.
import { basename } from 'node:path';
import type { IndexedDoc } from '../types.ts';
import { type WiringContext, arr, get, record, str, wiringRule } from '../wiring.ts';

export const HELM = 'helm.toolkit.fluxcd.io';
export const SOURCE = 'source.toolkit.fluxcd.io';

export function releases(ctx: WiringContext): IndexedDoc[] {
  return ctx.ofKind('HelmRelease', HELM);
}

/** The chart a HelmRelease installs, by name, or undefined when the input does not say. */
export function releaseChartName(ctx: WiringContext, d: IndexedDoc): string | undefined {
  const spec = record(get(d.object, 'spec.chart.spec'));
  const chart = str(spec?.chart);
  // a GitRepository or Bucket source names a path (./charts/kubernetes): the folder is the chart
  if (chart) return basename(chart.replace(/\/+$/, ''));
  const ref = record(get(d.object, 'spec.chartRef'));
  const kind = str(ref?.kind);
  const name = str(ref?.name);
  if (!kind || !name) return undefined;
  const source = ctx.find(kind, str(ref?.namespace) ?? d.namespace, name, SOURCE)?.object;
  if (kind === 'OCIRepository') return str(get(source, 'spec.url'))?.replace(/\/+$/, '').split('/').at(-1);
  if (kind === 'HelmChart') return basename(str(get(source, 'spec.chart'))?.replace(/\/+$/, '') ?? '') || undefined;
  return undefined;
}

export const helmReleaseDependsOn = wiringRule({
  id: 'helmrelease-depends-on',
  description: 'every HelmRelease in spec.dependsOn exists (render or declared external) and dependsOn has no cycle',
  check(ctx, report) {
    const edges = new Map<IndexedDoc, IndexedDoc[]>();
    for (const d of releases(ctx)) {
      const targets: IndexedDoc[] = [];
      arr(get(d.object, 'spec.dependsOn')).forEach((dep, i) => {
        const r = record(dep);
        const name = str(r?.name);
        if (!name) return;
        const namespace = str(r?.namespace) ?? d.namespace;
        const path = `spec.dependsOn[${i}]`;
        if (name === d.name && namespace === d.namespace) {
          report(d, path, 'a HelmRelease cannot depend on itself');
          return;
        }
        const res = ctx.resolve('HelmRelease', namespace, name, HELM);
        if (!res) report(d, path, `depends on HelmRelease ${namespace}/${name}, which is not in the render and not declared external; it would never become ready`);
        else if (res.where === 'render') targets.push(res.doc);
      });
      edges.set(d, targets);
    }
    // cycles: Flux waits forever on each member
    const state = new Map<IndexedDoc, 'open' | 'done'>();
    const stack: IndexedDoc[] = [];
    const visit = (d: IndexedDoc) => {
      state.set(d, 'open');
      stack.push(d);
      for (const t of edges.get(d) ?? []) {
        if (state.get(t) === 'open') {
          const cycle = [...stack.slice(stack.indexOf(t)), t].map((x) => x.name);
          report(t, 'spec.dependsOn', `dependsOn cycle ${cycle.join(' → ')}: none of them will ever reconcile`);
        } else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(d, 'done');
    };
    for (const d of edges.keys()) if (!state.has(d)) visit(d);
  },
});

export const helmReleaseSource = wiringRule({
  id: 'helmrelease-source',
  description: 'HelmRelease chart sources (spec.chart.spec.sourceRef or spec.chartRef) exist in the render or are declared external',
  check(ctx, report) {
    for (const d of releases(ctx)) {
      const refs: [string, Record<string, unknown> | undefined][] = [
        ['spec.chart.spec.sourceRef', record(get(d.object, 'spec.chart.spec.sourceRef'))],
        ['spec.chartRef', record(get(d.object, 'spec.chartRef'))],
      ];
      const present = refs.filter(([, r]) => r);
      if (present.length === 0) {
        report(d, 'spec', 'set exactly one chart source: spec.chart.spec.sourceRef or spec.chartRef');
        continue;
      }
      if (present.length > 1) report(d, 'spec.chartRef', 'spec.chart and spec.chartRef are mutually exclusive');
      for (const [path, r] of present) {
        const kind = str(r!.kind);
        const name = str(r!.name);
        if (!kind || !name) continue; // schema reports the missing field
        const namespace = str(r!.namespace) ?? d.namespace;
        if (!ctx.resolve(kind, namespace, name, SOURCE)) {
          report(d, `${path}.name`, `chart source ${kind} ${namespace}/${name} is not in the render and not declared external (e.g. --external ${kind}/${namespace}/${name})`);
        }
      }
    }
  },
});

export const helmReleaseKubeconfig = wiringRule({
  id: 'helmrelease-kubeconfig',
  description: "a HelmRelease's spec.kubeConfig.secretRef names the kubeconfig Secret the control-plane provider writes for a cluster",
  check(ctx, report) {
    for (const d of releases(ctx)) {
      const ref = record(get(d.object, 'spec.kubeConfig.secretRef'));
      const name = str(ref?.name);
      if (!name) continue;
      const key = str(ref?.key);
      const res = ctx.resolve('Secret', d.namespace, name, '');
      if (res?.where === 'provider') {
        if (key && !res.provided.keys.includes(key)) {
          report(d, 'spec.kubeConfig.secretRef.key', `Secret ${name} (written by ${res.provided.by}) has keys ${res.provided.keys.join(', ')}, not "${key}"`);
        } else if (!key && !res.provided.keys.includes('value')) {
          report(d, 'spec.kubeConfig.secretRef', `Secret ${name} (written by ${res.provided.by}) has no key "value" (Flux's default); use ${res.provided.keys.map((k) => `key: ${k}`).join(' or ')}, or the CAPI Secret <cluster>-kubeconfig`);
        }
        continue;
      }
      if (res?.where === 'external') continue;
      const clusters = ctx.inNamespace('Cluster', d.namespace, 'cluster.x-k8s.io');
      if (res?.where === 'render') {
        report(d, 'spec.kubeConfig.secretRef.name', `Secret ${name} is rendered by the chart, but a tenant kubeconfig must be the one the control-plane provider writes (${clusters.map((c) => `${c.name}-kubeconfig`).join(', ') || '<cluster>-kubeconfig'})`);
        continue;
      }
      const expected = clusters.map((c) => `"${c.name}-kubeconfig"`).join(' or ');
      report(
        d,
        'spec.kubeConfig.secretRef.name',
        expected
          ? `kubeconfig Secret "${name}" is not what the control-plane provider writes; expected ${expected}`
          : `kubeconfig Secret "${name}" belongs to no Cluster in ${d.namespace} (expected <cluster>-kubeconfig); add the Cluster to the input or declare --external Secret/${d.namespace}/${name}`,
      );
    }
  },
});

export const helmReleaseValuesFrom = wiringRule({
  id: 'helmrelease-values-from',
  description: 'Secrets/ConfigMaps in a HelmRelease spec.valuesFrom exist (render, provider or declared external) unless optional, with the key read',
  check(ctx, report) {
    for (const d of releases(ctx)) {
      arr(get(d.object, 'spec.valuesFrom')).forEach((v, i) => {
        const r = record(v);
        const kind = str(r?.kind);
        const name = str(r?.name);
        if (!r || r.optional === true || !name || (kind !== 'Secret' && kind !== 'ConfigMap')) return;
        const res = ctx.resolve(kind, d.namespace, name, '');
        const path = `spec.valuesFrom[${i}]`;
        if (!res) {
          report(d, `${path}.name`, `${kind} ${d.namespace}/${name} is not in the render and not declared external; the release fails until it exists (or set optional: true)`);
          return;
        }
        const key = str(r.valuesKey) ?? 'values.yaml';
        const keys = res.where === 'render' ? [...Object.keys(record((res.doc.object as Record<string, unknown>).data) ?? {}), ...Object.keys(record((res.doc.object as Record<string, unknown>).stringData) ?? {})] : res.where === 'provider' ? res.provided.keys : undefined;
        if (keys && !keys.includes(key)) report(d, `${path}.valuesKey`, `${kind} ${name} has no key "${key}" (it has: ${keys.join(', ') || 'none'})`);
      });
    }
  },
});

/** Namespaces every (new) Kubernetes cluster has. */
const BUILTIN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export const helmReleaseRemote = wiringRule({
  id: 'helmrelease-remote',
  description: 'a HelmRelease into a remote cluster (spec.kubeConfig) stores its release in the targetNamespace and creates that namespace when a new cluster lacks it',
  check(ctx, report) {
    for (const d of releases(ctx)) {
      if (!record(get(d.object, 'spec.kubeConfig'))) continue;
      const target = str(get(d.object, 'spec.targetNamespace')) ?? d.namespace;
      const storage = str(get(d.object, 'spec.storageNamespace')) ?? d.namespace;
      if (storage !== target) {
        report(d, 'spec.storageNamespace', `Helm stores the release in namespace "${storage}" of the remote cluster, which need not exist there; set storageNamespace to the targetNamespace "${target}"`);
      }
      if (!BUILTIN_NAMESPACES.has(target) && get(d.object, 'spec.install.createNamespace') !== true) {
        report(d, 'spec.install.createNamespace', `namespace "${target}" does not exist on a new tenant cluster; set install.createNamespace: true`);
      }
    }
  },
});
