{{/*
Naming, labels and shared pieces of the management-platform chart. The platform release is
installed once per management cluster; its HelmReleases are named after the release.
*/}}

{{/* Object name prefix: the release name, validated once here. */}}
{{- define "platform.name" -}}
{{- $name := .Release.Name -}}
{{- if gt (len $name) 30 -}}
{{- fail (printf "release name %q is %d characters; use at most 30 so derived names (<release>-kubevirt-instancetypes) stay within 53" $name (len $name)) -}}
{{- end -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name) -}}
{{- fail (printf "release name %q must be a DNS-1123 label: lower-case letters, digits and '-', starting with a letter" $name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{- define "platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "platform.labels" -}}
helm.sh/chart: {{ (include "platform.chart" .) | quote }}
app.kubernetes.io/name: {{ .Chart.Name | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/part-of: matryoshka
{{- end -}}

{{/* Namespace of the shared chart sources (the catalog's `sources.namespace`). */}}
{{- define "platform.sourcesNamespace" -}}
{{- dig "namespace" "matryoshka-system" (.Values.sources | default dict) -}}
{{- end -}}

{{/* sourceRef to the project's charts: the shared source `matryoshka` of the addon catalog, or `matryoshka-oci` (projectRepository.oci). */}}
{{- define "platform.projectSourceRef" -}}
kind: HelmRepository
name: {{ (ternary "matryoshka-oci" "matryoshka" (not (empty (dig "oci" "" (.Values.projectRepository | default dict))))) | quote }}
namespace: {{ include "platform.sourcesNamespace" . | quote }}
{{- end -}}

{{/* Whether a catalog component is enabled ("true" or empty). */}}
{{- define "platform.componentEnabled" -}}
{{- include "catalog.components.enabled" (dict "root" (index . 0) "name" (index . 1)) -}}
{{- end -}}

{{/* HelmRelease name of a catalog component, e.g. platform-cert-manager. */}}
{{- define "platform.componentRelease" -}}
{{- include "catalog.components.objectName" (dict "root" (index . 0) "name" (index . 1)) -}}
{{- end -}}

{{/* HelmRelease name of a stage or of a hand-written platform release, e.g. platform-capi-providers. */}}
{{- define "platform.releaseName" -}}
{{- printf "%s-%s" (include "platform.name" (index . 0)) (index . 1) -}}
{{- end -}}

{{/* Which stages render, as a JSON map stage → true. */}}
{{- define "platform.stages" -}}
{{- $v := .Values -}}
{{- $out := dict -}}
{{- range $key := list "core" "bootstrap" "controlPlane" "infrastructure" -}}
{{- if dig $key "enabled" true ($v.providers | default dict) -}}{{- $_ := set $out "capi-providers" true -}}{{- end -}}
{{- end -}}
{{- if dig "enabled" true ($v.datastore | default dict) -}}{{- $_ := set $out "kamaji-datastore" true -}}{{- end -}}
{{- if eq (dig "mode" "bundled" ($v.kubevirt | default dict)) "bundled" -}}{{- $_ := set $out "kubevirt-config" true -}}{{- end -}}
{{- if dig "instancetypes" "enabled" false ($v.kubevirt | default dict) -}}{{- $_ := set $out "kubevirt-instancetypes" true -}}{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* dependsOn entries (names in the release namespace) of a stage, as a JSON list. */}}
{{- define "platform.stageDeps" -}}
{{- $root := index . 0 -}}
{{- $stage := index . 1 -}}
{{- $deps := list -}}
{{- if eq $stage "capi-providers" -}}
{{- /* the Kamaji control-plane provider watches TenantControlPlanes only if that API exists when it starts (cluster-api-control-plane-provider-kamaji v0.20.0 controllers/kamajicontrolplane_controller.go SetupWithManager): Kamaji (its CRDs) goes first */ -}}
{{- range $c := list "cluster-api-operator" "kamaji" -}}
{{- if include "platform.componentEnabled" (list $root $c) -}}{{- $deps = append $deps (include "platform.componentRelease" (list $root $c)) -}}{{- end -}}
{{- end -}}
{{- else if eq $stage "kamaji-datastore" -}}
{{- range $c := list "kamaji" "kamaji-etcd" -}}
{{- if include "platform.componentEnabled" (list $root $c) -}}{{- $deps = append $deps (include "platform.componentRelease" (list $root $c)) -}}{{- end -}}
{{- end -}}
{{- else if eq $stage "kubevirt-config" -}}
{{- $deps = list (include "platform.releaseName" (list $root "kubevirt-operator")) (include "platform.releaseName" (list $root "cdi-operator")) -}}
{{- else if eq $stage "kubevirt-instancetypes" -}}
{{- if eq (dig "mode" "bundled" ($root.Values.kubevirt | default dict)) "bundled" -}}{{- $deps = append $deps (include "platform.releaseName" (list $root "kubevirt-config")) -}}{{- end -}}
{{- end -}}
{{- toJson $deps -}}
{{- end -}}

{{/* Values of a stage release: its section of the platform values. */}}
{{- define "platform.stageValues" -}}
{{- $root := index . 0 -}}
{{- $stage := index . 1 -}}
{{- $v := $root.Values -}}
{{- $out := dict "stage" $stage -}}
{{- if eq $stage "capi-providers" -}}
{{- $providers := dict -}}
{{- range $key := list "core" "bootstrap" "controlPlane" "infrastructure" -}}{{- $_ := set $providers $key (index $v.providers $key) -}}{{- end -}}
{{- $_ := set $out "providers" $providers -}}
{{- else if eq $stage "kamaji-datastore" -}}
{{- $d := omit $v.datastore "enabled" "timeout" -}}
{{- if and (not $d.endpoints) (not (include "platform.componentEnabled" (list $root "kamaji-etcd"))) -}}
{{- fail "datastore.endpoints is empty while components.kamaji-etcd.enabled is false: list your etcd endpoints (host:port) in datastore.endpoints, or enable components.kamaji-etcd" -}}
{{- end -}}
{{- $_ := set $out "datastore" $d -}}
{{- $_ := set $out "etcdReplicas" (dig "kamaji-etcd" "replicas" 3 ($v.components | default dict)) -}}
{{- $_ := set $out "namespace" "kamaji-system" -}}
{{- else -}}
{{- $_ := set $out "kubevirt" (pick $v.kubevirt "namespace" "featureGates" "permittedHostDevices" "instancetypes") -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Timeout of a stage release. */}}
{{- define "platform.stageTimeout" -}}
{{- $v := (index . 0).Values -}}
{{- $stage := index . 1 -}}
{{- if eq $stage "capi-providers" -}}{{ dig "timeout" "20m" ($v.providers | default dict) }}
{{- else if eq $stage "kamaji-datastore" -}}{{ dig "timeout" "5m" ($v.datastore | default dict) }}
{{- else -}}{{ dig "timeout" "15m" ($v.kubevirt | default dict) }}
{{- end -}}
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
  retryInterval: {{ dig "retryInterval" "2m" (.Values.stages | default dict) | quote }}
{{- end -}}
