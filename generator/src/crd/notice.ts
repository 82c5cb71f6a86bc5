// NOTICE.md of a schema folder: where every schema comes from (repository, tag, commit, file), under
// which licence, and the SHA-256 of each input, so a reader can check provenance without the inputs.
import type { LoadedInput } from './inputs.ts';
import type { StandaloneSchema } from './sync.ts';
import type { PinnedSource } from './upstream.ts';

const HOW: Record<PinnedSource['format'], string> = {
  crd: 'CustomResourceDefinition manifests, each served version converted to a strict JSON Schema (`<group>/<kind>_<version>.json`)',
  openapi: 'an OpenAPI v2 document; the kinds below derived from it as strict JSON Schemas (`<group>/<kind>_<version>.json`)',
  'core-schema': 'strict standalone JSON Schemas of core kinds, used as they are (`<kind>[-<group>]-<version>.json`)',
};

const code = (s: string) => `\`${s}\``;

export function renderNotice(inputs: readonly LoadedInput[], schemas: readonly StandaloneSchema[]): string {
  const bySource = new Map<PinnedSource, LoadedInput[]>();
  for (const i of inputs) bySource.set(i.source, [...(bySource.get(i.source) ?? []), i]);
  const made = new Map<LoadedInput, string[]>();
  for (const s of schemas) made.set(s.input, [...(made.get(s.input) ?? []), s.path]);

  const lines = [
    '# Strict JSON Schemas: sources and licences',
    '',
    'Written by `matryoshka schemas sync` from the pinned inputs in `generator/src/crd/upstream.ts`; do not edit.',
    'Every file of this folder is listed with its SHA-256 in `manifest.json` (`matryoshka schemas verify` checks it).',
    '',
    'The schemas are derived from the upstream files below: converted to strict JSON Schema (unknown fields',
    'rejected, see `generator/src/crd/convert.ts` and `openapi.ts`) and, where several files share a subschema,',
    'stored once in `_definitions.json` and referenced by `$ref`. The upstream licences apply to them; Apache-2.0',
    'is at https://www.apache.org/licenses/LICENSE-2.0. Input SHA-256 is of the file as downloaded from its URL',
    '(for an input taken from one document of a release manifest: of that document as canonical JSON).',
    '',
  ];
  for (const [source, files] of bySource) {
    const at = source.commit && source.commit !== source.ref ? `${source.ref} (commit ${source.commit})` : source.ref;
    lines.push(`## ${source.repo} ${at}`, '', `Licence: ${source.licence}. ${HOW[source.format]}.`);
    if (source.note) lines.push('', source.note);
    if (source.kinds?.length) lines.push('', `Kinds: ${source.kinds.map((k) => code(`${k.apiVersion} ${k.kind}`)).join(', ')}.`);
    lines.push('', '| input | upstream | SHA-256 | schema files |', '|---|---|---|---|');
    for (const i of files) {
      const input = i.file.document ? `${code(i.file.path)}, document ${code(i.file.document)}` : code(i.file.path);
      lines.push(`| ${input} | ${i.file.url || '-'} | ${code(i.file.sha256)} | ${(made.get(i) ?? []).map(code).join(', ') || '-'} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
