// One quoting discipline for every chart: an action that writes into a YAML line ends in a form that
// stays data whatever the value (quote, an int conversion, the chart's escaping JSON helper, a hash,
// an indented block). A value written any other way could become YAML structure (issue: images.*.registry
// and csiController.infraClusterLabels injected container fields and arguments).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartsDir } from '../../generator/src/paths.ts';
import { unsafeOutputs } from '../support/template-output.ts';

function templateFiles(): { chart: string; file: string; path: string }[] {
  const out: { chart: string; file: string; path: string }[] = [];
  for (const chart of readdirSync(chartsDir)) {
    const dir = join(chartsDir, chart, 'templates');
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    // NOTES.txt is shown to the user, never applied
    for (const file of files.filter((f) => /\.(ya?ml|tpl)$/.test(f))) out.push({ chart, file, path: join(dir, file) });
  }
  return out;
}

describe('template output quoting', () => {
  it('finds the unsafe forms it is meant to find', () => {
    const bad = [
      'image: {{ include "lib.image" (dict "root" $ "key" "cloudControllerManager") }}',
      '  - --infra-cluster-labels={{ include "x.selector" . }}',
      'name: {{ .source }}',
      '  tag: {{ dig "tag" "v1" .Values.x }}',
      'labels: {{ toJson .Values.labels }}',
      'enabled: {{ .Values.enabled | toJson }}',
    ];
    for (const line of bad) expect(unsafeOutputs(line), line).toHaveLength(1);
    const good = [
      'image: {{ include "lib.image" (dict "root" $ "key" "cloudControllerManager") | quote }}',
      '  - {{ printf "--infra-cluster-labels=%s" (include "x.selector" .) | quote }}',
      'replicas: {{ .Values.replicas | int }}',
      'labels: {{ include "lib.json" .Values.labels }}',
      '  labels:\n    {{- include "matryoshka.labels" . | nindent 4 }}',
      '{{- if .Values.enabled }}\n{{ include "catalog.helmRelease" (dict "root" $ "catalog" "addons" "name" "cni") }}\n{{- end }}',
      'checksum/config: {{ include "x.config" . | sha256sum }}',
      '{{/* name: {{ .comment }} */}}',
    ];
    for (const text of good) expect(unsafeOutputs(text), text).toEqual([]);
  });

  it('writes every value in every chart template in a safe form', () => {
    const files = templateFiles();
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((f) => unsafeOutputs(readFileSync(f.path, 'utf8')).map((a) => `${f.chart}/templates/${f.file}:${a.line}: {{ ${a.text} }}`));
    expect(found).toEqual([]);
  });
});
