// Pods (bare or in workload templates) only reference Secrets, ConfigMaps and ServiceAccounts
// that exist: in the render, declared external, or written by a provider (tenant kubeconfigs).
// `optional: true` references are skipped. When the target is known, referenced keys must exist.
import type { IndexedDoc } from '../types.ts';
import { type Report, type Resolution, type WiringContext, arr, get, record, str, wiringRule } from '../wiring.ts';

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATHS: Record<string, string> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

interface Ref {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  path: string;
  keys: string[];
}

function keysOf(res: Resolution): string[] | undefined {
  if (res.where === 'provider') return res.provided.keys;
  if (res.where === 'render') {
    const o = res.doc.object as Record<string, unknown>;
    return [...Object.keys(record(o.data) ?? {}), ...Object.keys(record(o.stringData) ?? {}), ...Object.keys(record(o.binaryData) ?? {})];
  }
  return undefined;
}

function collect(spec: Record<string, unknown>, base: string): Ref[] {
  const refs: Ref[] = [];
  arr(spec.volumes).forEach((v, i) => {
    const vol = record(v) ?? {};
    const p = `${base}.volumes[${i}]`;
    const items = (x: unknown) => arr(record(x)?.items).map((it) => str(record(it)?.key)).filter((k): k is string => !!k);
    const s = record(vol.secret);
    if (s && !s.optional && str(s.secretName)) refs.push({ kind: 'Secret', name: s.secretName as string, path: `${p}.secret.secretName`, keys: items(s) });
    const c = record(vol.configMap);
    if (c && !c.optional && str(c.name)) refs.push({ kind: 'ConfigMap', name: c.name as string, path: `${p}.configMap.name`, keys: items(c) });
    arr(record(vol.projected)?.sources).forEach((src, j) => {
      const ps = record(record(src)?.secret);
      if (ps && !ps.optional && str(ps.name)) refs.push({ kind: 'Secret', name: ps.name as string, path: `${p}.projected.sources[${j}].secret.name`, keys: items(ps) });
      const pc = record(record(src)?.configMap);
      if (pc && !pc.optional && str(pc.name)) refs.push({ kind: 'ConfigMap', name: pc.name as string, path: `${p}.projected.sources[${j}].configMap.name`, keys: items(pc) });
    });
  });
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[list]).forEach((ct, i) => {
      const c = record(ct) ?? {};
      const p = `${base}.${list}[${i}]`;
      arr(c.envFrom).forEach((ef, j) => {
        const e = record(ef) ?? {};
        const s = record(e.secretRef);
        if (s && !s.optional && str(s.name)) refs.push({ kind: 'Secret', name: s.name as string, path: `${p}.envFrom[${j}].secretRef.name`, keys: [] });
        const m = record(e.configMapRef);
        if (m && !m.optional && str(m.name)) refs.push({ kind: 'ConfigMap', name: m.name as string, path: `${p}.envFrom[${j}].configMapRef.name`, keys: [] });
      });
      arr(c.env).forEach((ev, j) => {
        const vf = record(record(ev)?.valueFrom) ?? {};
        const s = record(vf.secretKeyRef);
        if (s && !s.optional && str(s.name)) refs.push({ kind: 'Secret', name: s.name as string, path: `${p}.env[${j}].valueFrom.secretKeyRef.name`, keys: str(s.key) ? [s.key as string] : [] });
        const m = record(vf.configMapKeyRef);
        if (m && !m.optional && str(m.name)) refs.push({ kind: 'ConfigMap', name: m.name as string, path: `${p}.env[${j}].valueFrom.configMapKeyRef.name`, keys: str(m.key) ? [m.key as string] : [] });
      });
    });
  }
  return refs;
}

/** Every pod spec of the input: [doc, path of the pod spec]. */
export function podSpecs(ctx: WiringContext): [IndexedDoc, string][] {
  return Object.entries(POD_SPEC_PATHS).flatMap(([kind, base]) =>
    ctx
      .ofKind(kind)
      .filter((d) => d.group === 'apps' || d.group === 'batch' || d.group === '')
      .filter((d) => record(get(d.object, base)))
      .map((d): [IndexedDoc, string] => [d, base]),
  );
}

function checkPod(ctx: WiringContext, d: IndexedDoc, base: string, report: Report): void {
  const spec = record(get(d.object, base));
  if (!spec) return;
  for (const ref of collect(spec, base)) {
    const res = ctx.resolve(ref.kind, d.namespace, ref.name, '');
    if (!res) {
      report(d, ref.path, `${ref.kind} ${d.namespace}/${ref.name} is not in the render, not written by a provider and not declared external; the pod would not start`);
      continue;
    }
    const keys = keysOf(res);
    if (!keys) continue;
    for (const k of ref.keys) {
      if (!keys.includes(k)) report(d, ref.path, `${ref.kind} ${ref.name} has no key "${k}" (it has: ${keys.join(', ') || 'none'})`);
    }
  }
  const sa = str(spec.serviceAccountName) ?? str(spec.serviceAccount);
  if (sa && sa !== 'default' && !ctx.resolve('ServiceAccount', d.namespace, sa, '')) {
    report(d, `${base}.serviceAccountName`, `ServiceAccount ${d.namespace}/${sa} is not in the render and not declared external; the pod would not be created`);
  }
}

export const podRefs = wiringRule({
  id: 'pod-refs',
  description: 'pods mount/read Secrets and ConfigMaps (and run as ServiceAccounts) that exist in the render, are provider-written or declared external',
  check(ctx, report) {
    for (const [d, base] of podSpecs(ctx)) checkPod(ctx, d, base, report);
  },
});
