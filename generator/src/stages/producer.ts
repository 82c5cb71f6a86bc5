// The stage table of the management platform (`x-stages` in schemas/management-platform/stages.yaml):
// every fact of every stage in one place. Emitted as a JSON data define into the platform chart
// ("platform.stageTable") and the stages chart ("stages.table"); the stages chart's `stage` enum and
// README table come from it too. The templates read the table; nothing here is Go-template logic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import type { ChartSource } from '../generate/charts.ts';
import { jsonDataTemplate } from '../generate/data-template.ts';
import type { GeneratedFile } from '../generate/outputs.ts';
import type { Producer } from '../generate/producers.ts';
import { relativeLabel, SchemaSourceError } from '../schema/bundle.ts';
import type { JsonSchema } from '../schema/types.ts';
import { repoRoot, schemasDir } from '../paths.ts';
import { generatedHeader } from '../generate/generated-mark.ts';

const PLATFORM = 'management-platform';
const STAGES = 'management-platform-stages';
/** Per chart: the generated template and the name of its define. */
const DEFINES: Record<string, string> = { [PLATFORM]: 'platform.stageTable', [STAGES]: 'stages.table' };

export interface Stage {
  name: string;
  renders: string;
  when: { path: string; equals?: string }[];
  after: ({ component: string } | { release: string } | { stage: string })[];
  timeout: string;
  values: Record<string, { from: string; pick?: string[]; omit?: string[] } | { value: string }>;
  tenants: boolean;
}

const PATH = { type: 'string', pattern: '^[A-Za-z][-A-Za-z0-9]*(\\.[A-Za-z][-A-Za-z0-9]*)*$' };
const NAME = { type: 'string', pattern: '^[a-z][-a-z0-9]*$' };
const KEYS = { type: 'array', items: { type: 'string' }, minItems: 1 };
const one = (key: string) => ({ type: 'object', required: [key], properties: { [key]: NAME }, additionalProperties: false });
const tableSchema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['name', 'renders', 'when', 'after', 'timeout', 'values', 'tenants'],
    additionalProperties: false,
    properties: {
      name: NAME,
      renders: { type: 'string', minLength: 1 },
      when: { type: 'array', minItems: 1, items: { type: 'object', required: ['path'], additionalProperties: false, properties: { path: PATH, equals: { type: 'string' } } } },
      after: { type: 'array', items: { oneOf: [one('component'), one('release'), one('stage')] } },
      timeout: PATH,
      values: {
        type: 'object',
        propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$', not: { const: 'stage' } },
        additionalProperties: {
          oneOf: [
            { type: 'object', required: ['from'], additionalProperties: false, properties: { from: PATH, pick: KEYS, omit: KEYS }, not: { required: ['pick', 'omit'] } },
            { type: 'object', required: ['value'], additionalProperties: false, properties: { value: { type: 'string' } } },
          ],
        },
      },
      tenants: { type: 'boolean' },
    },
  },
};
const validateTable = new Ajv({ allErrors: true, strict: false }).compile<Stage[]>(tableSchema);

export const stageTableFile = (root = schemasDir) => join(root, PLATFORM, 'stages.yaml');

/** The validated stage table; `after.stage` must name an earlier stage. */
export function loadStageTable(root = schemasDir): Stage[] {
  const file = stageTableFile(root);
  const table = (parse(readFileSync(file, 'utf8')) as Record<string, unknown>)['x-stages'];
  const where = relativeLabel(repoRoot, file);
  if (!validateTable(table)) throw new SchemaSourceError(`${where}: x-stages: ${JSON.stringify(validateTable.errors)}`);
  const seen = new Set<string>();
  for (const s of table) {
    if (seen.has(s.name)) throw new SchemaSourceError(`${where}: x-stages: stage "${s.name}" is listed twice`);
    for (const a of s.after) {
      if ('stage' in a && !seen.has(a.stage)) throw new SchemaSourceError(`${where}: x-stages: stage "${s.name}" waits for "${a.stage}", which is not an earlier stage`);
    }
    seen.add(s.name);
  }
  return table;
}

/** The `stage` value of the stages chart: one of the table's stages. */
function stageProperty(table: Stage[]): JsonSchema {
  return {
    type: 'string',
    description: `Which objects this release renders (the management-platform chart sets it; unset, the chart fails naming the stages). ${table
      .map((s) => `\`${s.name}\`: ${s.renders}.`)
      .join(' ')}`,
    enum: table.map((s) => s.name),
  };
}

/** One README row's "waits for" cell. */
function waitsFor(s: Stage): string {
  const cell = s.after.map((a) => ('component' in a ? `component \`${a.component}\`` : 'release' in a ? `\`<release>-${a.release}\`` : `stage \`${a.stage}\``));
  return cell.join(', ') || '—';
}

export function stagesProducer(root = schemasDir): Producer {
  return {
    name: 'stages',
    schemaProperties(chart) {
      return chart.name === STAGES ? { stage: stageProperty(loadStageTable(root)) } : undefined;
    },
    files(chart: ChartSource): GeneratedFile[] {
      const define = DEFINES[chart.name];
      if (!define) return [];
      const source = relativeLabel(repoRoot, stageTableFile(root));
      const content = jsonDataTemplate({
        header: generatedHeader(`${source} (x-stages)`),
        what: 'The stage table, as JSON: per stage its name, when it renders, what it waits for, its timeout and values.',
        define,
        data: loadStageTable(root),
      });
      return [{ path: relativeLabel(repoRoot, join(chart.chartDir, 'templates', '_stage-table.tpl')), content }];
    },
    readmeContext(chart) {
      if (chart.name !== STAGES) return undefined;
      return {
        stages: loadStageTable(root).map((s) => ({
          name: s.name,
          renders: s.renders,
          waitsFor: waitsFor(s),
          values: Object.keys(s.values).map((k) => `\`${k}\``).join(', '),
          tenants: s.tenants,
        })),
      };
    },
  };
}
