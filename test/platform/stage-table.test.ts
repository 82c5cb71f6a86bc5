// The stage table (x-stages in schemas/management-platform/stages.yaml) is the one home of the
// stages' facts: both charts carry it as generated data, every values path it names has a default
// in the platform's values.yaml (the templates read them without fallbacks), and each stage passes
// exactly the sections the stages chart's schema gives that stage.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartsDir } from '../../generator/src/paths.ts';
import { loadStageTable } from '../../generator/src/stages/producer.ts';

type Values = Record<string, any>;
const table = loadStageTable();
const platformDefaults = parse(readFileSync(join(chartsDir, 'management-platform', 'values.yaml'), 'utf8')) as Values;
const stagesSchema = JSON.parse(readFileSync(join(chartsDir, 'management-platform-stages', 'values.schema.json'), 'utf8')) as Values;
const at = (path: string) => path.split('.').reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), platformDefaults);

describe('the stage table', () => {
  it.each([
    ['management-platform', 'platform.stageTable'],
    ['management-platform-stages', 'stages.table'],
  ])('is the data define of %s', (chart, define) => {
    const text = readFileSync(join(chartsDir, chart, 'templates', '_stage-table.tpl'), 'utf8');
    const body = text.split(`{{- define "${define}" -}}\n`)[1]!.split('\n{{- end -}}')[0]!;
    expect(JSON.parse(body)).toEqual(table);
  });

  it('names only values paths that have a default in the platform values.yaml', () => {
    for (const s of table) {
      const paths = [...s.when.map((w) => w.path), s.timeout, ...Object.values(s.values).flatMap((v) => ('from' in v ? [v.from] : []))];
      for (const p of paths) expect(at(p), `${s.name}: ${p}`).not.toBeUndefined();
      for (const v of Object.values(s.values)) {
        if ('from' in v) for (const k of [...(v.pick ?? []), ...(v.omit ?? [])]) expect(at(v.from), `${s.name}: ${v.from}.${k}`).toHaveProperty([k]);
      }
    }
  });

  it("gives each stage the sections the stages chart's schema requires of it, and is its `stage` enum", () => {
    expect(stagesSchema.properties.stage.enum).toEqual(table.map((s) => s.name));
    const thenOf = (stage: string) =>
      stagesSchema.allOf.find((r: Values) => {
        const cond = r.if.properties.stage;
        return cond.const === stage || cond.enum?.includes(stage);
      }).then;
    for (const s of table) {
      const then = thenOf(s.name);
      const emptied = Object.entries(then.properties ?? {})
        .filter(([, p]) => (p as Values).maxProperties === 0)
        .map(([k]) => k);
      for (const key of Object.keys(s.values)) expect(emptied, `${s.name} passes ${key}`).not.toContain(key);
      for (const key of then.required ?? []) expect(Object.keys(s.values), `${s.name} must pass ${key}`).toContain(key);
    }
  });
});
