// TypeScript types for a chart's values, from the bundled schema.
import { compile } from 'json-schema-to-typescript';
import type { JsonSchema } from './types.ts';

export async function renderValuesTypes(schema: JsonSchema, typeName: string, header: string): Promise<string> {
  const { $comment: _c, $schema: _s, title: _t, ...rest } = schema;
  // the type is named by the caller, not by the schema's human title
  const body = { ...rest, title: typeName };
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
