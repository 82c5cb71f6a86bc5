// Rendered multi-document YAML → objects, each remembering the template it came from
// (helm's `# Source:` comment) and its position, so errors can point at a template.
import { isScalar, LineCounter, parseAllDocuments, type Scalar, visit, type YAMLMap } from 'yaml';

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

// go-yaml v2 (what the API server, kubectl and helm decode with) reads a plain scalar as a number
// only in these spellings; the yaml library's 1.1 schema is looser ("e8", "1:20" sexagesimal).
const GO_YAML_INT = /^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)$/;
const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_YAML_SPECIAL = /^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;

/** Whether go-yaml reads this plain scalar as a number (a string spelled so must be quoted). */
export function goYamlReadsAsNumber(src: string): boolean {
  return GO_YAML_SPECIAL.test(src) || GO_YAML_INT.test(src) || (GO_YAML_FLOAT.test(src) && Number.isFinite(Number(src)));
}

/** Turns a plain scalar the yaml library read as a number back into the string go-yaml sees. */
function keepGoYamlString(node: Scalar): void {
  if (typeof node.value !== 'number' || node.source === undefined || node.type !== 'PLAIN') return;
  if (!goYamlReadsAsNumber(node.source)) node.value = node.source;
}

/**
 * The first key of `map` that repeats an earlier one (same scalar value, as the yaml library's own
 * `uniqueKeys` check compares), or undefined. One Map per mapping keeps this linear in the number of
 * keys; the library's check scans all earlier keys for every key, quadratic in a mapping's size
 * (a 2 MB values map took 19 s to parse).
 */
function duplicateKey(map: YAMLMap): { key: Scalar; first: Scalar } | undefined {
  if (map.items.length < 2) return undefined;
  const seen = new Map<unknown, Scalar>();
  for (const pair of map.items) {
    const key = pair.key;
    // non-scalar keys (a mapping as a key) compare by identity there, so they never repeat
    if (!isScalar(key)) continue;
    keepGoYamlString(key); // compare keys as go-yaml reads them (`1e3` and `1000` differ there)
    if (Number.isNaN(key.value)) continue;
    const first = seen.get(key.value);
    if (first) return { key, first };
    seen.set(key.value, key);
  }
  return undefined;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Parses a multi-document YAML stream (e.g. `helm template` output). `fallbackSource` names
 * documents without a `# Source:` comment; `file`, when given, is recorded on every document.
 */
export function parseManifests(text: string, fallbackSource = '<stdin>', file?: string): ManifestDoc[] {
  const docs: ManifestDoc[] = [];
  // split on document markers ourselves so each document keeps its own `# Source:` line
  const chunks = text.split(/^---[ \t]*$/m);
  let index = 0;
  let firstLine = 1; // line of the input on which the chunk starts, for error positions
  for (const chunk of chunks) {
    const chunkLine = firstLine;
    firstLine += newlines(chunk);
    const source = SOURCE_RE.exec(chunk)?.[1]?.trim() ?? fallbackSource;
    // YAML 1.1, as the API server and kubectl read manifests (go-yaml v2): an unquoted `on` is a
    // boolean there and `3e989` a string, so the validator must see what the cluster will see.
    // Duplicate keys are rejected by the API server, so they are errors here too — found below in
    // linear time instead of by the library (uniqueKeys: false).
    const lines = new LineCounter();
    for (const doc of parseAllDocuments(chunk, { version: '1.1', uniqueKeys: false, lineCounter: lines })) {
      if (doc.errors.length) {
        throw new ManifestParseError(`${source}: YAML error: ${doc.errors[0]!.message}`);
      }
      visit(doc, {
        Scalar: (_key, node) => void (isScalar(node) && keepGoYamlString(node)),
        Map: (_key, node) => {
          const dup = duplicateKey(node);
          if (!dup) return;
          const line = (n: Scalar) => chunkLine - 1 + lines.linePos(n.range?.[0] ?? 0).line;
          throw new ManifestParseError(
            `${source}: YAML error: Map keys must be unique: key "${String(dup.key.source ?? dup.key.value)}" on line ${line(dup.key)} repeats the one on line ${line(dup.first)} (the API server rejects duplicate keys; keep one)`,
          );
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
