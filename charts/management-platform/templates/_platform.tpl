{{/*
Naming and shared pieces of the management-platform chart (labels, JSON, images: _lib.tpl). The platform release is
installed once per management cluster; its HelmReleases are named after the release.
*/}}

{{/* Object name prefix: the release name, validated once here. */}}
{{- define "platform.name" -}}
{{- $name := .Release.Name -}}
{{- if gt (len $name) 30 -}}
{{- fail (printf "release name %q is %d characters; use at most 30 so derived names (<release>-kubevirt-instancetypes) stay within 53" $name (len $name)) -}}
{{- end -}}
{{- if not (include "lib.isDnsLabel" $name) -}}
{{- fail (printf "release name %q must be a DNS-1123 label: lower-case letters, digits and '-', starting with a letter" $name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/*
Calling convention: a helper of the root context alone takes `$`; a helper with arguments takes
(dict "root" $ "<argument>" …).
*/}}

{{/* Namespace of the shared chart sources (the catalog's `sources.namespace`). */}}
{{- define "platform.sourcesNamespace" -}}
{{- .Values.sources.namespace -}}
{{- end -}}

{{/* sourceRef to the project's charts: the shared source `matryoshka` of the addon catalog, or `matryoshka-oci` (projectRepository.oci). */}}
{{- define "platform.projectSourceRef" -}}
kind: HelmRepository
name: {{ (ternary "matryoshka-oci" "matryoshka" (not (empty .Values.projectRepository.oci))) | quote }}
namespace: {{ include "platform.sourcesNamespace" . | quote }}
{{- end -}}

{{/* Whether a catalog component is enabled ("true" or empty). Call with (dict "root" $ "name" "kamaji"). */}}
{{- define "platform.componentEnabled" -}}
{{- include "catalog.enabled" (dict "root" .root "catalog" "components" "name" .name) -}}
{{- end -}}

{{/* HelmRelease name of a catalog component, e.g. platform-cert-manager. Call with (dict "root" $ "name" "cert-manager"). */}}
{{- define "platform.componentRelease" -}}
{{- include "catalog.objectName" (dict "root" .root "catalog" "components" "name" .name) -}}
{{- end -}}

{{/* HelmRelease name of a stage or of a hand-written platform release, e.g. platform-capi-providers. Call with (dict "root" $ "name" "capi-providers"). */}}
{{- define "platform.releaseName" -}}
{{- printf "%s-%s" (include "platform.name" .root) .name -}}
{{- end -}}

{{/*
The value at a dotted path of the platform values (a path of the stage table, e.g. "kubevirt.mode"),
as JSON {"value": …}. Call with (dict "root" $ "path" "kubevirt.mode"). Every path of the table has a
default, so every step exists.
*/}}
{{- define "platform.valueAt" -}}
{{- $node := .root.Values -}}
{{- range $key := splitList "." .path -}}{{- $node = index $node $key -}}{{- end -}}
{{- toJson (dict "value" $node) -}}
{{- end -}}

{{/* Which stages of the stage table (_stage-table.tpl) render, as a JSON map stage → true: those with any `when` true. */}}
{{- define "platform.stages" -}}
{{- $root := . -}}
{{- $out := dict -}}
{{- range $stage := include "platform.stageTable" $root | fromJsonArray -}}
{{- range $when := $stage.when -}}
{{- $v := (include "platform.valueAt" (dict "root" $root "path" $when.path) | fromJson).value -}}
{{- if hasKey $when "equals" -}}
{{- if eq (toString $v) $when.equals -}}{{- $_ := set $out $stage.name true -}}{{- end -}}
{{- else if $v -}}{{- $_ := set $out $stage.name true -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
dependsOn entries (names in the release namespace) of a stage, as a JSON list: its `after` in the
stage table, each while it renders. Call with (dict "root" $ "stage" <table entry>).
*/}}
{{- define "platform.stageDeps" -}}
{{- $root := .root -}}
{{- $stages := include "platform.stages" $root | fromJson -}}
{{- $deps := list -}}
{{- range $after := .stage.after -}}
{{- if $after.component -}}
{{- if include "platform.componentEnabled" (dict "root" $root "name" $after.component) -}}{{- $deps = append $deps (include "platform.componentRelease" (dict "root" $root "name" $after.component)) -}}{{- end -}}
{{- else if $after.release -}}
{{- $deps = append $deps (include "platform.releaseName" (dict "root" $root "name" $after.release)) -}}
{{- else if hasKey $stages $after.stage -}}
{{- $deps = append $deps (include "platform.releaseName" (dict "root" $root "name" $after.stage)) -}}
{{- end -}}
{{- end -}}
{{- toJson $deps -}}
{{- end -}}

{{/*
Values of a stage release (YAML): `stage` and the stage table's `values`, each a platform section
(`from`, with `pick` or `omit`) or a constant. Call with (dict "root" $ "stage" <table entry>).
*/}}
{{- define "platform.stageValues" -}}
{{- $root := .root -}}
{{- $out := dict "stage" .stage.name -}}
{{- range $key, $spec := .stage.values -}}
{{- if hasKey $spec "value" -}}
{{- $_ := set $out $key $spec.value -}}
{{- else -}}
{{- $v := (include "platform.valueAt" (dict "root" $root "path" $spec.from) | fromJson).value -}}
{{- if or $spec.pick $spec.omit -}}
{{- $section := dict -}}
{{- range $k, $x := $v -}}
{{- if or (and $spec.pick (has $k $spec.pick)) (and $spec.omit (not (has $k $spec.omit))) -}}{{- $_ := set $section $k $x -}}{{- end -}}
{{- end -}}
{{- $v = $section -}}
{{- end -}}
{{- $_ := set $out $key $v -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Timeout of a stage release: the platform value its table entry names. Call with (dict "root" $ "stage" <table entry>). */}}
{{- define "platform.stageTimeout" -}}
{{- (include "platform.valueAt" (dict "root" .root "path" .stage.timeout) | fromJson).value -}}
{{- end -}}

{{/*
install/upgrade of the releases that must never be remediated by uninstall or rollback (tenants,
stages, the KubeVirt and CDI operators): helm-controller retries them instead (strategy
RetryOnFailure, helm-controller v1.x api/v2 Strategy). See stages.retryInterval for why.
*/}}
{{- define "platform.retryForever" -}}
install:
  {{- include "platform.retryStrategy" . | nindent 2 }}
upgrade:
  {{- include "platform.retryStrategy" . | nindent 2 }}
{{- end -}}

{{/* The strategy of install or upgrade in platform.retryForever. */}}
{{- define "platform.retryStrategy" -}}
strategy:
  name: RetryOnFailure
  retryInterval: {{ .Values.stages.retryInterval | quote }}
{{- end -}}
