// TypeScript types for a chart's values, from the bundled schema.
import { compile } from 'json-schema-to-typescript';
import type { JsonSchema } from './types.ts';
import { chartOfValuesRef, referencedCharts } from './chart-values-ref.ts';
import { mapSchema } from './walk.ts';

/** The generated values type of another chart (for the values given to a release of it). */
export type ChartTypeName = (chart: string) => { name: string; module: string } | undefined;

export async function renderValuesTypes(schema: JsonSchema, typeName: string, header: string, chartType: ChartTypeName = () => undefined): Promise<string> {
  const { $comment: _c, $schema: _s, title: _t, ...rest } = schema;
  // values of another chart are that chart's generated type, imported, not a second copy of it
  const imports = new Map<string, string>();
  const embedded = referencedCharts(schema);
  for (const chart of embedded) {
    const t = chartType(chart);
    if (!t) throw new Error(`${typeName}: no generated type for the values of chart ${chart}`);
    imports.set(t.name, t.module);
  }
  if (rest.definitions) {
    rest.definitions = Object.fromEntries(Object.entries(rest.definitions).filter(([name]) => !embedded.some((c) => name.startsWith(`${c}.`))));
  }
  // the type is named by the caller, not by the schema's human title
  // a $ref with sibling keywords (description, default) makes json-schema-to-typescript inline a
  // copy of the referenced type; drop the siblings so every definition is declared once
  const body = mapSchema({ ...rest, title: typeName }, (node) => {
    const chart = chartOfValuesRef(node.$ref);
    if (chart) return { tsType: chartType(chart)!.name, ...(node.description ? { description: node.description } : {}) };
    return typeof node.$ref === 'string' ? { $ref: node.$ref } : undefined;
  });
  const banner = `/* ${header} */${[...imports].map(([name, module]) => `\nimport type { ${name} } from '${module}';`).join('')}`;
  return compile(body as Parameters<typeof compile>[0], typeName, {
    bannerComment: banner,
    additionalProperties: false,
    declareExternallyReferenced: true,
    format: true,
    strictIndexSignatures: true,
    unknownAny: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}
