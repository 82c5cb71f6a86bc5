// The schema defaults of a `tenants` entry of the management-platform chart, as the data define
// "platform.tenantDefaults" (_tenant-defaults.tpl): Helm applies values.yaml, not schema defaults, and
// values.yaml cannot hold defaults for map entries the user names, so the templates read them here.
import { join } from 'node:path';
import type { ChartSource } from '../generate/charts.ts';
import { jsonDataTemplate } from '../generate/data-template.ts';
import { generatedHeader } from '../generate/generated-mark.ts';
import type { GeneratedFile } from '../generate/outputs.ts';
import type { Producer } from '../generate/producers.ts';
import { relativeLabel } from '../schema/bundle.ts';
import type { JsonSchema } from '../schema/types.ts';
import { repoRoot } from '../paths.ts';

const PLATFORM = 'management-platform';

function tenantDefaultsFile(chart: ChartSource, schema: JsonSchema): GeneratedFile {
  const entry = (schema.properties?.tenants as JsonSchema | undefined)?.additionalProperties as JsonSchema | undefined;
  const defaults = Object.fromEntries(
    Object.entries((entry?.properties ?? {}) as Record<string, JsonSchema>)
      .filter(([, p]) => p.default !== undefined)
      .map(([k, p]) => [k, p.default]),
  );
  const content = jsonDataTemplate({
    header: generatedHeader(`schemas/${PLATFORM}/tenants.yaml`),
    what: 'The schema defaults of a `tenants` entry, as JSON (Helm does not apply schema defaults inside map entries).',
    define: 'platform.tenantDefaults',
    data: defaults,
  });
  return { path: relativeLabel(repoRoot, join(chart.chartDir, 'templates', '_tenant-defaults.tpl')), content };
}

export const tenantDefaultsProducer: Producer = {
  name: 'tenant-defaults',
  files: (chart, schema) => (chart.name === PLATFORM ? [tenantDefaultsFile(chart, schema)] : []),
};
