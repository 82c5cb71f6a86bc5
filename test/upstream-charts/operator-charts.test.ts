// The charts packaged from the KubeVirt and CDI operator release manifests render upstream's objects
// faithfully: every object of the pinned manifest (the committed copy, its SHA-256 checked), each
// changed only as the chart READMEs document — namespace, kept CRDs, image registry, the operator
// settings the values replace — with Helm 3 and Helm 4; they lint, and validate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helmLint } from '../../generator/src/helm/run.ts';
import type { K8sObject } from '../../generator/src/manifest/parse.ts';
import { chartsDir, repoRoot } from '../../generator/src/paths.ts';
import { readCommittedCopy } from '../../generator/src/upstream-charts/inputs.ts';
import { loadUpstreamChart } from '../../generator/src/upstream-charts/model.ts';
import { manifestObjects } from '../../generator/src/upstream-charts/templates.ts';
import { CRD_KIND as CRD, OPERATOR_CHARTS } from '../platform/support.ts';
import { HELM_MAJORS, renderChart } from '../support/render.ts';
import { validate } from '../support/validate.ts';

type Obj = Record<string, any>;
const NAMESPACE = 'virt-system'; // not upstream's, so every namespace the chart writes is visible

function upstream(chart: string) {
  const def = loadUpstreamChart(join(repoRoot, 'schemas', chart), chart)!;
  const manifest = readCommittedCopy(repoRoot, def);
  return { manifest, objects: manifestObjects(manifest.text, chart) as Obj[] };
}

/** Upstream's objects as the chart must render them with default values (the README's documented changes). */
function expectedDefaults(objects: Obj[], namespace: string): Obj[] {
  return objects.map((o) => {
    const e = structuredClone(o);
    if (e.metadata.namespace !== undefined) e.metadata.namespace = namespace;
    for (const s of e.subjects ?? []) if (s.namespace !== undefined) s.namespace = namespace;
    if (e.kind === 'CustomResourceDefinition') e.metadata.annotations = { ...e.metadata.annotations, 'helm.sh/resource-policy': 'keep' };
    return e;
  });
}

/** Every string below `prefix/` in an object, rewritten to `registry/`. */
function moveImages(o: unknown, prefix: string, registry: string): unknown {
  if (typeof o === 'string') return o.startsWith(`${prefix}/`) ? `${registry}${o.slice(prefix.length)}` : o;
  if (Array.isArray(o)) return o.map((x) => moveImages(x, prefix, registry));
  if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, moveImages(v, prefix, registry)]));
  return o;
}

const strings = (o: unknown): string[] =>
  typeof o === 'string' ? [o] : Array.isArray(o) ? o.flatMap(strings) : o && typeof o === 'object' ? Object.values(o).flatMap(strings) : [];

const key = (o: Obj | K8sObject) => `${o.kind}/${o.metadata.name}`;

/** Each rendered object equals the expected one of the same kind and name (helm sorts by kind), and none is missing or extra. */
function expectSameObjects(rendered: Obj[], expected: Obj[]) {
  expect(rendered.map(key).sort()).toEqual(expected.map(key).sort());
  const byKey = new Map(expected.map((o) => [key(o), o]));
  for (const o of rendered) expect(o, key(o)).toEqual(byKey.get(key(o)));
}

describe.each(OPERATOR_CHARTS)('charts/%s', (chart) => {
  const { manifest, objects } = upstream(chart);
  const deployment = () => objects.find((o) => o.kind === 'Deployment')!;

  it('is generated from the committed copy of the pinned manifest, whose version is its appVersion', () => {
    const meta = parse(readFileSync(join(chartsDir, chart, 'Chart.yaml'), 'utf8')) as { appVersion: string };
    expect(meta.appVersion).toBe(manifest.version);
    expect(manifest.inputPath).toBe(`upstream/${chart}-${manifest.version}/${chart}.yaml`);
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition')).toHaveLength(1);
    expect(objects.filter((o) => o.kind === 'Deployment')).toHaveLength(1);
  });

  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it('renders every upstream object, changed only as documented, with the default values', async () => {
      const docs = await renderChart(chart, { major, release: chart, namespace: NAMESPACE });
      expectSameObjects(
        docs.map((d) => d.object),
        expectedDefaults(objects, NAMESPACE),
      );
    });

    it('replaces exactly the registry of every image and the operator settings that are set', async () => {
      const registry = 'mirror.internal.example:5000/virt';
      const image = /^(.+)\/[^/]+$/.exec(deployment().spec.template.spec.containers[0].image)![1]!;
      const settings = {
        replicas: 3,
        resources: { requests: { cpu: '50m', memory: '256Mi' }, limits: { memory: '1Gi' } },
        nodeSelector: { 'node-role.example.com/infra': 'true' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' }],
        affinity: {},
        imagePullSecrets: [{ name: 'mirror-credentials' }],
      };
      const docs = await renderChart(chart, { major, release: chart, namespace: NAMESPACE, values: { imageRegistry: registry, ...settings } });
      const rendered = docs.map((d) => d.object as Obj);
      const expected = expectedDefaults(objects, NAMESPACE).map((o) => {
        if (o.kind !== 'Deployment') return o;
        const d = moveImages(o, image, registry) as Obj;
        const { resources, replicas, ...pod } = settings;
        d.spec.replicas = replicas;
        d.spec.template.spec.containers[0].resources = resources;
        Object.assign(d.spec.template.spec, pod);
        return d;
      });
      expectSameObjects(rendered, expected);
      // every image of the manifest moved: the operator's and those it deploys (env values)
      const dep = rendered.find((o) => o.kind === 'Deployment')!;
      expect(strings(dep).filter((s) => s.includes(image))).toEqual([]);
      expect(strings(dep).filter((s) => s.startsWith(`${registry}/`)).length).toBe(strings(deployment()).filter((s) => s.startsWith(`${image}/`)).length);
    });

    it('passes helm lint --strict', async () => {
      const r = await helmLint(join(chartsDir, chart), { major, strict: true });
      expect(r.ok, r.output).toBe(true);
    });
  });

  it('validates: strict schemas for every kind but the CRD itself (allow-listed, compared above) and wiring', async () => {
    const docs = await renderChart(chart, { major: 4, release: chart, namespace: NAMESPACE });
    const report = validate(docs, { namespace: NAMESPACE, allowKinds: [CRD] });
    expect(report.errors).toEqual([]);
    expect(report.allowListed).toEqual([CRD]);
  });
});
