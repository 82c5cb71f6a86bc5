// `matryoshka schemas sync` from small committed fixture inputs (test/fixtures/schema-inputs): CRD and
// OpenAPI conversion, pinned inputs checked by SHA-256, offline and online giving the same folder, the
// shared definitions, NOTICE/manifest, and a folder validation can use on its own.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertCrd, strictSchema } from '../../generator/src/crd/convert.ts';
import { type Fetch, InputError, crossCheckCrdFolder, describeFetchError, downloadPinnedInputs, readLocalInputs, readPinnedInputs } from '../../generator/src/crd/inputs.ts';
import { OpenApiConversionError, kindSchemaFromOpenApi } from '../../generator/src/crd/openapi.ts';
import { DEFINITIONS_FILE, shareDefinitions } from '../../generator/src/crd/share.ts';
import { SyncError, buildSchemaFolder, diffSchemaDir, standaloneSchemas, verifySchemaDir, writeSchemaDir } from '../../generator/src/crd/sync.ts';
import type { PinnedSource } from '../../generator/src/crd/upstream.ts';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { validationErrors } from '../support/validate.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'schema-inputs');
const tmp = mkdtempSync(join(tmpdir(), 'matryoshka-schemas-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const url = (path: string) => `https://example.invalid/${path}`;
/** The fixture inputs, pinned like upstream.ts pins the real ones. */
const SOURCES: PinnedSource[] = [
  { repo: 'example/widgets', ref: 'v1.0.0', licence: 'Apache-2.0', format: 'crd', files: [{ path: 'crds/example/example.com_widgets.yaml', url: url('widgets.yaml'), sha256: '45af253bfe9adacda3e0f76a343a7fec591ef33d6de88a105a61b77f061b2c5b' }] },
  {
    repo: 'example/operator',
    ref: 'v2.0.0',
    licence: 'Apache-2.0',
    format: 'crd',
    files: [{ path: 'upstream/example-operator/operator.yaml', url: url('operator.yaml'), document: 'CustomResourceDefinition/gizmos.example.com', sha256: 'f45a5646bffd2febcba25e7b1999a9edfdc7c142de674f4b1cdb3b7a22fe5451' }],
  },
  {
    repo: 'example/api',
    ref: 'v3.0.0',
    licence: 'Apache-2.0',
    format: 'openapi',
    kinds: [{ apiVersion: 'example.com/v1', kind: 'Gadget' }],
    files: [{ path: 'upstream/example-api/swagger.json', url: url('swagger.json'), sha256: 'fc40f79e6b3ea5c0dcf361e1ba0ad4ee87302cc5f2075293b8d6236799fea73f' }],
  },
  { repo: 'example/core', ref: 'abc123', licence: 'not verified', format: 'core-schema', files: [{ path: 'k8s-schemas/configmap-v1.json', url: url('configmap-v1.json'), sha256: 'bc4df826a43199559ac17a4e521ace5c16b546d50d559b501973adf7a790b041' }] },
];

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;

describe('CRD → strict JSON Schema conversion', () => {
  const [widget] = readLocalInputs([join(fixtures, 'crds')]);

  it('converts the fixture CRD into the hand-written expected schema (every rule at once)', () => {
    const files = convertCrd(widget!.values[0]);
    expect(files.map((f) => f.path)).toEqual(['example.com/widget_v1.json']); // v1alpha1 is not served
    expect(files[0]!.schema).toEqual(readJson(join(fixtures, 'expected', 'example.com', 'widget_v1.json')));
  });

  it('skips CRD versions under legacy/ (versions current controllers no longer serve)', () => {
    const inputs = readLocalInputs([join(fixtures, 'crds')]);
    expect(inputs.map((i) => i.file.path)).toEqual(['crds/example/example.com_widgets.yaml']);
    expect(standaloneSchemas(inputs).map((s) => s.path)).not.toContain('example.com/widget_v0.json');
  });

  it('closes objects with properties, keeps preserve-unknown-fields and maps open, leaves combinator branches alone', () => {
    const s = strictSchema({
      type: 'object',
      properties: {
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: { type: 'string' } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        either: { type: 'object', properties: { a: { type: 'string' } }, oneOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }] },
      },
    }) as any;
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.values.additionalProperties).toBeUndefined();
    expect(s.properties.labels.additionalProperties).toEqual({ type: 'string' });
    expect(s.properties.either.additionalProperties).toBe(false);
    expect(s.properties.either.oneOf[0].additionalProperties).toBeUndefined();
  });

  it('turns int-or-string into oneOf string/integer (dropping an old-style `type: string`) unless an anyOf already says so', () => {
    const s = strictSchema({ type: 'object', properties: { a: { 'x-kubernetes-int-or-string': true }, b: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }, c: { type: 'string', format: 'int-or-string' } } }) as any;
    expect(s.properties.a.oneOf).toEqual([{ type: 'string' }, { type: 'integer' }]);
    expect(s.properties.b.oneOf).toBeUndefined();
    expect(s.properties.c).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }] });
  });

  it('lets nullable fields accept null (type and enum) and never edits default/enum values', () => {
    const s = strictSchema({ type: 'object', properties: { n: { type: 'string', nullable: true, enum: ['a'] }, d: { type: 'object', default: { properties: { x: 1 } } } } }) as any;
    expect(s.properties.n).toEqual({ type: ['string', 'null'], nullable: true, enum: ['a', null] });
    expect(s.properties.d).toEqual({ type: 'object', default: { properties: { x: 1 } } });
  });
});

