// TypeScript types for a chart's values, from the bundled schema.
import { compile } from 'json-schema-to-typescript';
import type { JsonSchema } from './types.ts';
import { mapSchema } from './walk.ts';

export async function renderValuesTypes(schema: JsonSchema, typeName: string, header: string): Promise<string> {
  const { $comment: _c, $schema: _s, title: _t, ...rest } = schema;
  // the type is named by the caller, not by the schema's human title
  // a $ref with sibling keywords (description, default) makes json-schema-to-typescript inline a
  // copy of the referenced type; drop the siblings so every definition is declared once
  const body = mapSchema({ ...rest, title: typeName }, (node) => (typeof node.$ref === 'string' ? { $ref: node.$ref } : undefined));
  return compile(body as Parameters<typeof compile>[0], typeName, {
    bannerComment: `/* ${header} */`,
    additionalProperties: false,
    declareExternallyReferenced: true,
    format: true,
    strictIndexSignatures: true,
    unknownAny: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}
