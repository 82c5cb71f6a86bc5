{{/*
The catalog mechanism (generator/src/catalog/): turns the entries of a catalog into Flux HelmReleases
and their chart sources into HelmRepositories. One file for every chart with a catalog, copied in by
`npm run generate`; what differs between charts is data. Each catalog `<key>` (its values key, e.g.
addons) has a generated data define "catalog.<key>.data" (_<prefix>-catalog.tpl): its settings (values,
sources and custom keys, the chart's helpers to call, target), entries and sources as JSON, plus the
defines of each entry's default values, valuesFrom and check (the snippets next to the catalog file):
"catalog.<key>.values.<entry>", "catalog.<key>.valuesFrom.<entry>", "catalog.<key>.check.<entry>".
Every define here takes (dict "root" $ "catalog" "<key>" …).
*/}}

{{- define "catalog.data" -}}
{{- include (printf "catalog.%s.data" .catalog) .root -}}
{{- end -}}

{{/* Whether an entry is enabled ("true" or empty): `<valuesKey>.<name>.enabled`. Call with (dict "root" $ "catalog" k "name" n). */}}
{{- define "catalog.enabled" -}}
{{- if (index (index .root.Values .catalog) .name).enabled }}true{{ end -}}
{{- end -}}

{{/* Whether a custom entry is enabled: `enabled` is optional there (a user-chosen key; absent means true). */}}
{{- define "catalog.customEnabled" -}}
{{- if or (not (hasKey . "enabled")) .enabled }}true{{ end -}}
{{- end -}}

{{/* HelmRelease (and own HelmRepository) name of an entry: <name helper>-<entry>. Call with (dict "root" $ "catalog" k "name" n). */}}
{{- define "catalog.objectName" -}}
{{- $settings := (include "catalog.data" . | fromJson).settings -}}
{{- printf "%s-%s" (include $settings.helpers.name .root) .name -}}
{{- end -}}

{{/*
A sourceRef to a chart source: the shared one (platform-owned) or this release's own (mode local, and
always with "own" true: a custom entry's). Call with (dict "root" $ "catalog" k "source" s ["own" true]).
*/}}
{{- define "catalog.sourceRef" -}}
{{- $root := .root -}}
{{- $settings := (include "catalog.data" . | fromJson).settings -}}
{{- $src := index $root.Values $settings.sourcesKey -}}
kind: HelmRepository
{{- if and (eq $src.mode "shared") (not .own) }}
name: {{ .source | quote }}
namespace: {{ $src.namespace | quote }}
{{- else }}
name: {{ printf "%s-%s" (include $settings.helpers.name $root) .source | quote }}
namespace: {{ $root.Release.Namespace | quote }}
{{- end }}
{{- end -}}

{{/* install/upgrade: RetryOnFailure never uninstalls (CNI, CSI); otherwise bounded retries with rollback. Call with the entry's data. */}}
{{- define "catalog.lifecycle" -}}
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

{{/* spec.kubeConfig of a release that installs into the tenant (target tenant); nothing for the local cluster. */}}
{{- define "catalog.kubeConfig" -}}
{{- $settings := (include "catalog.data" . | fromJson).settings -}}
{{- if eq $settings.target "tenant" -}}
kubeConfig:
  secretRef:
    name: {{ (include $settings.helpers.kubeconfigSecret .root) | quote }}
    key: value
{{- end -}}
{{- end -}}

{{/* The HelmRelease of one catalog entry, when enabled. Call with (dict "root" $ "catalog" k "name" n). */}}
{{- define "catalog.helmRelease" -}}
{{- $root := .root -}}
{{- $catalog := .catalog -}}
{{- $name := .name -}}
{{- $data := include "catalog.data" . | fromJson -}}
{{- $s := $data.settings -}}
{{- $e := index $data.entries $name -}}
{{- $cfg := index (index $root.Values $s.valuesKey) $name -}}
{{- if include "catalog.enabled" . }}
{{- include "catalog.checkSources" . }}
{{- $deps := list -}}
{{- range $d := $e.deps }}
{{- if include "catalog.enabled" (dict "root" $root "catalog" $catalog "name" $d) }}
{{- $deps = append $deps (include "catalog.objectName" (dict "root" $root "catalog" $catalog "name" $d)) }}
{{- end }}
{{- end }}
{{- $values := dict -}}
{{- if $e.hasValues }}
{{- $values = include (printf "catalog.%s.values.%s" $catalog $name) $root | fromYaml -}}
{{- if hasKey $values "Error" }}
{{- fail (printf "%s.%s: the default values template does not render to YAML: %s" $s.valuesKey $name $values.Error) }}
{{- end }}
{{- end }}
{{- $values = mergeOverwrite $values (deepCopy $cfg.values) }}
{{- $valuesFrom := list -}}
{{- if $e.hasValuesFrom }}
{{- $valuesFrom = include (printf "catalog.%s.valuesFrom.%s" $catalog $name) $root | fromYamlArray -}}
{{- end }}
{{- if $e.hasCheck }}
{{- include (printf "catalog.%s.check.%s" $catalog $name) (dict "root" $root "values" $values "valuesFrom" $valuesFrom) }}
{{- end }}
{{ include "catalog.release" (dict "root" $root "catalog" $catalog "name" $name "labels" $s.helpers.labels "component" (printf "%s-%s" $s.templatePrefix $name) "entry" $e "version" $cfg.version "deps" $deps "valuesFrom" $valuesFrom "values" $values) }}
{{- end }}
{{- end -}}

