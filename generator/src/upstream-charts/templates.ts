// An upstream operator release manifest (its objects) → the templates of a chart that renders exactly
// those objects, with these documented changes and nothing else:
//   * the namespace: every `namespace` field that names the manifest's namespace is the release namespace;
//   * CRDs carry `helm.sh/resource-policy: keep` (Helm never deletes them, so uninstalling the chart
//     cannot delete every KubeVirt/CDI object and with them the VMs and their disks);
//   * images: every image of the manifest's registry — the operator container's and the ones the operator
//     deploys, named in its env values — pulls from `imageRegistry` when set;
//   * the operator Deployment's settings in OVERRIDES come from values when set (else upstream's own).
// Anything the rules do not cover (the namespace elsewhere, an image of another registry, a second
// Deployment) fails the generation with what to decide, so a version bump cannot slip past them.
// Pure: objects in, template texts and the facts the README shows out.
import { Document, isScalar, visit } from 'yaml';
import { goYamlReadsAsNumber, type K8sObject, parseManifests } from '../manifest/parse.ts';
import { isObject } from '../schema/walk.ts';
import { UpstreamChartError } from './model.ts';

/** Values keys that replace one setting of the operator Deployment (values key = field name). */
export const OVERRIDES = [
  { key: 'replicas', at: 'deployment' },
  { key: 'affinity', at: 'pod' },
  { key: 'nodeSelector', at: 'pod' },
  { key: 'tolerations', at: 'pod' },
  { key: 'imagePullSecrets', at: 'pod' },
  { key: 'resources', at: 'container' },
] as const;

export type OverrideKey = (typeof OVERRIDES)[number]['key'];

/** Helm never deletes an object with this annotation (uninstall, or a later chart version without it). */
export const KEEP = { 'helm.sh/resource-policy': 'keep' } as const;

export interface ImageSlot {
  /** `<name>:<tag>` or `<name>@<digest>` below the registry */
  ref: string;
  /** where the manifest names it: `image of container virt-operator` or `env VIRT_OPERATOR_IMAGE` */
  where: string;
}

export interface OperatorChart {
  /** the manifest's namespace (its objects' and the operator's) */
  namespace: string;
  /** registry prefix of the manifest's images, e.g. quay.io/kubevirt */
  registry: string;
  images: ImageSlot[];
  /** upstream's own value of each override key the manifest sets */
  settings: Partial<Record<OverrideKey, unknown>>;
  /** kinds of the custom resources the operator acts on (its CRDs) */
  customResources: string[];
  /** the objects, in manifest order */
  objects: { kind: string; name: string; namespaced: boolean }[];
  /** templates/<name>: one file per kind, in manifest order */
  templates: { name: string; content: string }[];
  /** the `upstream-operator.upstream` data define (registry and settings as JSON) */
  /** the registry of its images and its own value of each overridable setting (the chart's _upstream.tpl) */
  upstreamData: unknown;
}

const SLOT = 'MATRYOSHKA_SLOT_';
const FIELD = 'MATRYOSHKA_FIELD_';
const IMAGE_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]+)?\/\S+[:@]\S+$/;

/** JSON that stays one YAML line and data: YAML line separators escaped. */
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The objects of a release manifest (empty documents dropped). */
export function manifestObjects(text: string, label: string): K8sObject[] {
  return parseManifests(text, label).map((d) => d.object);
}

