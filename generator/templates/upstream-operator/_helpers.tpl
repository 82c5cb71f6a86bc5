{{/*
Helpers of the charts packaged from an upstream operator release manifest (kubevirt-operator,
cdi-operator). Their templates are the upstream objects; these helpers fill the few places the
values may change: image references and the operator's overridable settings. Upstream's own
registry and settings are the data define "upstream-operator.upstream" (_upstream.tpl); lib.* is
the helper library every chart shares (_lib.tpl).
*/}}

{{/*
An image of the upstream registry, pulled from imageRegistry when set. Call with
(dict "root" $ "ref" "<name>:<tag>"), the part of the upstream reference below its registry.
*/}}
{{- define "upstream-operator.image" -}}
{{- $upstream := include "upstream-operator.upstream" .root | fromJson -}}
{{- include "lib.imageRef" (dict "registry" (.root.Values.imageRegistry | default $upstream.registry) "repository" .ref) -}}
{{- end -}}

{{/*
One overridable setting of the operator Deployment, as a line of its own: the value of the same
key when the values set it (it replaces upstream's as a whole), else upstream's own, else nothing.
Call with (dict "root" $ "key" "<key>" "indent" <indent>) from a line of its own; the output starts
with the line break.
*/}}
{{- define "upstream-operator.field" -}}
{{- $values := .root.Values -}}
{{- $settings := (include "upstream-operator.upstream" .root | fromJson).settings -}}
{{- $indent := repeat (.indent | int) " " -}}
{{- if hasKey $values .key -}}
{{- printf "\n%s%s: %s" $indent .key (include "lib.json" (index $values .key)) -}}
{{- else if hasKey $settings .key -}}
{{- printf "\n%s%s: %s" $indent .key (include "lib.json" (index $settings .key)) -}}
{{- end -}}
{{- end -}}
