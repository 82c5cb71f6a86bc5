// The manifest parser rejects duplicate keys (the API server does) with a linear check of its own;
// the yaml library's check is switched off because it is quadratic in a mapping's size.
import { describe, expect, it } from 'vitest';
import { ManifestParseError, parseManifests } from '../../generator/src/manifest/parse.ts';

const configMap = (name: string, data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;

function parseError(text: string): string {
  try {
    parseManifests(text, 'input.yaml');
  } catch (err) {
    if (err instanceof ManifestParseError) return err.message;
    throw err;
  }
  throw new Error('parsed without error');
}

describe('duplicate keys', () => {
  it('are rejected in a mapping, naming the key and both lines', () => {
    const message = parseError(configMap('a', '  x: "1"\n  y: "2"\n  x: "3"\n'));
    expect(message).toContain('Map keys must be unique');
    expect(message).toContain('key "x" on line 8 repeats the one on line 6');
  });

  it('are rejected in a nested mapping and in a flow mapping', () => {
    expect(parseError('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: a\n    tier: b\n    app: c\n')).toContain('key "app" on line 8 repeats the one on line 6');
    expect(parseError('apiVersion: v1\nkind: Pod\nmetadata: {name: p, name: q}\n')).toContain('key "name"');
  });

  it('give lines of the whole stream, not of the document', () => {
    const message = parseError(`${configMap('a', '  x: "1"\n')}---\n${configMap('b', '  k: "1"\n  k: "2"\n')}`);
    expect(message).toContain('key "k" on line 14 repeats the one on line 13');
  });

  it('compare keys as go-yaml reads them (YAML 1.1): "on" and "yes" are both true', () => {
    expect(parseError(configMap('a', '  on: x\n  yes: y\n'))).toContain('key "yes"');
  });

  it('are not confused by the same key in sibling or nested mappings', () => {
    const docs = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {name: p}\n  annotations:\n    name: p\nspec:\n  containers:\n  - name: a\n    env: [{name: a, value: x}, {name: b, value: y}]\n  - name: b\n');
    expect(docs).toHaveLength(1);
    expect((docs[0]!.object.spec as { containers: { name: string }[] }).containers.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('are not confused by the same keys in another document', () => {
    const docs = parseManifests(`${configMap('a', '  x: "1"\n')}---\n${configMap('b', '  x: "1"\n')}`);
    expect(docs.map((d) => d.object.metadata.name)).toEqual(['a', 'b']);
  });

  it('keep a large mapping intact (every key, in order)', () => {
    const n = 50_000;
    const data = Array.from({ length: n }, (_, i) => `  key${i}: v${i}\n`).join('');
    const [doc] = parseManifests(configMap('big', data));
    const keys = Object.keys(doc!.object.data as object);
    expect(keys).toHaveLength(n);
    expect(keys[n - 1]).toBe(`key${n - 1}`);
    expect(parseError(configMap('big', `${data}  key123: again\n`))).toContain(`key "key123" on line ${6 + n} repeats the one on line ${6 + 123}`);
  });
});
