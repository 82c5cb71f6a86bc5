// Go templates generated from a catalog. Data (the catalog, embedded as JSON in one named template)
// stays apart from logic (generic named templates, identical for every catalog but for its keys);
// each entry gets a one-line template file `<prefix>-<entry>-helmrelease.yaml` that calls the logic.
import type { Catalog } from './model.ts';
import { dependencyCandidates } from './load.ts';
import { sharedSourceName, templatePrefix } from './naming.ts';

export interface TemplateFile {
  /** file name inside the chart's templates/ */
  name: string;
  content: string;
}

/** The facts the templates need at render time, embedded as JSON. */
export function catalogData(catalog: Catalog, sharedSources: Catalog['sources']) {
  const entries: Record<string, unknown> = {};
  for (const [name, e] of Object.entries(catalog.entries)) {
    entries[name] = {
      enabled: e.enabled,
      chart: e.chart.name,
      version: e.chart.version,
      source: e.chart.source,
      targetNamespace: e.targetNamespace,
      releaseName: e.releaseName ?? name,
      deps: dependencyCandidates(catalog.entries, name),
      provides: e.provides,
      strategy: e.strategy,
      timeout: e.timeout,
      interval: e.interval,
      retryInterval: e.retryInterval,
      crds: e.crds ?? '',
      hasValues: catalog.valueTemplates[name] !== undefined,
      hasValuesFrom: catalog.valuesFromTemplates[name] !== undefined,
      hasCheck: catalog.checkTemplates[name] !== undefined,
    };
  }
  const sources = (s: Catalog['sources']) => Object.fromEntries(Object.entries(s).map(([n, v]) => [n, { type: v.type, url: v.url }]));
  return {
    entries,
    sources: sources(catalog.sources),
    shared: sources(sharedSources),
    customRequires: catalog.settings.customRequires,
  };
}

/** JSON that is safe inside a Go template: `{{` only occurs inside strings, where it is escaped. */
function templateSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/\{\{/g, '{\\u007b');
}

export function catalogTemplates(catalog: Catalog, sharedSources: Catalog['sources'], header: string): TemplateFile[] {
  const s = catalog.settings;
  const p = templatePrefix(s.valuesKey);
  const comment = `{{- /* ${header} */ -}}`;
  const files: TemplateFile[] = [
    { name: `_${s.templatePrefix}-catalog.tpl`, content: `${comment}\n${helpersTemplate(catalog, sharedSources)}` },
  ];
  for (const name of Object.keys(catalog.entries)) {
    files.push({
      name: `${s.templatePrefix}-${name}-helmrelease.yaml`,
      content: `${comment}\n{{- include "${p}.helmRelease" (dict "root" $ "name" "${name}") }}\n`,
    });
  }
  if (s.customKey) {
    files.push({ name: `${s.templatePrefix}-custom-helmrelease.yaml`, content: `${comment}\n{{- include "${p}.customHelmReleases" $ }}\n` });
  }
  files.push({ name: `helmrepository-${s.valuesKey}.yaml`, content: `${comment}\n{{- include "${p}.helmRepositories" $ }}\n` });
  if (s.provideSharedSourcesOf.length) {
    files.push({ name: `helmrepository-shared.yaml`, content: `${comment}\n{{- include "${p}.sharedHelmRepositories" $ }}\n` });
  }
  return files;
}

/** spec.kubeConfig of a HelmRelease that installs into the tenant (empty for the local cluster). */
function kubeConfigStanza(catalog: Catalog): string {
  const s = catalog.settings;
  if (s.target !== 'tenant') return '';
  return `
  kubeConfig:
    secretRef:
      name: {{ (include "${s.helpers.kubeconfigSecret}" $root) | quote }}
      key: value`;
}

