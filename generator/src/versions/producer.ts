// Producer: derives charts/kubernetes/templates/_versions.tpl from schemas/kubernetes/kubernetes-versions.yaml.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartSource } from '../generate/charts.ts';
import type { GeneratedFile } from '../generate/outputs.ts';
import type { Producer } from '../generate/producers.ts';
import { repoRoot } from '../paths.ts';
import { relativeLabel } from '../schema/bundle.ts';
import { readKubernetesVersions, renderVersionsTemplate } from './kubernetes-versions.ts';
import { generatedHeader } from '../generate/generated-mark.ts';

export const VERSIONS_FILE = 'kubernetes-versions.yaml';

export const kubernetesVersionsProducer: Producer = {
  name: 'kubernetes-versions',
  files(chart: ChartSource): GeneratedFile[] {
    const source = join(repoRoot, 'schemas', chart.name, VERSIONS_FILE);
    if (!existsSync(source)) return [];
    const header = generatedHeader(relativeLabel(repoRoot, source));
    return [
      {
        path: relativeLabel(repoRoot, join(chart.chartDir, 'templates', '_versions.tpl')),
        content: renderVersionsTemplate(readKubernetesVersions(source), header),
      },
    ];
  },
};
