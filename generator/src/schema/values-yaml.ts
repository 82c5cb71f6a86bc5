// values.yaml: every default in schema order, each key commented with its description.
import { Document, isMap, isSeq, type Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { childSchema, defaultOf, deref, itemSchema } from './defaults.ts';
import type { JsonSchema } from './types.ts';
import { isObject } from './walk.ts';

const WRAP = 96;

export function renderValuesYaml(root: JsonSchema, header: string): string {
  const { default: _ignored, ...withoutRootDefault } = root;
  const defaults = defaultOf(root, withoutRootDefault) as Record<string, unknown> | undefined;
  const doc = new Document();
  const top = buildNode(doc, root, root, defaults ?? {}, 0) as YAMLMap;
  doc.contents = top;
  doc.commentBefore = header
    .split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

function buildNode(doc: Document, root: JsonSchema, schema: JsonSchema | undefined, value: unknown, depth: number): Node {
  if (isObject(value)) {
    const map = new YAMLMap();
    const s = schema ? deref(root, schema) : undefined;
    const declared = Object.keys(s?.properties ?? {});
    const keys = [...declared.filter((k) => k in value), ...Object.keys(value).filter((k) => !declared.includes(k))];
    for (const key of keys) {
      const sub = s ? childSchema(root, s, key) : undefined;
      const keyNode = new Scalar(key);
      const description = sub ? deref(root, sub).description : undefined;
      if (description) keyNode.commentBefore = wrap(description);
      if (depth === 0 && map.items.length > 0) keyNode.spaceBefore = true;
      map.items.push(new Pair(keyNode, buildNode(doc, root, sub, value[key], depth + 1)));
    }
    if (keys.length === 0) map.flow = true;
    return map;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    const items = schema ? itemSchema(root, schema) : undefined;
    for (const v of value) seq.items.push(buildNode(doc, root, items, v, depth + 1));
    if (value.length === 0) seq.flow = true;
    return seq;
  }
  const node = doc.createNode(value) as Node;
  if (isMap(node) || isSeq(node)) return node;
  return node;
}

function wrap(text: string): string {
  const out: string[] = [];
  for (const paragraph of text.trim().split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      if (line && line.length + word.length + 1 > WRAP) {
        out.push(` ${line}`);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(` ${line}`);
  }
  return out.join('\n');
}
