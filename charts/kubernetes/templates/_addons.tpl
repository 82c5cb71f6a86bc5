{{/*
Release facts the tenant addon catalog's values templates use (schemas/kubernetes/addons/*.values.yaml).
*/}}

{{/* The tenant API server as the worker VMs reach it: the Kamaji Service in the release namespace. */}}
{{- define "matryoshka.addons.apiServerHost" -}}
{{- printf "%s.%s.svc" (include "matryoshka.clusterName" .) .Release.Namespace -}}
{{- end -}}