{{/*
One Flux HelmRelease. Call with (dict "root" $ "catalog" k "name" <entry> "labels" <labels helper>
"component" <label> "entry" <the entry's data: chart, source, own, releaseName, targetNamespace, interval,
timeout, strategy, crds, retryInterval> "version" <chart version> "deps" <HelmRelease names> "valuesFrom"
<list> "values" <map>).
*/}}
{{- define "catalog.release" -}}
{{- $root := .root -}}
{{- $e := .entry -}}
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: {{ (include "catalog.objectName" .) | quote }}
  namespace: {{ $root.Release.Namespace | quote }}
  labels:
    {{- include .labels $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component | quote }}
spec:
  releaseName: {{ $e.releaseName | quote }}
  targetNamespace: {{ $e.targetNamespace | quote }}
  storageNamespace: {{ $e.targetNamespace | quote }}
  interval: {{ $e.interval | quote }}
  timeout: {{ $e.timeout | quote }}
  {{- with include "catalog.kubeConfig" . }}
  {{- . | nindent 2 }}
  {{- end }}
  chart:
    spec:
      chart: {{ $e.chart | quote }}
      version: {{ .version | quote }}
      sourceRef:
        {{- include "catalog.sourceRef" (dict "root" $root "catalog" .catalog "source" $e.source "own" $e.own) | nindent 8 }}
  {{- with .deps }}
  dependsOn:
    {{- range . }}
    - name: {{ . | quote }}
    {{- end }}
  {{- end }}
  {{- include "catalog.lifecycle" $e | nindent 2 }}
  {{- with .valuesFrom }}
  valuesFrom:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .values }}
  values:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/*
Mirror overrides are applied where the sources live: refuse them when the sources are shared and
another chart (the management-platform's) owns them. Call with (dict "root" $ "catalog" k).
*/}}
{{- define "catalog.checkSources" -}}
{{- $s := (include "catalog.data" . | fromJson).settings -}}
{{- $src := index .root.Values $s.sourcesKey -}}
{{- if and (eq $src.mode "shared") (not $s.ownsSharedSources) }}
{{- range $n, $r := $src.repositories }}
{{- if or (get $r "url") (get $r "secretName") }}
{{- fail (printf "%s.repositories.%s: overrides apply only with %s.mode=local; with shared sources set the mirror in the management-platform chart, or set %s.mode=local" $s.sourcesKey $n $s.sourcesKey $s.sourcesKey) }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
One HelmRepository. Call with (dict "root" $ "src" <the sources values> "source" <source key, "" for
none> "name" n "namespace" ns "type" helm|oci "url" u "secretName" s); an override of the source under
`<sourcesKey>.repositories.<source>` (url, secretName: optional) replaces url and secretName.
*/}}
{{- define "catalog.helmRepository" -}}
{{- $root := .root -}}
{{- $src := .src -}}
{{- $o := index $src.repositories .source | default dict }}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: {{ .name | quote }}
  namespace: {{ .namespace | quote }}
  labels:
    {{- include .labels $root | nindent 4 }}
    app.kubernetes.io/component: chart-source
spec:
  {{- if eq .type "oci" }}
  type: oci
  {{- end }}
  url: {{ get $o "url" | default .url | quote }}
  interval: {{ $src.interval | quote }}
  {{- with (get $o "secretName" | default .secretName) }}
  secretRef:
    name: {{ . | quote }}
  {{- end }}
{{- end -}}