describe('OpenAPI v2 → strict JSON Schema of a kind', () => {
  const swagger = readJson(join(fixtures, 'upstream', 'example-api', 'swagger.json'));
  const gadget = kindSchemaFromOpenApi(swagger, 'example.com/v1', 'Gadget') as any;

  it('takes the definition the POST path accepts, resolves its refs and keeps the annotations beside them', () => {
    expect(JSON.stringify(gadget)).not.toContain('$ref');
    expect(gadget.properties.spec).toMatchObject({ description: 'What the gadget should be.', default: {}, type: 'object', required: ['size'] });
    expect(gadget.properties.spec.properties.primary).toEqual(gadget.properties.spec.properties.secondary);
    expect(gadget.properties.spec.properties.size).toEqual({ type: ['string', 'integer', 'number'] });
  });

  it('applies the CRD conventions: closed objects, int-or-string, apiVersion/kind pinned by enum', () => {
    expect(gadget.additionalProperties).toBe(false);
    expect(gadget.properties.metadata.additionalProperties).toBe(false);
    expect(gadget.properties.metadata.properties.labels.additionalProperties).toEqual({ type: 'string', default: '' });
    expect(gadget.properties.spec.properties.primary.properties.tls.additionalProperties).toBe(false);
    expect(gadget.properties.spec.properties.target).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(gadget.properties.apiVersion).toEqual({ description: 'APIVersion of the object.', type: 'string', enum: ['example.com/v1'] });
    expect(gadget.properties.kind.enum).toEqual(['Gadget']);
  });

  it('names what is missing or cannot be inlined', () => {
    expect(() => kindSchemaFromOpenApi(swagger, 'example.com/v2', 'Gadget')).toThrow(/no POST path under \/apis\/example.com\/v2\/ accepts a Gadget/);
    const loop = { paths: { '/apis/x.io/v1/loops': { post: { parameters: [{ in: 'body', schema: { $ref: '#/definitions/v1.Loop' } }] } } }, definitions: { 'v1.Loop': { type: 'object', properties: { next: { $ref: '#/definitions/v1.Loop' } } } } };
    expect(() => kindSchemaFromOpenApi(loop, 'x.io/v1', 'Loop')).toThrow(OpenApiConversionError);
    expect(() => kindSchemaFromOpenApi(loop, 'x.io/v1', 'Loop')).toThrow(/recursive definition v1.Loop → v1.Loop/);
  });
});

