// The management-platform-stages chart has a generated values schema that accepts exactly what the
// management-platform chart passes each stage release: its section of the platform values, complete,
// and nothing of the other stages'. Its sections are the platform's own schema parts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HelmError, helmTemplate } from '../../generator/src/helm/run.ts';
import { chartsDir } from '../../generator/src/paths.ts';
import { coalesceValues } from '../../generator/src/schema/coalesce.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { renderPlatform, scenarioDir, stageReleases } from './support.ts';

type Values = Record<string, any>;
const schemaOf = (chart: string) => {
  const { $schema: _s, ...schema } = JSON.parse(readFileSync(join(chartsDir, chart, 'values.schema.json'), 'utf8')) as Values;
  return schema;
};
const stagesSchema = schemaOf('management-platform-stages');
const platformSchema = schemaOf('management-platform');
const stagesDefaults = parse(readFileSync(join(chartsDir, 'management-platform-stages', 'values.yaml'), 'utf8')) as Values;
const ajv = new Ajv({ strict: false, allErrors: true });
const validStage = ajv.compile(stagesSchema);
/** What Helm decides for values given to a stage release (merged over the chart's values.yaml). */
const accepts = (values: Values) => validStage(coalesceValues(values, stagesDefaults));

/** Every stage release the platform creates for its test scenarios, with the values it passes. */
async function platformStages(): Promise<{ name: string; values: Values }[]> {
  const out: { name: string; values: Values }[] = [];
  for (const file of ['', ...readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort()]) {
    const docs = await renderPlatform({ major: 4, valuesFiles: file ? [join(scenarioDir, file)] : [] });
    for (const hr of stageReleases(docs)) out.push({ name: `${file || 'defaults'} ${hr.spec.values.stage}`, values: hr.spec.values });
  }
  return out;
}

describe('management-platform-stages values', () => {
  it('accept what the platform passes every stage of every scenario, and each stage is covered', async () => {
    const stages = await platformStages();
    expect(new Set(stages.map((s) => s.values.stage))).toEqual(new Set(['capi-providers', 'kamaji-datastore', 'kubevirt-config', 'kubevirt-instancetypes']));
    for (const { name, values } of stages) expect(accepts(values), `${name}: ${JSON.stringify(validStage.errors)}`).toBe(true);
  });

  it("reject another stage's section, a missing part, a typo and an unknown stage", async () => {
    const stages = await platformStages();
    const of = (stage: string) => structuredClone(stages.find((s) => s.values.stage === stage)!.values);
    const datastore = of('kamaji-datastore');
    const providers = of('capi-providers');
    expect(accepts({ ...providers, datastore: datastore.datastore })).toBe(false);
    expect(accepts({ ...providers, namespace: 'kamaji-system' })).toBe(false);
    expect(accepts({ ...datastore, kubevirt: { namespace: 'kubevirt' } })).toBe(false);
    const { core: _core, ...threeProviders } = providers.providers;
    expect(accepts({ ...providers, providers: threeProviders })).toBe(false);
    const { namespace: _ns, ...noNamespace } = datastore;
    expect(accepts(noNamespace)).toBe(false);
    expect(accepts({ ...providers, providers: { ...providers.providers, core: { ...providers.providers.core, verison: 'v1' } } })).toBe(false);
    expect(accepts({ ...providers, stage: 'capi-provider' })).toBe(false);
  });

  it('check each section with the platform schema of the same section', () => {
    const stageProps = stagesSchema.properties;
    const platformProps = platformSchema.properties;
    for (const key of ['namespace', 'featureGates', 'permittedHostDevices', 'instancetypes']) {
      expect(stageProps.kubevirt.properties[key], `kubevirt.${key}`).toEqual(platformProps.kubevirt.properties[key]);
    }
    for (const key of ['name', 'endpoints', 'tlsSecrets']) expect(stageProps.datastore.properties[key], `datastore.${key}`).toEqual(platformProps.datastore.properties[key]);
    expect(stagesSchema.definitions.provider).toEqual(platformSchema.definitions.provider);
    expect(stageProps.etcdReplicas.enum).toEqual(platformProps.components.properties['kamaji-etcd'].properties.replicas.enum);
  });

  it.each(HELM_MAJORS)('are checked by helm %i itself: a typo fails the stage release with the key named', async (major) => {
    const [stage] = stageReleases(await renderPlatform({ major }));
    const values = structuredClone(stage!.spec.values) as Values;
    values.providers.core.verison = 'v1.14.0';
    const error = await helmTemplate({ chartDir: join(chartsDir, 'management-platform-stages'), releaseName: 'platform-capi-providers', namespace: 'matryoshka-system', values, major }).then(
      () => 'rendered',
      (err: unknown) => (err instanceof HelmError ? err.message : String(err)),
    );
    expect(error).toMatch(/providers[./]core/);
    expect(error).toContain('verison');
  });
});