{{/* This release's own sources (mode local): those of the enabled entries, plus one per custom entry. Call with (dict "root" $ "catalog" k). */}}
{{- define "catalog.helmRepositories" -}}
{{- $root := .root -}}
{{- $catalog := .catalog -}}
{{- $data := include "catalog.data" . | fromJson -}}
{{- $s := $data.settings -}}
{{- $src := index $root.Values $s.sourcesKey -}}
{{- $prefix := include $s.helpers.name $root -}}
{{- if eq $src.mode "local" }}
{{- $used := dict -}}
{{- range $name, $e := $data.entries }}
{{- if include "catalog.enabled" (dict "root" $root "catalog" $catalog "name" $name) }}{{ $_ := set $used $e.source true }}{{ end }}
{{- end }}
{{- range $source := keys $used | sortAlpha }}
{{- $r := index $data.sources $source }}
{{- include "catalog.helmRepository" (dict "root" $root "src" $src "labels" $s.helpers.labels "source" $source "name" (printf "%s-%s" $prefix $source) "namespace" $root.Release.Namespace "type" $r.type "url" $r.url) }}
{{- end }}
{{- end }}
{{- if $s.customKey }}
{{- range $name, $c := index $root.Values $s.customKey }}
{{- if include "catalog.customEnabled" $c }}
{{- include "catalog.helmRepository" (dict "root" $root "src" $src "labels" $s.helpers.labels "source" "" "name" (printf "%s-%s" $prefix $name) "namespace" $root.Release.Namespace "type" (ternary "oci" "helm" (not (empty $c.oci))) "url" ($c.repository | default $c.oci) "secretName" ($c.secretName | default "")) }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
The shared sources every release references (mode shared): this catalog's and those of the catalogs
it provides them for (settings provideSharedSourcesOf), created once by this chart. Call with (dict "root" $ "catalog" k).
*/}}
{{- define "catalog.sharedHelmRepositories" -}}
{{- $root := .root -}}
{{- $data := include "catalog.data" . | fromJson -}}
{{- $s := $data.settings -}}
{{- $src := index $root.Values $s.sourcesKey -}}
{{- $all := merge (dict) $data.sources $data.shared -}}
{{- range $source := keys $all | sortAlpha }}
{{- $r := index $all $source }}
{{- include "catalog.helmRepository" (dict "root" $root "src" $src "labels" $s.helpers.labels "source" $source "name" $source "namespace" $src.namespace "type" $r.type "url" $r.url) }}
{{- end }}
{{- end -}}

{{/* The escape hatch: user-declared charts (`<customKey>.<name>`), each with its own source in the release namespace. Call with (dict "root" $ "catalog" k). */}}
{{- define "catalog.customHelmReleases" -}}
{{- $root := .root -}}
{{- $catalog := .catalog -}}
{{- $data := include "catalog.data" . | fromJson -}}
{{- $s := $data.settings -}}
{{- $C := $s.customKey -}}
{{- $custom := index $root.Values $C -}}
{{- range $name, $c := $custom }}
{{- if include "catalog.customEnabled" $c }}
{{- if hasKey $data.entries $name }}
{{- fail (printf "%s.%s: %q is a catalog entry; configure it under %s.%s instead" $C $name $name $s.valuesKey $name) }}
{{- end }}
{{- if eq (empty $c.repository) (empty $c.oci) }}
{{- fail (printf "%s.%s: set exactly one of repository (https://…) or oci (oci://…)" $C $name) }}
{{- end }}
{{- if hasKey $data.sources $name }}
{{- fail (printf "%s.%s: the name is taken by the chart source %q; choose another name" $C $name $name) }}
{{- end }}
{{- $deps := list -}}
{{- range $cap := $data.customRequires }}
{{- range $other, $e := $data.entries }}
{{- if and (has $cap $e.provides) (include "catalog.enabled" (dict "root" $root "catalog" $catalog "name" $other)) }}
{{- $deps = append $deps (include "catalog.objectName" (dict "root" $root "catalog" $catalog "name" $other)) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $d := ($c.dependsOn | default list) }}
{{- if eq $d $name }}
{{- fail (printf "%s.%s.dependsOn: an entry cannot depend on itself" $C $name) }}
{{- else if hasKey $data.entries $d }}
{{- if not (include "catalog.enabled" (dict "root" $root "catalog" $catalog "name" $d)) }}
{{- fail (printf "%s.%s.dependsOn: %q is disabled; enable it with %s.%s.enabled=true or remove the dependency" $C $name $d $s.valuesKey $d) }}
{{- end }}
{{- else if not (and (hasKey $custom $d) (include "catalog.customEnabled" (index $custom $d))) }}
{{- fail (printf "%s.%s.dependsOn: %q is neither a catalog entry nor an enabled %s entry" $C $name $d $C) }}
{{- end }}
{{- $deps = append $deps (include "catalog.objectName" (dict "root" $root "catalog" $catalog "name" $d)) }}
{{- end }}
{{- $target := $c.targetNamespace | default $name }}
{{- $e := dict "chart" $c.chart "source" $name "own" true "releaseName" ($c.releaseName | default $name) "targetNamespace" $target "interval" "10m" "timeout" "10m" "strategy" "remediate" "crds" "" }}
---
{{ include "catalog.release" (dict "root" $root "catalog" $catalog "name" $name "labels" $s.helpers.labels "component" (printf "%s-custom" $s.templatePrefix) "entry" $e "version" $c.version "deps" (uniq $deps) "valuesFrom" (list) "values" $c.values) }}
{{- end }}
{{- end }}
{{- end -}}