describe('shared definitions', () => {
  const big = (n: number) => ({ type: 'object', description: 'x'.repeat(600), properties: { n: { type: 'integer', enum: [n] } }, additionalProperties: false });
  const ref = (path: string) => (def: string) => ({ $ref: `${path}${DEFINITIONS_FILE}#/definitions/${def}` });

  it('stores a big subschema that occurs twice once, refers to it relatively from every file, and leaves the rest inline', () => {
    const { files, definitions } = shareDefinitions(
      new Map<string, Record<string, unknown>>([
        ['a-v1.json', { type: 'object', properties: { x: big(1), y: big(1), z: big(2), small: { type: 'string' } } }],
        ['g.io/b_v1.json', { type: 'object', properties: { items: { type: 'array', items: big(1) }, small: { type: 'string' } } }],
      ]),
    );
    const [hash] = Object.keys(definitions);
    expect(Object.keys(definitions)).toHaveLength(1);
    expect(definitions[hash!]).toEqual(big(1));
    expect(files.get('a-v1.json')).toEqual({ type: 'object', properties: { x: ref('')(hash!), y: ref('')(hash!), z: big(2), small: { type: 'string' } } });
    expect(files.get('g.io/b_v1.json')).toEqual({ type: 'object', properties: { items: { type: 'array', items: ref('../')(hash!) }, small: { type: 'string' } } });
  });

  it('never moves a file root, a branch of allOf/anyOf/oneOf/not, or data such as default', () => {
    const { definitions } = shareDefinitions(
      new Map<string, Record<string, unknown>>([
        ['a-v1.json', big(1)],
        ['b-v1.json', big(1)],
        ['c-v1.json', { oneOf: [big(3), { not: big(4) }], anyOf: [big(3)], allOf: [{ not: big(4) }], properties: { d: { type: 'object', default: big(5) }, e: { type: 'object', description: 'e', default: big(5) } } }],
      ]),
    );
    expect(definitions).toEqual({});
  });

  it('keeps a nested shared subschema inside its parent definition when the parent is its only user', () => {
    const parent = { type: 'object', properties: { inner: big(7), other: { type: 'string', description: 'y'.repeat(600) } } };
    const { files, definitions } = shareDefinitions(new Map([['a-v1.json', { properties: { p: parent, q: parent } }]]));
    expect(Object.values(definitions)).toEqual([parent]);
    expect(JSON.stringify([...files.values()])).not.toContain('"enum":[7]');
  });
});

