// How the operator charts are generated: a version bump is a new input file plus `generate`, the
// committed copy is checked against its hash, and anything the packaging rules do not cover stops the
// generation instead of slipping into the chart. The inputs here are temporary folders built from the
// committed copies (tests never read the reference data beside the repository).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartSources } from '../../generator/src/generate/charts.ts';
import { generateChart } from '../../generator/src/generate/outputs.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { copyPath, parseCopy, readCommittedCopy } from '../../generator/src/upstream-charts/inputs.ts';
import { UpstreamChartError, loadUpstreamChart } from '../../generator/src/upstream-charts/model.ts';
import { buildOperatorChart, manifestObjects } from '../../generator/src/upstream-charts/templates.ts';

type Obj = Record<string, any>;
const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-upstream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const def = loadUpstreamChart(join(repoRoot, 'schemas', 'kubevirt-operator'), 'kubevirt-operator')!;
const committed = readCommittedCopy(repoRoot, def);
const source = chartSources().find((c) => c.name === 'kubevirt-operator')!;

function inputs(versions: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 'inputs-'));
  for (const [folder, text] of Object.entries(versions)) {
    mkdirSync(join(dir, 'upstream', folder), { recursive: true });
    writeFileSync(join(dir, 'upstream', folder, 'kubevirt-operator.yaml'), text);
  }
  return dir;
}

const build = (objects: Obj[]) => () => buildOperatorChart(objects as never, { label: 'test', header: 'test' });

describe('generating an operator chart from its upstream manifest', () => {
  it('takes the newest version of the inputs: a bump is the new file plus generate', async () => {
    const old = committed.version;
    const bumped = committed.text.replaceAll(old, 'v1.10.0');
    const dir = inputs({ [`kubevirt-operator-${old}`]: committed.text, 'kubevirt-operator-v1.10.0': bumped, 'kubevirt-operator-v1.11.0-rc.1': bumped });
    const files = new Map((await generateChart(source, { inputsDir: dir })).map((f) => [f.path, f.content]));
    expect((parse(files.get('charts/kubevirt-operator/Chart.yaml')!) as { appVersion: string }).appVersion).toBe('v1.10.0');
    expect(files.get('charts/kubevirt-operator/templates/deployment.yaml')).toContain('(dict "root" $ "ref" "virt-operator:v1.10.0")');
    const copy = parseCopy(files.get(copyPath(def))!, 'copy');
    expect(copy).toMatchObject({ version: 'v1.10.0', inputPath: 'upstream/kubevirt-operator-v1.10.0/kubevirt-operator.yaml', text: bumped });
    expect(files.get('charts/kubevirt-operator/README.md')).toContain('**v1.10.0**');
  });

  it('regenerates the committed chart byte for byte from the same input', async () => {
    const dir = inputs({ [`kubevirt-operator-${committed.version}`]: committed.text });
    const fromInputs = await generateChart(source, { inputsDir: dir });
    expect(fromInputs).toEqual(await generateChart(source));
  });

  it('refuses a committed copy edited by hand', () => {
    const text = readFileSync(join(repoRoot, copyPath(def)), 'utf8');
    expect(parseCopy(text, 'copy').sha256).toBe(committed.sha256);
    expect(() => parseCopy(text.replace('replicas: 2', 'replicas: 3'), 'copy')).toThrow(/SHA-256 .* the header records/);
  });

  it('stops at what the packaging rules do not cover, saying what to decide', () => {
    const objects = manifestObjects(committed.text, 'copy') as Obj[];
    const dep = objects.find((o) => o.kind === 'Deployment')!;
    expect(build([...objects, { ...dep, metadata: { ...dep.metadata, name: 'second' } }])).toThrow(/exactly one Deployment/);
    const otherImage = structuredClone(objects);
    otherImage.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].env.push({ name: 'HELPER_IMAGE', value: 'registry.k8s.io/helper:v1' });
    expect(build(otherImage)).toThrow(/registry\.k8s\.io\/helper:v1, outside the registry quay\.io\/kubevirt/);
    const namespaceElsewhere = structuredClone(objects);
    namespaceElsewhere.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].args.push('kubevirt');
    expect(build(namespaceElsewhere)).toThrow(UpstreamChartError);
    expect(build(namespaceElsewhere)).toThrow(/is the namespace "kubevirt" outside a namespace field/);
  });
});