function helpersTemplate(catalog: Catalog, sharedSources: Catalog['sources']): string {
  const s = catalog.settings;
  const p = templatePrefix(s.valuesKey);
  const V = `$root.Values.${s.valuesKey}`;
  const SRC = `$root.Values.${s.sourcesKey}`;
  const kubeConfig = kubeConfigStanza(catalog);
  const defines = (kind: string, templates: Record<string, string>) =>
    Object.entries(templates)
      .map(([name, text]) => `{{- define "${p}.${kind}.${name}" -}}\n${text.trimEnd()}\n{{- end -}}\n`)
      .join('\n');
  const valueDefines = [
    defines('values', catalog.valueTemplates),
    defines('valuesFrom', catalog.valuesFromTemplates),
    defines('check', catalog.checkTemplates),
  ]
    .filter(Boolean)
    .join('\n');
  const sharedPrefix = sharedSourceName('');
  return `{{/*
Catalog "${s.valuesKey}" (${catalog.file}): the data, the default values of each entry and the
logic that turns an entry into a Flux HelmRelease${s.target === 'tenant' ? ' applied to the tenant through its kubeconfig Secret' : ''}.
*/}}

{{- define "${p}.data" -}}
${templateSafeJson(catalogData(catalog, sharedSources))}
{{- end -}}

{{/* Whether an entry is enabled: its values key, else the catalog default. */}}
{{- define "${p}.enabled" -}}
{{- $root := .root -}}
{{- $e := index (include "${p}.data" $root | fromJson).entries .name -}}
{{- $cfg := index (${V} | default dict) .name | default dict -}}
{{- if hasKey $cfg "enabled" }}{{ if $cfg.enabled }}true{{ end }}{{ else if $e.enabled }}true{{ end -}}
{{- end -}}

{{- define "${p}.objectName" -}}
{{- printf "%s-%s" (include "${s.helpers.name}" .root) .name -}}
{{- end -}}

{{/* A sourceRef to a chart source: the shared one (platform-owned) or this release's own. */}}
{{- define "${p}.sourceRef" -}}
{{- $root := .root -}}
{{- $src := ${SRC} | default dict -}}
kind: HelmRepository
{{- if eq ($src.mode | default "${s.defaultSourcesMode}") "shared" }}
name: {{ printf "${sharedPrefix}%s" .source | quote }}
namespace: {{ ($src.namespace | default "${s.sharedSourcesNamespace}") | quote }}
{{- else }}
name: {{ printf "%s-%s" (include "${s.helpers.name}" $root) .source | quote }}
namespace: {{ $root.Release.Namespace | quote }}
{{- end }}
{{- end -}}

{{/* install/upgrade: RetryOnFailure never uninstalls (CNI, CSI); otherwise bounded retries with rollback. */}}
{{- define "${p}.lifecycle" -}}
{{- $e := . -}}
install:
  createNamespace: true
  {{- with $e.crds }}
  crds: {{ . | quote }}
  {{- end }}
  {{- if eq $e.strategy "retry" }}
  strategy:
    name: RetryOnFailure
    retryInterval: {{ $e.retryInterval | quote }}
  {{- else }}
  remediation:
    retries: 3
  {{- end }}
upgrade:
  {{- with $e.crds }}
  crds: {{ . | quote }}
  {{- end }}
  {{- if eq $e.strategy "retry" }}
  strategy:
    name: RetryOnFailure
    retryInterval: {{ $e.retryInterval | quote }}
  remediation:
    strategy: rollback
  {{- else }}
  cleanupOnFail: true
  remediation:
    retries: 3
    strategy: rollback
  {{- end }}
{{- end -}}

{{- define "${p}.helmRelease" -}}
{{- $root := .root -}}
{{- $name := .name -}}
{{- $data := include "${p}.data" $root | fromJson -}}
{{- $e := index $data.entries $name -}}
{{- $cfg := index (${V} | default dict) $name | default dict -}}
{{- if include "${p}.enabled" (dict "root" $root "name" $name) }}
{{- include "${p}.checkSources" $root }}
{{- $deps := list -}}
{{- range $d := $e.deps }}
{{- if include "${p}.enabled" (dict "root" $root "name" $d) }}
{{- $deps = append $deps (include "${p}.objectName" (dict "root" $root "name" $d)) }}
{{- end }}
{{- end }}
{{- $values := dict -}}
{{- if $e.hasValues }}
{{- $values = include (printf "${p}.values.%s" $name) $root | fromYaml -}}
{{- if hasKey $values "Error" }}
{{- fail (printf "${s.valuesKey}.%s: the default values template does not render to YAML: %s" $name $values.Error) }}
{{- end }}
{{- end }}
{{- $values = mergeOverwrite $values (deepCopy ($cfg.values | default dict)) }}
{{- $valuesFrom := list -}}
{{- if $e.hasValuesFrom }}
{{- $valuesFrom = include (printf "${p}.valuesFrom.%s" $name) $root | fromYamlArray -}}
{{- end }}
{{- if $e.hasCheck }}
{{- include (printf "${p}.check.%s" $name) (dict "root" $root "values" $values "valuesFrom" $valuesFrom) }}
{{- end }}
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {{ (include "${p}.objectName" (dict "root" $root "name" $name)) | quote }}
  namespace: {{ $root.Release.Namespace | quote }}
  labels:
    {{- include "${s.helpers.labels}" $root | nindent 4 }}
    app.kubernetes.io/component: {{ printf "${s.templatePrefix}-%s" $name | quote }}
spec:
  releaseName: {{ $e.releaseName | quote }}
  targetNamespace: {{ $e.targetNamespace | quote }}
  storageNamespace: {{ $e.targetNamespace | quote }}
  interval: {{ $e.interval | quote }}
  timeout: {{ $e.timeout | quote }}${kubeConfig}
  chart:
    spec:
      chart: {{ $e.chart | quote }}
      version: {{ $cfg.version | default $e.version | quote }}
      sourceRef:
        {{- include "${p}.sourceRef" (dict "root" $root "source" $e.source) | nindent 8 }}
  {{- with $deps }}
  dependsOn:
    {{- range . }}
    - name: {{ . | quote }}
    {{- end }}
  {{- end }}
  {{- include "${p}.lifecycle" $e | nindent 2 }}
  {{- with $valuesFrom }}
  valuesFrom:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values }}
  values:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* Mirror overrides are applied where the sources live: refuse them when the sources are shared. */}}
{{- define "${p}.checkSources" -}}
{{- $src := .Values.${s.sourcesKey} | default dict -}}
{{- if and (eq ($src.mode | default "${s.defaultSourcesMode}") "shared") ${s.provideSharedSourcesOf.length ? 'false' : 'true'} }}
{{- range $n, $r := ($src.repositories | default dict) }}
{{- if or (dig "url" "" $r) (dig "secretName" "" $r) }}
{{- fail (printf "${s.sourcesKey}.repositories.%s: overrides apply only with ${s.sourcesKey}.mode=local; with shared sources set the mirror in the management-platform chart, or set ${s.sourcesKey}.mode=local" $n) }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "${p}.helmRepository" -}}
{{- $root := .root -}}
{{- $src := ${SRC} | default dict -}}
{{- $o := index ($src.repositories | default dict) .source | default dict }}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: {{ .name | quote }}
  namespace: {{ .namespace | quote }}
  labels:
    {{- include "${s.helpers.labels}" $root | nindent 4 }}
    app.kubernetes.io/component: chart-source
spec:
  {{- if eq .type "oci" }}
  type: oci
  {{- end }}
  url: {{ dig "url" "" $o | default .url | quote }}
  interval: {{ $src.interval | default "1h" | quote }}
  {{- with (dig "secretName" "" $o | default .secretName) }}
  secretRef:
    name: {{ . | quote }}
  {{- end }}
{{- end -}}

{{/* This release's own sources (mode local): those of the enabled entries, plus one per custom entry. */}}
{{- define "${p}.helmRepositories" -}}
{{- $root := . -}}
{{- $data := include "${p}.data" $root | fromJson -}}
{{- $src := ${SRC} | default dict -}}
{{- if eq ($src.mode | default "${s.defaultSourcesMode}") "local" }}
{{- $used := dict -}}
{{- range $name, $e := $data.entries }}
{{- if include "${p}.enabled" (dict "root" $root "name" $name) }}{{ $_ := set $used $e.source true }}{{ end }}
{{- end }}
{{- range $source := keys $used | sortAlpha }}
{{- $s := index $data.sources $source }}
{{- include "${p}.helmRepository" (dict "root" $root "source" $source "name" (printf "%s-%s" (include "${s.helpers.name}" $root) $source) "namespace" $root.Release.Namespace "type" $s.type "url" $s.url) }}
{{- end }}
{{- end }}${
    s.customKey
      ? `
{{- range $name, $c := ($root.Values.${s.customKey} | default dict) }}
{{- if dig "enabled" true $c }}
{{- include "${p}.helmRepository" (dict "root" $root "source" "" "name" (printf "%s-%s" (include "${s.helpers.name}" $root) $name) "namespace" $root.Release.Namespace "type" (ternary "oci" "helm" (not (empty $c.oci))) "url" ($c.repository | default $c.oci) "secretName" ($c.secretName | default "")) }}
{{- end }}
{{- end }}`
      : ''
  }
{{- end -}}

{{/* The shared sources every release references (mode shared), created once by this chart. */}}
{{- define "${p}.sharedHelmRepositories" -}}
{{- $root := . -}}
{{- $data := include "${p}.data" $root | fromJson -}}
{{- $src := ${SRC} | default dict -}}
{{- $all := merge (dict) $data.sources $data.shared -}}
{{- range $source := keys $all | sortAlpha }}
{{- $s := index $all $source }}
{{- include "${p}.helmRepository" (dict "root" $root "source" $source "name" (printf "${sharedPrefix}%s" $source) "namespace" ($src.namespace | default "${s.sharedSourcesNamespace}") "type" $s.type "url" $s.url) }}
{{- end }}
{{- end -}}
${s.customKey ? customTemplate(catalog) : ''}
{{/* Default values of each entry (and where given, values read from Secrets and checks): Go-template snippets from ${catalog.file.replace(/[^/]+$/, '')}. */}}
${valueDefines}`;
}