export function buildOperatorChart(objects: readonly K8sObject[], opts: { label: string; header: string }): OperatorChart {
  const fail = (what: string): never => {
    throw new UpstreamChartError(`${opts.label}: ${what}`);
  };
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  if (deployments.length !== 1) fail(`expected exactly one Deployment (the operator), found ${deployments.length}; decide which settings of each the chart exposes (generator/src/upstream-charts/templates.ts)`);
  const deployment = deployments[0]!;
  const podSpec = (deployment.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template?.spec;
  const containers = podSpec?.containers;
  if (!Array.isArray(containers) || containers.length !== 1) fail(`the Deployment ${deployment.metadata.name} must have exactly one container, the operator`);
  const container = (containers as Record<string, unknown>[])[0]!;
  const namespace = deployment.metadata.namespace;
  if (!namespace) return fail(`the Deployment ${deployment.metadata.name} has no namespace`);
  const image = /^(.+)\/([^/]+)$/.exec(String(container.image ?? ''));
  if (!image) return fail(`the operator container's image "${String(container.image)}" is not <registry>/<name>:<tag>`);
  const registry = image[1]!;
  const imageRe = new RegExp(`^${escapeRegExp(registry)}/([a-z0-9][a-z0-9._-]*[:@][^\\s/]+)$`);

  const settings: Partial<Record<OverrideKey, unknown>> = {};
  const holders = { deployment: deployment.spec as Record<string, unknown>, pod: podSpec!, container };
  for (const o of OVERRIDES) if (o.key in holders[o.at]) settings[o.key] = holders[o.at][o.key];

  const images: ImageSlot[] = [];
  const customResources: string[] = [];
  const byKind = new Map<string, string[]>();
  for (const object of objects) {
    const slots: string[] = [];
    const slot = (action: string) => `${SLOT}${slots.push(action) - 1}`;
    let copy = structuredClone(object) as Record<string, any>;
    if (object.kind === 'CustomResourceDefinition') {
      copy.metadata.annotations = { ...copy.metadata.annotations, ...KEEP };
      const kind = (object.spec as { names?: { kind?: string } } | undefined)?.names?.kind;
      if (kind) customResources.push(kind);
    } else {
      copy = templateStrings(copy, [], {
        namespace: (path) => (path[path.length - 1] === 'namespace' ? slot('.Release.Namespace | quote') : fail(`${object.kind}/${object.metadata.name} ${path.join('.')} is the namespace "${namespace}" outside a namespace field: decide how the chart sets it`)),
        isNamespace: (v) => v === namespace,
        image: (v, path) => {
          const m = imageRe.exec(v);
          if (!m) return IMAGE_LIKE.test(v) ? fail(`${object.kind}/${object.metadata.name} ${path.join('.')} names the image ${v}, outside the registry ${registry} imageRegistry replaces`) : undefined;
          images.push({ ref: m[1]!, where: describePath(copy, path) });
          return slot(`include "upstream-operator.image" (dict "root" $ "ref" ${JSON.stringify(m[1])}) | quote`);
        },
      });
      if (object === deployment) {
        const at = { deployment: copy.spec, pod: copy.spec.template.spec, container: copy.spec.template.spec.containers[0] };
        for (const holder of ['deployment', 'pod', 'container'] as const) {
          const fields = OVERRIDES.filter((o) => o.at === holder).map((o) => ({ key: o.key, marker: `${FIELD}${slots.push(`field:${o.key}`) - 1}` }));
          placeFields(at[holder], fields);
        }
      }
    }
    const text = serialize(copy, `${object.kind}/${object.metadata.name}`, fail);
    const list = byKind.get(object.kind) ?? [];
    list.push(fillSlots(text, slots, fail));
    byKind.set(object.kind, list);
  }

  const templates = [...byKind].map(([kind, docs]) => ({
    name: `${kind.toLowerCase()}.yaml`,
    content: `{{- /* ${opts.header} */ -}}\n${docs.map((d) => `---\n${d}`).join('')}`,
  }));
  const upstreamData = { registry, settings };
  return {
    namespace,
    registry,
    images,
    settings,
    customResources,
    objects: objects.map((o) => ({ kind: o.kind, name: o.metadata.name ?? '', namespaced: o.metadata.namespace !== undefined })),
    templates,
    upstreamData,
  };
}

interface StringRules {
  isNamespace(value: string): boolean;
  namespace(path: (string | number)[]): string;
  /** a slot for an image of the registry, undefined for any other string */
  image(value: string, path: (string | number)[]): string | undefined;
}

/** Replaces the strings of an object the rules template (namespace, images), keeping key order. */
function templateStrings(value: any, path: (string | number)[], rules: StringRules): any {
  if (typeof value === 'string') {
    if (rules.isNamespace(value)) return rules.namespace(path);
    return rules.image(value, path) ?? value;
  }
  if (Array.isArray(value)) return value.map((v, i) => templateStrings(v, [...path, i], rules));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, templateStrings(v, [...path, k], rules)]));
  return value;
}

