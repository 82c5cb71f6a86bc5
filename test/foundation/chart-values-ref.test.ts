// Cross-chart values references: `$ref: '#/definitions/<chart>.values'` in one chart's schema
// embeds a copy of another chart's schema that checks values as given over its values.yaml.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { embedChartValues, givenForm, givenValuesDefinitions, referencedCharts } from '../../generator/src/schema/chart-values-ref.ts';
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

  it('restates a rule over the whole mapping over the given part, deciding as Helm does after the merge', () => {
    // tls.enabled: true without a secret: the defaults hold tls.enabled false, so the given part decides
    expect(both({ tls: { enabled: true } })).toEqual({ parent: false, helm: false });
    expect(both({ tls: { enabled: true, secret: 's' } })).toEqual({ parent: true, helm: true });
    expect(both({ tls: { secret: 's' } })).toEqual({ parent: true, helm: true });
    expect(both({ tls: {} })).toEqual({ parent: true, helm: true });
  });

  describe('givenForm', () => {
    const ajv = new Ajv({ strict: false });
    const decide = (rule: JsonSchema, defaults: Record<string, unknown>, given: Record<string, unknown>) => ({
      given: ajv.validate(givenForm(rule, defaults)!, given),
      merged: ajv.validate(rule, coalesceValues(structuredClone(given), defaults)),
    });
    // serviceAddress only with a type other than ClusterIP; the defaults say ClusterIP and no address
    const rule: JsonSchema = { if: { properties: { type: { const: 'ClusterIP' } } }, then: { properties: { address: { const: '' } } } };
    const defaults = { type: 'ClusterIP', address: '', nested: { on: false } };

    it.each([
      ['nothing given', {}],
      ['an address alone (the default type refuses it)', { address: '192.0.2.1' }],
      ['an address with another type', { address: '192.0.2.1', type: 'LoadBalancer' }],
      ['another type alone', { type: 'LoadBalancer' }],
    ])('agrees with the merged values for %s', (_what, given) => {
      const d = decide(rule, defaults, given);
      expect(d.given).toBe(d.merged);
    });

    it('makes a key the defaults break required, and drops required keys the defaults hold', () => {
      const onRule: JsonSchema = { properties: { nested: { properties: { on: { const: true } }, required: ['on'] } }, required: ['nested'] };
      expect(givenForm(onRule, defaults)).toEqual({ properties: { nested: { properties: { on: { const: true } }, required: ['on'] } }, required: ['nested'] });
      for (const given of [{}, { nested: {} }, { nested: { on: true } }, { nested: { on: false } }]) {
        const d = decide(onRule, defaults, given);
        expect(d.given, JSON.stringify(given)).toBe(d.merged);
      }
    });

    it('gives up (undefined) on keywords it cannot restate, so the rule is left out', () => {
      expect(givenForm({ minProperties: 2 }, defaults)).toBeUndefined();
      expect(givenForm({ properties: { nested: { additionalProperties: { type: 'string' } } } }, defaults)).toBeUndefined();
    });
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
