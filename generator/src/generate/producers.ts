// Extra generators that contribute to a chart (catalog-driven templates, schema entries).
// Each producer is pure: it reads sources and returns files; generate/write.ts does the writing.
import type { JsonSchema } from '../schema/types.ts';
import type { ChartSource } from './charts.ts';
import type { GeneratedFile, GenerateOptions } from './outputs.ts';
import { catalogProducer } from '../catalog/producer.ts';
import { chartLibProducer } from './static-templates.ts';
import { upstreamChartsProducer } from '../upstream-charts/producer.ts';
import { stagesProducer } from '../stages/producer.ts';
import { tenantDefaultsProducer } from '../platform/tenant-defaults.ts';
import { kubernetesVersionsProducer } from '../versions/producer.ts';

export interface Producer {
  name: string;
  /** root properties merged into the chart's values schema before bundling */
  schemaProperties?(chart: ChartSource): Record<string, JsonSchema> | undefined;
  /** files derived for the chart, given its bundled schema (a Chart.yaml among them is what its README shows) */
  files?(chart: ChartSource, schema: JsonSchema, options?: GenerateOptions): GeneratedFile[] | Promise<GeneratedFile[]>;
  /** more context for the chart's README template */
  readmeContext?(chart: ChartSource, options?: GenerateOptions): Record<string, unknown> | undefined;
}

export const producers: Producer[] = [chartLibProducer, kubernetesVersionsProducer, catalogProducer(), upstreamChartsProducer, stagesProducer(), tenantDefaultsProducer];
