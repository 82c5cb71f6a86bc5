{{/*
The management-platform stages. Objects that need CRDs installed by a platform component cannot
be part of the platform's own `helm install` (their kinds do not exist yet): the platform creates
one Flux HelmRelease of this chart per stage, each dependsOn the component that brings the CRDs and
the controller, so Flux orders them and waits for their health. `stage` picks what one release renders.
*/}}


{{/*
Whether this release renders stage `stage` ("true" or empty); fails on a stage the stage table
(_stage-table.tpl) does not know. Call with (dict "root" $ "stage" "capi-providers").
*/}}
{{- define "stages.is" -}}
{{- $known := list -}}
{{- range include "stages.table" .root | fromJsonArray -}}{{- $known = append $known .name -}}{{- end -}}
{{- if not (has .root.Values.stage $known) -}}
{{- fail (printf "stage %q is not one of %s; this chart is installed by the management-platform chart, which sets it" (toString .root.Values.stage) (join ", " $known)) -}}
{{- end -}}
{{- if eq .root.Values.stage .stage }}true{{ end -}}
{{- end -}}

{{/* The Cluster API providers in dependency order: kind and values key. */}}
{{- define "stages.providerKinds" -}}
[{"kind": "CoreProvider", "key": "core"}, {"kind": "BootstrapProvider", "key": "bootstrap"}, {"kind": "ControlPlaneProvider", "key": "controlPlane"}, {"kind": "InfrastructureProvider", "key": "infrastructure"}]
{{- end -}}

{{/* The enabled providers as a list of (dict kind values). The values schema requires every provider key in stage capi-providers. */}}
{{- define "stages.providers" -}}
{{- $out := list -}}
{{- range (include "stages.providerKinds" . | fromJsonArray) -}}
{{- $p := index $.Values.providers .key -}}
{{- if $p.enabled -}}
{{- $out = append $out (dict "kind" .kind "values" $p) -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* One provider object. Call with (dict "root" $ "kind" "CoreProvider" "provider" $values). */}}
{{- define "stages.provider" -}}
{{- $p := .provider -}}
apiVersion: operator.cluster.x-k8s.io/v1alpha2
kind: {{ .kind | quote }}
metadata:
  name: {{ $p.name | quote }}
  namespace: {{ $p.namespace | quote }}
  labels:
    {{- include "lib.componentLabels" (dict "root" .root "component" .root.Values.stage) | nindent 4 }}
spec:
  version: {{ $p.version | quote }}
  {{- with $p.fetchUrl }}
  fetchConfig:
    url: {{ . | quote }}
  {{- end }}
  {{- with $p.managerArgs }}
  manager:
    additionalArgs:
      {{- range $k, $v := . }}
      {{ $k | quote }}: {{ $v | quote }}
      {{- end }}
  {{- end }}
{{- end -}}

{{/* Renders the provider of one kind in stage capi-providers. Call with (dict "root" $ "kind" "CoreProvider"). */}}
{{- define "stages.providerOfKind" -}}
{{- $root := .root -}}
{{- $kind := .kind -}}
{{- if include "stages.is" (dict "root" $root "stage" "capi-providers") -}}
{{- range (include "stages.providers" $root | fromJsonArray) -}}
{{- if eq .kind $kind -}}
{{- include "stages.provider" (dict "root" $root "kind" .kind "provider" .values) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
