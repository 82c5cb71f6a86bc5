import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertCrd, strictSchema } from '../../generator/src/crd/convert.ts';
import { SyncTargetError, coreSchemasFromDir, schemasFromCrdDirs, schemasFromUpstream, writeSchemaDir } from '../../generator/src/crd/sync.ts';
import { PINNED_CORE_SCHEMAS, PINNED_CRDS } from '../../generator/src/crd/upstream.ts';
import { sharedDir } from '../../generator/src/validate/index.ts';
import { validationErrors } from '../support/validate.ts';
import { TENANT_EXTERNALS, cleanTenant } from './fixture.ts';

const crdsDir = join(sharedDir, 'crds');
const referenceDir = join(sharedDir, 'crd-schemas');
const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-schemas-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function referenceFiles(dir = referenceDir, prefix = ''): string[] {
  return readdirSync(dir).flatMap((e) => {
    if (e === 'legacy') return [];
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return referenceFiles(p, `${prefix}${e}/`);
    return e.endsWith('.json') ? [`${prefix}${e}`] : [];
  });
}

describe('CRD → strict JSON Schema conversion', () => {
  const converted = schemasFromCrdDirs([crdsDir]);

  it('reproduces every schema of ../shared/crd-schemas from ../shared/crds (deep-equal)', () => {
    const expected = referenceFiles().sort();
    expect(converted.map((f) => f.path)).toEqual(expected);
    for (const f of converted) {
      expect(JSON.parse(f.content), f.path).toEqual(JSON.parse(readFileSync(join(referenceDir, f.path), 'utf8')));
    }
  });

  it('skips CRD versions under legacy/ (versions current controllers no longer serve)', () => {
    expect(converted.map((f) => f.path)).not.toContain('helm.toolkit.fluxcd.io/helmrelease_v2beta2.json');
  });

  const crd = (schema: object, extra: object = {}) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', names: { kind: 'Widget' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }, { name: 'v0', served: false, schema: { openAPIV3Schema: {} } }], ...extra },
  });

  it('closes objects with properties, keeps preserve-unknown-fields and maps open, skips unserved versions', () => {
    const files = convertCrd(
      crd({
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
              labels: { type: 'object', additionalProperties: { type: 'string' } },
              items: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
              either: { type: 'object', properties: { a: { type: 'string' } }, oneOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }] },
            },
          },
        },
      }),
    );
    expect(files.map((f) => f.path)).toEqual(['example.com/widget_v1.json']);
    const s = files[0]!.schema as any;
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.spec.additionalProperties).toBe(false);
    expect(s.properties.spec.properties.values.additionalProperties).toBeUndefined();
    expect(s.properties.spec.properties.labels.additionalProperties).toEqual({ type: 'string' });
    expect(s.properties.spec.properties.items.items.additionalProperties).toBe(false);
    expect(s.properties.spec.properties.either.additionalProperties).toBe(false);
    expect(s.properties.spec.properties.either.oneOf[0].additionalProperties).toBeUndefined();
  });

  it('turns int-or-string into oneOf string/integer unless an anyOf already says so', () => {
    const s = strictSchema({ type: 'object', properties: { a: { 'x-kubernetes-int-or-string': true }, b: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }, c: { type: 'string', format: 'int-or-string' } } }) as any;
    expect(s.properties.a.oneOf).toEqual([{ type: 'string' }, { type: 'integer' }]);
    expect(s.properties.b.oneOf).toBeUndefined();
    expect(s.properties.c).toEqual({ type: 'string', oneOf: [{ type: 'string' }, { type: 'integer' }] });
  });

  it('lets nullable fields accept null (type and enum) and never edits default/enum values', () => {
    const s = strictSchema({ type: 'object', properties: { n: { type: 'string', nullable: true, enum: ['a'] }, d: { type: 'object', default: { properties: { x: 1 } } } } }) as any;
    expect(s.properties.n).toEqual({ type: ['string', 'null'], nullable: true, enum: ['a', null] });
    expect(s.properties.d).toEqual({ type: 'object', default: { properties: { x: 1 } } });
  });
});

describe('matryoshka schemas sync', () => {
  it('writes a kubeconform-layout directory that validation can use on its own', () => {
    const out = join(tmp, 'synced');
    const files = [...schemasFromCrdDirs([crdsDir]), ...coreSchemasFromDir(join(sharedDir, 'k8s-schemas'))];
    writeSchemaDir(out, files, ['test']);
    expect(readdirSync(join(out, 'cluster.x-k8s.io'))).toContain('cluster_v1beta2.json');
    expect(readdirSync(out)).toContain('deployment-apps-v1.json');
    expect(validationErrors(cleanTenant(), { schemaDirs: [out], external: TENANT_EXTERNALS })).toEqual([]);
    // a re-sync replaces its own directory
    writeSchemaDir(out, files.slice(0, 1), ['test']);
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual([files[0]!.path.split('/')[0]]);
  });

  it('refuses to clear a directory it did not write', () => {
    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    expect(() => writeSchemaDir(foreign, [], [])).toThrow(SyncTargetError);
    expect(readFileSync(join(foreign, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('pins exactly the upstream CRD files of ../shared/crds, by SHA-256', () => {
    const pinned = new Map(PINNED_CRDS.flatMap((r) => r.files.map((f) => [basename(f.url), f.sha256] as const)));
    const local = readdirSync(crdsDir)
      .filter((d) => d !== 'legacy')
      .flatMap((d) => readdirSync(join(crdsDir, d)).filter((f) => f.endsWith('.yaml')).map((f) => [f, createHash('sha256').update(readFileSync(join(crdsDir, d, f))).digest('hex')] as const));
    expect(new Map(local)).toEqual(pinned);
    expect(PINNED_CORE_SCHEMAS.map((f) => basename(f.url)).sort()).toEqual(readdirSync(join(sharedDir, 'k8s-schemas')).filter((f) => f.endsWith('.json')).sort());
  });

  it('rejects a downloaded file whose checksum does not match the pin (no network: fake fetch)', async () => {
    const urls: string[] = [];
    const fakeFetch = async (url: string) => {
      urls.push(url);
      return { ok: true, status: 200, text: async () => 'tampered' };
    };
    await expect(schemasFromUpstream(fakeFetch)).rejects.toThrow(/checksum mismatch for https:\/\/raw\.githubusercontent\.com\/kubernetes-sigs\/cluster-api\/v1\.14\.0\//);
    expect(urls).toHaveLength(1);
  });
});
