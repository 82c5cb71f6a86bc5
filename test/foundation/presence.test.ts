// The schema owns every default and the templates read `.Values` without fallbacks, so a key that
// values.yaml writes must not vanish: Helm deletes a key the user sets to null before it validates.
// Every chart's values.schema.json must refuse the deletion of each defaulted key, except the
// entries of maps whose keys the user chooses (deleting those is a feature: nodeGroups.workers: null).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartsDir } from '../../generator/src/paths.ts';
import { schemaValidator } from '../support/fuzz/property.ts';
import { HELM_MAJORS, objectsOfKind, renderChart, renderError } from '../support/render.ts';

const charts = readdirSync(chartsDir).filter((c) => !c.startsWith('.')).sort();

/** Map entries the user may delete, by path (stated here, not derived from the schema under test). */
const DELETABLE = [
  /^nodeGroups\.[^.]+$/, // a node group
  // one resource of a helper's request/limit map (core/v1 ResourceRequirements: any resource name)
  /^(cloudControllerManager|csiController|clusterAutoscaler|teardown)\.(resources|sidecarResources)\.(requests|limits)\.[^.]+$/,
  /^resources\.(driver|sidecars)\.(requests|limits)\.[^.]+$/,
  /\.podLabels\.[^.]+$/, // one label of a selector map
  /^kubevirt\.instancetypes\.preferences\.[^.]+(\..+)?$/, // a platform preference (an entry and what it holds)
];

function keyPaths(o: unknown, prefix: string[] = []): string[][] {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return [];
  return Object.entries(o).flatMap(([k, v]) => [[...prefix, k], ...keyPaths(v, [...prefix, k])]);
}

function without(doc: unknown, path: string[]): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  delete node[path.at(-1)!];
  return copy;
}

describe.each(charts)('presence of the defaults of %s', (chart) => {
  const defaults = parse(readFileSync(join(chartsDir, chart, 'values.yaml'), 'utf8')) as unknown;
  const validate = schemaValidator(chart);

  it('accepts its own defaults', () => {
    expect(validate(defaults)).toBeUndefined();
  });

  it('refuses every defaulted key taken away, except map entries', () => {
    const paths = keyPaths(defaults);
    const wronglyAccepted = paths.filter((p) => !DELETABLE.some((re) => re.test(p.join('.'))) && validate(without(defaults, p)) === undefined);
    const wronglyRefused = paths.filter((p) => DELETABLE.some((re) => re.test(p.join('.'))) && validate(without(defaults, p)) !== undefined);
    expect(wronglyAccepted.map((p) => p.join('.'))).toEqual([]);
    expect(wronglyRefused.map((p) => p.join('.'))).toEqual([]);
  });
});

describe.each(HELM_MAJORS)('presence under Helm %i', (major) => {
  it('refuses a defaulted key set to null, naming it', async () => {
    const msg = await renderError('kubernetes', { major, set: ['nodeGroupDefaults.autoscaling.maxSize=null'] });
    expect(msg).toMatch(/autoscaling/);
    expect(msg).toMatch(/maxSize/);
  });

  it('still deletes a node group set to null', async () => {
    const docs = await renderChart('kubernetes', { major, set: ['nodeGroups.workers=null'] });
    expect(objectsOfKind(docs, 'MachineDeployment')).toEqual([]);
  });
});
