import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAll } from '../../generator/src/generate/outputs.ts';
import { staleFiles } from '../../generator/src/generate/write.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { FREE_TEXT_PATTERN, SchemaSourceError, bundleSchema, strictify } from '../../generator/src/schema/bundle.ts';
import { parameterRows } from '../../generator/src/schema/parameters.ts';

const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('matryoshka generate', () => {
  it('is deterministic: two runs produce identical files', async () => {
    const a = await generateAll();
    const b = await generateAll();
    expect(b).toEqual(a);
  });

  it('committed generated files are fresh (run `npm run generate` when this fails)', async () => {
    expect(staleFiles(await generateAll())).toEqual([]);
  });

  it('detects a deliberately stale generated file', async () => {
    const files = await generateAll();
    const target = files.find((f) => f.path.endsWith('kubernetes/values.yaml'))!;
    for (const f of files) {
      const dest = join(tmp, f.path);
      cpSync(join(repoRoot, f.path), dest, { recursive: true });
    }
    writeFileSync(join(tmp, target.path), `${readFileSync(join(tmp, target.path), 'utf8')}\nextra: edited by hand\n`);
    expect(staleFiles(files, tmp)).toEqual([target.path]);
  });

  it('stamps every generated file with the command that regenerates it', async () => {
    for (const f of await generateAll()) expect(f.content.slice(0, 300)).toContain('npm run generate');
  });
});

describe('schema bundling', () => {
  it('rejects unknown keys on objects with properties, keeps declared pass-through maps open', () => {
    const s = strictify({
      type: 'object',
      properties: { a: { type: 'object', properties: { b: { type: 'string' } } }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
    });
    expect(s.additionalProperties).toBe(false);
    expect(s.properties!.a!.additionalProperties).toBe(false);
    // free text may not carry YAML line separators (see FREE_TEXT_PATTERN)
    expect(s.properties!.labels!.additionalProperties).toEqual({ type: 'string', pattern: FREE_TEXT_PATTERN });
  });

  it('refuses keywords outside draft-07 with the JSON pointer', () => {
    expect(() => strictify({ type: 'object', properties: { a: { type: 'array', prefixItems: [] } } })).toThrow(/#\/properties\/a: keyword "prefixItems" is not draft-07/);
  });

  it('refuses an object that does not say whether it is a pass-through map', () => {
    expect(() => strictify({ type: 'object', properties: { m: { type: 'object' } } })).toThrow(SchemaSourceError);
  });

  it('inlines file $refs and accepts global at the root', () => {
    const dir = mkdtempSync(join(tmp, 'src-'));
    writeFileSync(join(dir, 'values.schema.yaml'), 'type: object\nproperties:\n  part: { $ref: ./part.yaml, description: overridden }\n');
    writeFileSync(join(dir, 'part.yaml'), 'type: object\ndescription: original\nproperties:\n  x: { type: integer, default: 1 }\n');
    const s = bundleSchema(join(dir, 'values.schema.yaml'), { sourceLabel: 'x', regenerateCommand: 'gen' });
    expect(s.properties!.part).toMatchObject({ description: 'overridden', additionalProperties: false, properties: { x: { type: 'integer' } } });
    expect(s.properties!.global).toMatchObject({ type: 'object', additionalProperties: true });
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('keeps only the definitions a $ref reaches (a file $ref hoists every definition of that file)', () => {
    const dir = mkdtempSync(join(tmp, 'src-'));
    writeFileSync(join(dir, 'values.schema.yaml'), 'type: object\nproperties:\n  a: { $ref: ./shapes.yaml#/definitions/used }\n');
    writeFileSync(join(dir, 'shapes.yaml'), 'definitions:\n  used: { type: object, properties: { b: { $ref: "#/definitions/inner" } } }\n  inner: { type: integer, maximum: 9 }\n  unused: { type: string }\n');
    const s = bundleSchema(join(dir, 'values.schema.yaml'), { sourceLabel: 'x', regenerateCommand: 'gen' });
    expect(Object.keys(s.definitions!).sort()).toEqual(['inner', 'used']);
  });

  it('documents a default set on an ancestor in the row of each key (as values.yaml shows it)', () => {
    const rows = parameterRows({
      type: 'object',
      properties: { image: { type: 'object', default: { tag: 'v1' }, properties: { tag: { type: 'string' }, digest: { type: 'string' } } } },
    });
    expect(rows.find((r) => r.key === 'image.tag')?.default).toBe('"v1"');
    expect(rows.find((r) => r.key === 'image.digest')?.default).toBe('');
  });
});