describe('matryoshka schemas sync (fixture inputs)', () => {
  const inputs = readPinnedInputs(fixtures, SOURCES);
  const files = buildSchemaFolder(inputs);
  const out = join(tmp, 'synced');
  writeSchemaDir(out, files);

  it('writes a kubeconform-layout folder with shared definitions, NOTICE.md and manifest.json', () => {
    expect(files.map((f) => f.path)).toEqual(['NOTICE.md', '_definitions.json', 'configmap-v1.json', 'example.com/gadget_v1.json', 'example.com/gizmo_v1beta1.json', 'example.com/widget_v1.json', 'manifest.json']);
    // the Endpoint subschema occurs twice in Gadget: stored once, referred to relatively
    const gadget = readJson(join(out, 'example.com', 'gadget_v1.json'));
    const { primary, secondary } = gadget.properties.spec.properties;
    expect(primary).toEqual(secondary);
    expect(primary.$ref).toMatch(/^\.\.\/_definitions\.json#\/definitions\/[0-9a-f]{16}$/);
    const defs = readJson(join(out, '_definitions.json')).definitions;
    const standalone = kindSchemaFromOpenApi(readJson(join(fixtures, 'upstream', 'example-api', 'swagger.json')), 'example.com/v1', 'Gadget') as any;
    expect(Object.values(defs)).toEqual([standalone.properties.spec.properties.primary]);
  });

  it('records every input (relative path, SHA-256, source, licence) and every file with its hash', () => {
    const notice = readFileSync(join(out, 'NOTICE.md'), 'utf8');
    for (const s of SOURCES) {
      expect(notice).toContain(`## ${s.repo} ${s.ref}`);
      expect(notice).toContain(`Licence: ${s.licence}.`);
      for (const f of s.files) expect(notice).toContain(`| \`${f.path}\`${f.document ? `, document \`${f.document}\`` : ''} | ${f.url} | \`${f.sha256}\` |`);
    }
    expect(notice).not.toContain(fixtures);
    const manifest = readJson(join(out, 'manifest.json'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(files.map((f) => f.path).filter((p) => p !== 'manifest.json'));
    expect(manifest.files.find((f: { path: string }) => f.path === 'example.com/gizmo_v1beta1.json').from).toBe('upstream/example-operator/operator.yaml');
    expect(verifySchemaDir(out, SOURCES)).toEqual([]);
    expect(diffSchemaDir(out, files)).toEqual([]);
  });

  it('gives a folder validation can use on its own (CRD, OpenAPI and core kinds; CRD metadata closed by the core ObjectMeta)', () => {
    const docs = parseManifests(`
apiVersion: example.com/v1
kind: Widget
metadata: { name: w, lables: { a: b } }
spec: { size: 1, port: http, maxSurge: 2, legacyPort: 8080, mode: null, values: { any: thing }, items: [{ count: 1 }], either: { a: x }, sise: 2 }
---
apiVersion: example.com/v1
kind: Gadget
metadata: { name: g }
spec: { size: 1Gi, target: 80, primary: { host: a, tls: { insecure: true } }, secondary: { host: b, prot: 1 } }
---
apiVersion: example.com/v1beta1
kind: Gizmo
metadata: { name: z }
spec: { replicas: two }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: c }
data: { a: b }
`);
    const found = validationErrors(docs, { schemaDirs: [out], wiring: false }).map((e) => `${e.object} ${e.path}: ${e.message}`);
    expect(found).toEqual([
      'Widget/tenant-a/w spec.sise: unknown field "sise"',
      'Widget/tenant-a/w metadata.lables: unknown field "lables"',
      'Gadget/tenant-a/g spec.secondary.prot: unknown field "prot"',
      'Gizmo/tenant-a/z spec.replicas: must be integer, got the string "two"',
    ]);
  });

  it('downloads the same inputs online and builds a byte-identical folder', async () => {
    const byUrl = new Map(SOURCES.flatMap((s) => s.files.map((f) => [f.url, readFileSync(join(fixtures, f.path))] as const)));
    const fetchFn: Fetch = async (u) => ({ ok: true, status: 200, arrayBuffer: async () => new Uint8Array(byUrl.get(u)!).buffer });
    expect(buildSchemaFolder(await downloadPinnedInputs(fetchFn, SOURCES))).toEqual(files);
  });

  it('rejects an input whose SHA-256 is not the pinned one, naming the file', () => {
    const wrong = SOURCES.map((s) => ({ ...s, files: s.files.map((f) => ({ ...f, sha256: '0'.repeat(64) })) }));
    expect(() => readPinnedInputs(fixtures, wrong.slice(0, 1))).toThrow(new RegExp(`checksum mismatch for ${join(fixtures, 'crds/example/example.com_widgets.yaml')}: expected 0{64}, got 45af253b`));
    expect(() => readPinnedInputs(fixtures, wrong.slice(1, 2))).toThrow(/checksum mismatch for CustomResourceDefinition\/gizmos.example.com in .*operator.yaml: expected 0{64}, got f45a5646.* \(SHA-256 of the document as canonical JSON\)/);
    expect(() => readPinnedInputs(join(tmp, 'nowhere'), SOURCES)).toThrow(InputError);
  });

  it('verify and --check notice a file edited, added or removed by hand', () => {
    const copy = join(tmp, 'tampered');
    cpSync(out, copy, { recursive: true });
    writeFileSync(join(copy, 'configmap-v1.json'), '{}\n');
    writeFileSync(join(copy, 'extra.json'), '{}\n');
    rmSync(join(copy, 'example.com', 'gizmo_v1beta1.json'));
    expect(verifySchemaDir(copy, SOURCES)).toEqual([
      'configmap-v1.json: content differs from its SHA-256 in manifest.json (edited by hand?)',
      'extra.json: not listed in manifest.json',
      'example.com/gizmo_v1beta1.json: listed in manifest.json but missing',
    ]);
    expect(diffSchemaDir(copy, files)).toEqual(['changed: configmap-v1.json', 'missing: example.com/gizmo_v1beta1.json', 'not produced by the sync: extra.json']);
    // a folder synced from other inputs than the pins
    expect(verifySchemaDir(out, SOURCES.slice(1))).toEqual([
      'input crds/example/example.com_widgets.yaml 45af253bfe9adacda3e0f76a343a7fec591ef33d6de88a105a61b77f061b2c5b is not pinned in generator/src/crd/upstream.ts (re-run `matryoshka schemas sync`)',
    ]);
  });

  it('a re-sync replaces its own folder; it refuses to clear a folder it did not write', () => {
    writeSchemaDir(out, files);
    expect(readdirSync(out).sort()).toEqual(['NOTICE.md', '_definitions.json', 'configmap-v1.json', 'example.com', 'manifest.json']);
    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    expect(() => writeSchemaDir(foreign, files)).toThrow(SyncError);
    expect(readFileSync(join(foreign, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('lists CRD manifests in the inputs folder that no pin covers, and copies that differ from the pinned document', () => {
    const dir = join(tmp, 'inputs');
    cpSync(fixtures, dir, { recursive: true });
    expect(crossCheckCrdFolder(dir, inputs)).toEqual({ unpinned: [], differing: [] });
    mkdirSync(join(dir, 'crds', 'operator'));
    const gizmo = readFileSync(join(dir, 'upstream', 'example-operator', 'operator.yaml'), 'utf8').split('---\n')[1]!;
    writeFileSync(join(dir, 'crds', 'operator', 'gizmos.yaml'), gizmo.replace('type: integer', 'type: string'));
    copyFileSync(join(dir, 'crds', 'example', 'example.com_widgets.yaml'), join(dir, 'crds', 'operator', 'widgets-copy.yaml'));
    writeFileSync(join(dir, 'crds', 'operator', 'things.yaml'), gizmo.replaceAll('gizmo', 'thing').replace('Gizmo', 'Thing'));
    expect(crossCheckCrdFolder(dir, inputs)).toEqual({
      unpinned: ['crds/operator/things.yaml: CustomResourceDefinition/things.example.com is not pinned in generator/src/crd/upstream.ts'],
      differing: ['crds/operator/gizmos.yaml: CustomResourceDefinition/gizmos.example.com differs from the pinned upstream/example-operator/operator.yaml; the pinned one is used'],
    });
  });
});

describe('downloads', () => {
  const one: PinnedSource[] = [SOURCES[0]!];

  it('name the URL and the cause when the network fails (not just "fetch failed")', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND example.invalid'), { code: 'ENOTFOUND' });
    const fetchFn: Fetch = async () => {
      throw new TypeError('fetch failed', { cause: dns });
    };
    await expect(downloadPinnedInputs(fetchFn, one)).rejects.toThrow('cannot download https://example.invalid/widgets.yaml: fetch failed: getaddrinfo ENOTFOUND example.invalid');
    const refused = Object.assign(new AggregateError([new Error('connect ECONNREFUSED ::1:443'), new Error('connect ECONNREFUSED 127.0.0.1:443')], ''), { code: 'ECONNREFUSED' });
    expect(describeFetchError(new TypeError('fetch failed', { cause: refused }))).toBe('fetch failed: connect ECONNREFUSED ::1:443; connect ECONNREFUSED 127.0.0.1:443');
  });

  it('name the URL and the HTTP status', async () => {
    const fetchFn: Fetch = async () => ({ ok: false, status: 404, statusText: 'Not Found', arrayBuffer: async () => new ArrayBuffer(0) });
    await expect(downloadPinnedInputs(fetchFn, one)).rejects.toThrow('cannot download https://example.invalid/widgets.yaml: HTTP 404 Not Found');
  });

  it('reject a download whose checksum does not match the pin, naming the URL, and stop there', async () => {
    const urls: string[] = [];
    const fetchFn: Fetch = async (u) => {
      urls.push(u);
      return { ok: true, status: 200, arrayBuffer: async () => new TextEncoder().encode('tampered').buffer as ArrayBuffer };
    };
    await expect(downloadPinnedInputs(fetchFn, SOURCES)).rejects.toThrow(/^checksum mismatch for https:\/\/example\.invalid\/widgets\.yaml: expected 45af253b/);
    expect(urls).toEqual(['https://example.invalid/widgets.yaml']);
  });
});
