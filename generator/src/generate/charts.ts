// Which charts the generator owns: every schemas/<chart>/values.schema.yaml with a charts/<chart>/.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chartsDir, schemasDir } from '../paths.ts';

export interface ChartSource {
  name: string;
  schemaEntry: string;
  readmeTemplate: string;
  chartDir: string;
  /** PascalCase name of the generated values type, e.g. KubernetesValues */
  typeName: string;
}

export function chartSources(root = schemasDir): ChartSource[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'values.schema.yaml')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      schemaEntry: join(root, name, 'values.schema.yaml'),
      readmeTemplate: join(root, name, 'README.md.hbs'),
      chartDir: join(chartsDir, name),
      typeName: `${name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}Values`,
    }));
}
