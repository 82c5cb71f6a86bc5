{{/*
Helpers of the charts packaged from an upstream operator release manifest (kubevirt-operator,
cdi-operator). Their templates are the upstream objects; these helpers fill the few places the
values may change: image references and the operator's overridable settings. Upstream's own
registry and settings are the data define "upstream-operator.upstream" (_upstream.tpl).
*/}}

{{/* A value as JSON that stays data: U+0085 (NEL), left raw by toJson, is a line break to YAML readers. */}}
{{- define "upstream-operator.json" -}}
{{- toJson . | replace "\u0085" "\\u0085" -}}
{{- end -}}

{{/*
An image of the upstream registry, pulled from imageRegistry when set. Call with
(list $ "<name>:<tag>"), the part of the upstream reference below its registry.
*/}}
{{- define "upstream-operator.image" -}}
{{- $root := index . 0 -}}
{{- $upstream := include "upstream-operator.upstream" $root | fromJson -}}
{{- printf "%s/%s" (trimSuffix "/" ($root.Values.imageRegistry | default $upstream.registry)) (index . 1) -}}
{{- end -}}

{{/*
One overridable setting of the operator Deployment, as a line of its own: the value of the same
key when the values set it (it replaces upstream's as a whole), else upstream's own, else nothing.
Call with (list $ "<key>" <indent>) from a line of its own; the output starts with the line break.
*/}}
{{- define "upstream-operator.field" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $settings := (include "upstream-operator.upstream" $root | fromJson).settings -}}
{{- $indent := repeat (index . 2 | int) " " -}}
{{- if hasKey $root.Values $key -}}
{{- printf "\n%s%s: %s" $indent $key (include "upstream-operator.json" (index $root.Values $key)) -}}
{{- else if hasKey $settings $key -}}
{{- printf "\n%s%s: %s" $indent $key (include "upstream-operator.json" (index $settings $key)) -}}
{{- end -}}
{{- end -}}
