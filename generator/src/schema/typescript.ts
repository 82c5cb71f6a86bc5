// TypeScript types for a chart's values, from the bundled schema.
import { compile } from 'json-schema-to-typescript';
import { byCodeUnit } from '../util/text.ts';
import type { JsonSchema } from './types.ts';
import { chartOfValuesRef, referencedCharts } from './chart-values-ref.ts';
import { mapSchema } from './walk.ts';

/** The generated values type of another chart (for the values given to a release of it). */
export type ChartTypeName = (chart: string) => { name: string; module: string } | undefined;

export async function renderValuesTypes(schema: JsonSchema, typeName: string, header: string, chartType: ChartTypeName = () => undefined): Promise<string> {
  const { $comment: _c, $schema: _s, title: _t, ...rest } = schema;
  // values of another chart are that chart's generated type, imported, not a second copy of it
  const imports = new Map<string, string>();
  const embedded = referencedCharts(schema);
  for (const chart of embedded) {
    const t = chartType(chart);
    if (!t) throw new Error(`${typeName}: no generated type for the values of chart ${chart}`);
    imports.set(t.name, t.module);
  }
  if (rest.definitions) {
    rest.definitions = Object.fromEntries(Object.entries(rest.definitions).filter(([name]) => !embedded.some((c) => name.startsWith(`${c}.`))));
  }
  // the type is named by the caller, not by the schema's human title
  // a $ref with sibling keywords (description, default) makes json-schema-to-typescript inline a
  // copy of the referenced type; drop the siblings so every definition is declared once
  const body = mapSchema({ ...rest, title: typeName }, (node) => {
    const chart = chartOfValuesRef(node.$ref);
    if (chart) return { tsType: chartType(chart)!.name, ...(node.description ? { description: node.description } : {}) };
    return typeof node.$ref === 'string' ? { $ref: node.$ref } : undefined;
  });
  const banner = `/* ${header} */${[...imports].map(([name, module]) => `\nimport type { ${name} } from '${module}';`).join('')}`;
  return compile(body as Parameters<typeof compile>[0], typeName, {
    bannerComment: banner,
    additionalProperties: false,
    declareExternallyReferenced: true,
    format: true,
    strictIndexSignatures: true,
    unknownAny: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

/** A generated types module: repository-relative path and text. */
export interface TypesModule {
  path: string;
  content: string;
}

/** One top-level declaration of a generated types module (its doc comment included). */
interface Declaration {
  name: string;
  text: string;
}

/**
 * Splits json-schema-to-typescript's output into what precedes the declarations (the banner and
 * imports) and the declarations. Prettier formats it, so a declaration starts at column 0 with its
 * doc comment (`/**`) or with `export` when it has none; everything else inside it is indented or closes it.
 */
function splitDeclarations(content: string): { preamble: string[]; declarations: Declaration[] } {
  const lines = content.replace(/\n$/, '').split('\n');
  const preamble: string[] = [];
  const declarations: Declaration[] = [];
  let current: string[] | undefined;
  const close = () => {
    if (!current) return;
    const name = current.map((l) => /^export (?:interface|type) (\w+)/.exec(l)?.[1]).find(Boolean);
    if (!name) throw new Error(`a generated declaration without a name:\n${current.join('\n')}`);
    declarations.push({ name, text: current.join('\n') });
  };
  for (const line of lines) {
    const starts = line.startsWith('/**') || (line.startsWith('export ') && !(current?.at(-1) ?? '').startsWith(' */'));
    if (starts) {
      close();
      current = [];
    }
    (current ?? preamble).push(line);
  }
  close();
  return { preamble, declarations };
}

/** Capitalised names in a declaration's code (comments and string literals left out): the types it refers to. */
function referencedNames(text: string): Set<string> {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
  return new Set(code.match(/\b[A-Z]\w*\b/g) ?? []);
}

/** `import type {A, B} from './m.ts';`, wrapped as prettier would past 120 characters. */
function importLine(names: readonly string[], module: string): string {
  const one = `import type {${names.join(', ')}} from '${module}';`;
  return one.length <= 120 ? one : `import type {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${module}';`;
}

/** The module `shareDeclarations` writes next to the charts' values types. */
export const SHARED_TYPES_MODULE = 'shared.ts';

/**
 * Declares once what several charts' values types declare alike. The charts take shapes from the same
 * source files (schemas/kubernetes/kube-types.yaml, schemas/upstream-operator-values.yaml), so their
 * generated modules repeat those declarations word for word. A declaration that every module declaring
 * its name declares identically, in two modules or more, and that refers only to declarations shared
 * the same way, moves to `<typesDir>/shared.ts`; each module imports the ones its own declarations use.
 * A name declared differently by two charts stays with each chart. Files outside `typesDir` pass
 * through; the order is kept, the shared module comes last.
 */
export function shareDeclarations<T extends TypesModule>(files: readonly T[], typesDir: string, header: string): (T | TypesModule)[] {
  const isTypes = (f: TypesModule) => f.path.startsWith(`${typesDir}/`) && f.path.endsWith('.ts');
  const parsed = files.filter(isTypes).map((m) => ({ module: m, ...splitDeclarations(m.content) }));
  const byName = new Map<string, { texts: Set<string>; count: number; text: string }>();
  for (const { declarations } of parsed) {
    for (const d of declarations) {
      const key = d.text.replace(/\n+$/, '');
      const entry = byName.get(d.name) ?? { texts: new Set<string>(), count: 0, text: key };
      entry.texts.add(key);
      entry.count++;
      byName.set(d.name, entry);
    }
  }
  const shared = new Set([...byName].filter(([, e]) => e.count >= 2 && e.texts.size === 1).map(([name]) => name));
  // a shared declaration may refer only to shared ones (the shared module imports nothing)
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of shared) {
      const refs = referencedNames(byName.get(name)!.text);
      if ([...refs].some((r) => r !== name && !shared.has(r))) {
        shared.delete(name);
        changed = true;
      }
    }
  }
  if (shared.size === 0) return [...files];
  const module = `./${SHARED_TYPES_MODULE}`;
  const rewritten = new Map<TypesModule, TypesModule>();
  for (const { module: m, preamble, declarations } of parsed) {
    if (!declarations.some((d) => shared.has(d.name))) continue;
    const kept = declarations.filter((d) => !shared.has(d.name));
    const used = new Set(kept.flatMap((d) => [...referencedNames(d.text)]));
    const imported = [...shared].filter((name) => used.has(name)).sort(byCodeUnit);
    // after the imports, or after the banner comment where there are none
    const lastImport = preamble.findLastIndex((l) => l.startsWith('import ') || l.startsWith('} from '));
    const at = lastImport >= 0 ? lastImport + 1 : preamble.findIndex((l) => l.endsWith('*/')) + 1;
    const head = [...preamble.slice(0, at), ...(imported.length ? [importLine(imported, module)] : []), ...preamble.slice(at)];
    rewritten.set(m, { ...m, content: `${[...head, ...kept.map((d) => d.text)].join('\n').replace(/\n+$/, '')}\n` });
  }
  const sharedDeclarations = [...byName].filter(([name]) => shared.has(name)).map(([, e]) => e.text);
  return [...files.map((f) => rewritten.get(f) ?? f), { path: `${typesDir}/${SHARED_TYPES_MODULE}`, content: `/* ${header} */\n\n${sharedDeclarations.join('\n')}\n` }];
}
