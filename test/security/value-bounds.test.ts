// Value schemas are at least as strict as the fields they are written into: every integer a chart
// accepts fits the int32 fields of the objects it lands in (schema-valid values must not produce
// objects the API server rejects), and injection-prone slots carry the API's own shapes.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartsDir } from '../../generator/src/paths.ts';
import type { JsonSchema } from '../../generator/src/schema/types.ts';
import { loadChartSchema } from '../support/fuzz/property.ts';
import { renderError } from '../support/render.ts';

const INT32_MAX = 2_147_483_647;

function integerNodes(node: unknown, path: string, out: { path: string; schema: JsonSchema }[] = []) {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n, i) => integerNodes(n, `${path}/${i}`, out));
    return out;
  }
  const s = node as JsonSchema;
  const t = s.type;
  if (t === 'integer' || (Array.isArray(t) && t.includes('integer'))) out.push({ path, schema: s });
  for (const [k, v] of Object.entries(s)) integerNodes(v, `${path}/${k}`, out);
  return out;
}

const charts = readdirSync(chartsDir).filter((c) => {
  try {
    loadChartSchema(c);
    return true;
  } catch {
    return false;
  }
});

describe('value bounds', () => {
  it.each(charts)('%s: every integer value has an upper bound within int32', (chart) => {
    const unbounded = integerNodes(loadChartSchema(chart), '')
      .filter(({ schema }) => !Array.isArray(schema.enum) && !(typeof schema.maximum === 'number' && schema.maximum <= INT32_MAX))
      .map(({ path }) => path);
    expect(unbounded).toEqual([]);
  });

  it.each([
    ['an image registry with YAML in it', { images: { cloudControllerManager: { registry: 'evil/pwn:latest\n          env: [{name: EVIL, value: x}]' } } }, '/images/cloudControllerManager/registry'],
    ['an infra label value that is a flag', { csiController: { infraClusterLabels: { team: 'a\n            - --evil-flag=1' } } }, '/csiController/infraClusterLabels/team'],
    ['an infra label value that is a map', { csiController: { infraClusterLabels: { team: 'a: b' } } }, '/csiController/infraClusterLabels/team'],
    ['a toleration with an unknown field', { cloudControllerManager: { tolerations: [{ key: 'a', operator: 'Exists', evil: true }] } }, 'tolerations'],
    ['a toleration with a bad effect', { controlPlane: { placement: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'Sometimes' }] } } }, 'tolerations'],
    ['a drain timeout beyond int32', { nodeGroups: { workers: { deletion: { nodeDrainTimeoutSeconds: 2_147_483_648 } } } }, 'nodeDrainTimeoutSeconds'],
    // YAML 1.1 readers take U+0085/U+2028/U+2029 for line breaks and Helm's toYaml drops them: rejected, not mangled
    ['a free-text value with a YAML line separator', { controlPlane: { network: { serviceAnnotations: { 'example.com/a': 'x\u2028y' } } } }, 'serviceAnnotations'],
    ['a file path longer than the CRD allows', { nodeGroups: { workers: { files: [{ path: `/${'a'.repeat(600)}`, content: 'x' }] } } }, 'path'],
  ])('rejects %s at the schema', async (_what, values, key) => {
    const msg = await renderError('kubernetes', { values });
    expect(msg).toContain(key);
  });
});