/** `env VIRT_OPERATOR_IMAGE` for an env value, else `image of container <name>`. */
function describePath(object: Record<string, any>, path: (string | number)[]): string {
  let node: any = object;
  const parents: any[] = [];
  for (const p of path) {
    parents.push(node);
    node = node?.[p];
  }
  if (path[path.length - 1] === 'value' && path[path.length - 3] === 'env') return `env ${parents[parents.length - 1]?.name}`;
  if (path[path.length - 1] === 'image') return `image of container ${parents[parents.length - 1]?.name}`;
  return path.join('.');
}

/** Puts the marker key of each field slot where the field is, or in key order when upstream has none. */
function placeFields(target: Record<string, unknown>, fields: { key: string; marker: string }[]): void {
  const entries: { name: string; key: string; value: unknown }[] = Object.entries(target).map(([k, v]) => ({ name: k, key: k, value: v }));
  for (const f of fields) {
    const at = entries.findIndex((e) => e.name === f.key);
    if (at >= 0) entries[at] = { name: f.key, key: f.marker, value: null };
    else {
      const after = entries.findIndex((e) => e.name.localeCompare(f.key) > 0);
      entries.splice(after < 0 ? entries.length : after, 0, { name: f.key, key: f.marker, value: null });
    }
  }
  for (const k of Object.keys(target)) delete target[k];
  for (const e of entries) target[e.key] = e.value;
}

/** YAML of one object as go-yaml (Helm, the API server) reads it; checked by reading it back. */
function serialize(object: Record<string, unknown>, what: string, fail: (w: string) => never): string {
  const doc = new Document(object, { version: '1.1' });
  // the yaml library leaves `0o17` plain, which go-yaml reads as a number
  visit(doc, { Scalar: (_k, node) => void (isScalar(node) && typeof node.value === 'string' && node.type !== 'BLOCK_LITERAL' && goYamlReadsAsNumber(node.value) && (node.type = 'QUOTE_DOUBLE')) });
  const text = doc.toString({ lineWidth: 0, indentSeq: false });
  if (text.includes('{{') || text.includes('}}')) fail(`${what} contains "{{" or "}}", which Helm would read as a template action`);
  const back = parseManifests(text, what).map((d) => d.object);
  if (back.length !== 1 || JSON.stringify(back[0]) !== JSON.stringify(object)) fail(`${what} does not read back as written (YAML serialisation)`);
  return text;
}

/** Replaces the slot markers with their template actions. */
function fillSlots(text: string, slots: string[], fail: (w: string) => never): string {
  const out = text
    .replace(new RegExp(`^( *)(- )?${FIELD}(\\d+): null$`, 'gm'), (_m, indent: string, dash: string | undefined, n: string) => {
      const key = slots[Number(n)]!.replace(/^field:/, '');
      if (dash) fail(`the field ${key} is the first key of a list item; it cannot be a conditional line`);
      return `${indent}{{- include "upstream-operator.field" (dict "root" $ "key" ${JSON.stringify(key)} "indent" ${indent.length}) }}`;
    })
    .replace(new RegExp(`${SLOT}(\\d+)`, 'g'), (_m, n: string) => `{{ ${slots[Number(n)]} }}`);
  if (out.includes(SLOT) || out.includes(FIELD)) fail('a slot marker was left in the template');
  return out;
}
