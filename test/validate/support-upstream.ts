// Shared helpers of the upstream-behaviour rule tests (container flags, RBAC sufficiency,
// semantics): render the tenant chart once per values set, validate wiring only, and edit one
// object of a render at a time.
import type { K8sObject, ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { type ValidationIssue, validateDocs } from '../../generator/src/validate/index.ts';
import type { HelmMajor } from '../support/render.ts';
import { renderChart } from '../support/render.ts';

export type Obj = K8sObject & Record<string, any>;

/** Addon chart sources live in the platform namespace, created by the management-platform chart. */
export const EXTERNAL = ['HelmRepository/matryoshka-system/*', 'OCIRepository/matryoshka-system/*'];

/** The rule ids of the upstream-behaviour families. */
export const UPSTREAM_RULES = ['container-flags', 'rbac-sufficiency', 'mhc-max-unhealthy', 'autoscaler-gpu-type', 'helmrelease-install-remediation', 'csi-resizer-expansion', 'addon-api-address'];

const renders = new Map<string, Promise<ManifestDoc[]>>();

/** The tenant chart rendered with `values` and values files (cached: tests take copies). */
export function tenant(values: unknown = {}, valuesFiles: string[] = [], major: HelmMajor = 4): Promise<ManifestDoc[]> {
  const key = `${major}\0${JSON.stringify(values)}\0${valuesFiles.join('\0')}`;
  if (!renders.has(key)) renders.set(key, renderChart('kubernetes', { values, valuesFiles, major }));
  return renders.get(key)!.then((docs) => structuredClone(docs));
}

/** Wiring issues of the given rule ids (all upstream families by default). */
export function issues(docs: readonly ManifestDoc[], rules: readonly string[] = UPSTREAM_RULES, namespace = 'tenant-a'): ValidationIssue[] {
  return validateDocs(docs, { namespace, schema: false, external: EXTERNAL }).errors.filter((e) => rules.includes(e.rule));
}

export function find(docs: ManifestDoc[], kind: string, name: string): Obj {
  const d = docs.find((x) => x.object.kind === kind && x.object.metadata.name === name);
  if (!d) throw new Error(`no ${kind} ${name} in the render`);
  return d.object as Obj;
}

/** The container of a workload by name. */
export function container(docs: ManifestDoc[], deployment: string, name: string): Obj {
  const c = find(docs, 'Deployment', deployment).spec.template.spec.containers.find((x: Obj) => x.name === name);
  if (!c) throw new Error(`no container ${name} in ${deployment}`);
  return c;
}

export function without(docs: ManifestDoc[], kind: string, name: string): ManifestDoc[] {
  return docs.filter((d) => !(d.object.kind === kind && d.object.metadata.name === name));
}
