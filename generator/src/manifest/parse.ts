// Rendered multi-document YAML → objects, each remembering the template it came from
// (helm's `# Source:` comment) and its position, so errors can point at a template.
import { isScalar, parseAllDocuments, visit } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [key: string]: unknown;
}

export interface ManifestDoc {
  object: K8sObject;
  /** template path from helm's `# Source:` comment, or the input file name */
  source: string;
  /** 0-based index of the document in its stream */
  index: number;
  /** the input file the document was read from, when parsed from a file (or `-` for stdin) */
  file?: string;
}

export class ManifestParseError extends Error {}

const SOURCE_RE = /^# Source: (.+)$/m;

/**
 * Parses a multi-document YAML stream (e.g. `helm template` output). `fallbackSource` names
 * documents without a `# Source:` comment; `file`, when given, is recorded on every document.
 */
export function parseManifests(text: string, fallbackSource = '<stdin>', file?: string): ManifestDoc[] {
  const docs: ManifestDoc[] = [];
  // split on document markers ourselves so each document keeps its own `# Source:` line
  const chunks = text.split(/^---[ \t]*$/m);
  let index = 0;
  for (const chunk of chunks) {
    const source = SOURCE_RE.exec(chunk)?.[1]?.trim() ?? fallbackSource;
    // YAML 1.1, as the API server and kubectl read manifests (go-yaml v2): an unquoted `on` is a
    // boolean there and `3e989` a string, so the validator must see what the cluster will see
    for (const doc of parseAllDocuments(chunk, { version: '1.1' })) {
      if (doc.errors.length) {
        throw new ManifestParseError(`${source}: YAML error: ${doc.errors[0]!.message}`);
      }
      // go-yaml keeps a number too large for a float64 (3e989) as a string; so do we
      visit(doc, {
        Scalar(_key, node) {
          if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value) && /^[-+]?[0-9.]/.test(node.source ?? '')) {
            node.value = node.source;
          }
        },
      });
      const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new ManifestParseError(`${source}: document ${index} is not a Kubernetes object (a mapping with apiVersion and kind)`);
      }
      const obj = value as K8sObject;
      if (obj.kind === 'List' && Array.isArray((obj as { items?: unknown }).items)) {
        for (const item of (obj as unknown as { items: K8sObject[] }).items) docs.push({ object: item, source, index: index++, ...(file ? { file } : {}) });
        continue;
      }
      docs.push({ object: obj, source, index: index++, ...(file ? { file } : {}) });
    }
  }
  return docs;
}

/** `Kind/namespace/name` (namespace omitted when empty), the way errors name an object. */
export function objectRef(o: K8sObject): string {
  const ns = o.metadata?.namespace;
  return `${o.kind}/${ns ? `${ns}/` : ''}${o.metadata?.name ?? '<unnamed>'}`;
}