function customTemplate(catalog: Catalog): string {
  const s = catalog.settings;
  const p = templatePrefix(s.valuesKey);
  const C = s.customKey!;
  const kubeConfig = kubeConfigStanza(catalog);
  return `
{{/* The escape hatch: user-declared charts, each with its own source in the release namespace. */}}
{{- define "${p}.customHelmReleases" -}}
{{- $root := . -}}
{{- $data := include "${p}.data" $root | fromJson -}}
{{- $custom := $root.Values.${C} | default dict -}}
{{- range $name, $c := $custom }}
{{- if dig "enabled" true $c }}
{{- if hasKey $data.entries $name }}
{{- fail (printf "${C}.%s: %q is a catalog entry; configure it under ${s.valuesKey}.%s instead" $name $name $name) }}
{{- end }}
{{- if eq (empty $c.repository) (empty $c.oci) }}
{{- fail (printf "${C}.%s: set exactly one of repository (https://…) or oci (oci://…)" $name) }}
{{- end }}
{{- if hasKey $data.sources $name }}
{{- fail (printf "${C}.%s: the name is taken by the chart source %q; choose another name" $name $name) }}
{{- end }}
{{- $deps := list -}}
{{- range $cap := $data.customRequires }}
{{- range $other, $e := $data.entries }}
{{- if and (has $cap $e.provides) (include "${p}.enabled" (dict "root" $root "name" $other)) }}
{{- $deps = append $deps (include "${p}.objectName" (dict "root" $root "name" $other)) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $d := ($c.dependsOn | default list) }}
{{- if eq $d $name }}
{{- fail (printf "${C}.%s.dependsOn: an entry cannot depend on itself" $name) }}
{{- else if hasKey $data.entries $d }}
{{- if not (include "${p}.enabled" (dict "root" $root "name" $d)) }}
{{- fail (printf "${C}.%s.dependsOn: %q is disabled; enable it with ${s.valuesKey}.%s.enabled=true or remove the dependency" $name $d $d) }}
{{- end }}
{{- else if not (and (hasKey $custom $d) (dig "enabled" true (index $custom $d))) }}
{{- fail (printf "${C}.%s.dependsOn: %q is neither a catalog entry nor an enabled ${C} entry" $name $d) }}
{{- end }}
{{- $deps = append $deps (include "${p}.objectName" (dict "root" $root "name" $d)) }}
{{- end }}
{{- $target := $c.targetNamespace | default $name }}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {{ (include "${p}.objectName" (dict "root" $root "name" $name)) | quote }}
  namespace: {{ $root.Release.Namespace | quote }}
  labels:
    {{- include "${s.helpers.labels}" $root | nindent 4 }}
    app.kubernetes.io/component: ${s.templatePrefix}-custom
spec:
  releaseName: {{ ($c.releaseName | default $name) | quote }}
  targetNamespace: {{ $target | quote }}
  storageNamespace: {{ $target | quote }}
  interval: 10m
  timeout: 10m${kubeConfig}
  chart:
    spec:
      chart: {{ $c.chart | quote }}
      version: {{ $c.version | quote }}
      sourceRef:
        kind: HelmRepository
        name: {{ (include "${p}.objectName" (dict "root" $root "name" $name)) | quote }}
        namespace: {{ $root.Release.Namespace | quote }}
  {{- with (uniq $deps) }}
  dependsOn:
    {{- range . }}
    - name: {{ . | quote }}
    {{- end }}
  {{- end }}
  {{- include "${p}.lifecycle" (dict "strategy" "remediate" "crds" "") | nindent 2 }}
  {{- with $c.values }}
  values:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end }}
{{- end -}}
`;
}
