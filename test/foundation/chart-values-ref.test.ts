// Cross-chart values references: `$ref: '#/definitions/<chart>.values'` in one chart's schema
// embeds a copy of another chart's schema that checks values as given over its values.yaml.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { embedChartValues, givenValuesDefinitions, referencedCharts } from '../../generator/src/schema/chart-values-ref.ts';
import { coalesceValues } from '../../generator/src/schema/coalesce.ts';
import { renderValuesTypes } from '../../generator/src/schema/typescript.ts';
import type { JsonSchema } from '../../generator/src/schema/types.ts';
import { parameterRows } from '../../generator/src/schema/parameters.ts';
import { renderValuesYaml } from '../../generator/src/schema/values-yaml.ts';
import { mapSchema } from '../../generator/src/schema/walk.ts';

// a small chart: an image that needs all three parts (the defaults give them), a map of groups
// with a default entry, a list of items whose parts stay required, and a cross-field rule
const child: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: {
    image: { $ref: '#/definitions/image', description: 'The image.' },
    sidecar: { $ref: '#/definitions/image' },
    groups: {
      type: 'object',
      additionalProperties: { type: ['object', 'null'], additionalProperties: false, required: ['size'], properties: { size: { type: 'integer', default: 1 }, zone: { type: 'string' } } },
      default: { main: { size: 2 } },
    },
    items: { type: 'array', default: [{ name: 'a', port: 1 }], items: { type: 'object', additionalProperties: false, required: ['name', 'port'], properties: { name: { type: 'string' }, port: { type: 'integer' } } } },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean', default: false }, secret: { type: 'string' } },
      if: { properties: { enabled: { const: true } }, required: ['enabled'] },
      then: { required: ['secret'] },
    },
  },
  definitions: {
    image: { type: 'object', additionalProperties: false, required: ['repository', 'tag'], description: 'An image.', properties: { repository: { type: 'string', default: 'r' }, tag: { type: 'string', default: 't' } } },
  },
};
const childDefaults = { image: { repository: 'r', tag: 't' }, groups: { main: { size: 2 } }, items: [{ name: 'a', port: 1 }], tls: { enabled: false } };
const parent: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  properties: { fleet: { type: 'object', additionalProperties: { $ref: '#/definitions/child.values', description: 'Values of a child release.' }, default: {} } },
};

const embedded = embedChartValues(parent, (chart) => {
  expect(chart).toBe('child');
  return { schema: child, defaults: childDefaults };
});
const ajv = new Ajv({ strict: false, allErrors: true });
const { $schema: _a, ...embeddedBody } = embedded;
const { $schema: _b, ...childBody } = child;
const asGiven = ajv.compile(embeddedBody);
const merged = ajv.compile(childBody);
/** What Helm decides for these values given to a child release, and what the parent's schema decides. */
const both = (values: Record<string, unknown>) => ({ parent: asGiven({ fleet: { x: values } }), helm: merged(coalesceValues(values, childDefaults)) });

describe('embedded chart values', () => {
  it("adds the child's schema under <chart>.values and its definitions under <chart>.<name>", () => {
    expect(referencedCharts(parent)).toEqual(['child']);
    // image has defaults (a loosened variant), sidecar has none (the original definition)
    expect(Object.keys(embedded.definitions ?? {})).toEqual(['child.image', 'child.image.given', 'child.values']);
    // the child's definitions are not touched
    expect(child.definitions?.image?.required).toEqual(['repository', 'tag']);
  });

  it.each([
    ['an empty tenant', {}, true],
    ['only the tag of an image (the defaults give the repository)', { image: { tag: 'v2' } }, true],
    ['a sidecar (no defaults) without its tag', { sidecar: { repository: 'x' } }, false],
    ['an unknown key', { imag: {} }, false],
    ['an unknown key deep inside', { image: { tga: 'v2' } }, false],
    ['a wrong type', { groups: { main: { size: 'big' } } }, false],
    ['a change to the default group', { groups: { main: { zone: 'a' } } }, true],
    ['the default group deleted', { groups: { main: null } }, true],
    ['a new group without its required size', { groups: { extra: { zone: 'a' } } }, false],
    ['a list item without a required part (lists replace their default)', { items: [{ name: 'b' }] }, false],
    ['an image registry deleted with null', { image: { repository: null } }, false],
  ])('decides as Helm does for %s', (_what, values, valid) => {
    expect(both(values)).toEqual({ parent: valid, helm: valid });
  });

  it('leaves cross-field rules to the render where defaults fill the mapping, and never rejects what Helm accepts', () => {
    // tls.enabled: true without a secret: Helm rejects it; the given part cannot tell, so the embedded copy passes it
    expect(both({ tls: { enabled: true } })).toEqual({ parent: true, helm: false });
    expect(both({ tls: { enabled: true, secret: 's' } })).toEqual({ parent: true, helm: true });
  });

  it('keeps annotations out of the copy', () => {
    const annotated: string[] = [];
    for (const [name, def] of Object.entries(embedded.definitions ?? {})) {
      mapSchema(def, (node, pointer) => void ((node.description || node.default !== undefined) && annotated.push(`${name}${pointer.slice(1)}`)));
    }
    expect(annotated).toEqual(['child.values']); // its own note saying where the keys are documented
    expect(embedded.definitions?.['child.values']?.description).toContain('charts/child/README.md');
  });

  it('fails on a name clash and on a chart without a schema', () => {
    expect(() => embedChartValues({ ...parent, definitions: { 'child.values': {} } }, () => ({ schema: child, defaults: childDefaults }))).toThrow(/clashes/);
    expect(() => givenValuesDefinitions('child', { schema: { ...child, properties: { x: { $ref: '#/definitions/nope' } } }, defaults: { x: {} } })).toThrow(/unresolved \$ref/);
  });

  it('is one README row and one imported type in the parent, not a copy of the child', async () => {
    const rows = parameterRows(embedded);
    expect(rows.map((r) => [r.key, r.type])).toEqual([['fleet', 'map'], ['fleet.<name>', 'child values']]);
    expect(renderValuesYaml(embedded, 'header')).not.toContain('image');
    const types = await renderValuesTypes(embedded, 'ParentValues', 'header', (chart) => ({ name: 'ChildValues', module: `./${chart}-values.ts` }));
    expect(types).toMatch(/^import type \{ ?ChildValues ?\} from '\.\/child-values\.ts';$/m);
    expect(types).toMatch(/\[k: string\]: ChildValues/);
    expect(types).not.toMatch(/repository|Image/);
  });
});
