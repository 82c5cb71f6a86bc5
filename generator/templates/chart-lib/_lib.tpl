{{/*
The helper library every chart of the project shares (copied into each chart's templates/ by
`npm run generate`): JSON output, image references, the standard labels, selector strings and the
DNS-1123 label check. Helpers take the root context `$` when they need nothing else, else
(dict "root" $ …named arguments); value helpers (lib.json, lib.keyValues, lib.isDnsLabel) take the value.
*/}}

{{/*
A value as JSON (a YAML flow scalar or collection) that stays data: toJson leaves U+0085 (NEL) raw,
which YAML readers take as a line break — inside a key it breaks the document, inside a string
go-yaml folds it into a space. Escaped here, the text arrives verbatim.
*/}}
{{- define "lib.json" -}}
{{- toJson . | replace "\u0085" "\\u0085" -}}
{{- end -}}

{{/*
An image reference from its parts, (dict "registry" r "repository" p "tag" t "digest" d):
<registry>/<repository> (just <repository> when the registry is empty), then @<digest> when set,
else :<tag> when set (a repository that already carries its tag takes neither).
*/}}
{{- define "lib.imageRef" -}}
{{- $name := ternary .repository (printf "%s/%s" (trimSuffix "/" .registry) .repository) (empty .registry) -}}
{{- if .digest -}}
{{- printf "%s@%s" $name .digest -}}
{{- else if .tag -}}
{{- printf "%s:%s" $name .tag -}}
{{- else -}}
{{- $name -}}
{{- end -}}
{{- end -}}

{{/*
Image reference of images.<key>: <registry>/<repository>:<tag> or @<digest>; images.registry,
when set, replaces every image's registry (air-gapped mirrors). Call with (dict "root" $ "key" "<key>").
*/}}
{{- define "lib.image" -}}
{{- $images := .root.Values.images -}}
{{- $img := index $images .key | default dict -}}
{{- $repository := required (printf "images.%s.repository is required: set the image repository (e.g. in a mirror)" .key) $img.repository -}}
{{- $tag := $img.tag -}}
{{- if not $img.digest -}}
{{- $tag = required (printf "images.%s.tag is required: pin the image tag" .key) $img.tag -}}
{{- end -}}
{{- include "lib.imageRef" (dict "registry" ($images.registry | default $img.registry) "repository" $repository "tag" $tag "digest" $img.digest) -}}
{{- end -}}

{{- define "lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of the chart's pods (name and instance). Call with the root context. */}}
{{- define "lib.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end -}}

{{/* Selector labels of one component's pods. Call with (dict "root" $ "component" "<component>"). */}}
{{- define "lib.componentSelectorLabels" -}}
{{ include "lib.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component | quote }}
{{- end -}}

{{/* The standard labels of every object. Call with the root context. */}}
{{- define "lib.labels" -}}
helm.sh/chart: {{ (include "lib.chart" .) | quote }}
{{ include "lib.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/part-of: matryoshka
{{- end -}}

{{/* The standard labels of one component's objects. Call with (dict "root" $ "component" "<component>"). */}}
{{- define "lib.componentLabels" -}}
{{ include "lib.labels" .root }}
app.kubernetes.io/component: {{ .component | quote }}
{{- end -}}

{{/* "k=v,k2=v2" of a map, sorted by key (label selectors, kubelet flags). */}}
{{- define "lib.keyValues" -}}
{{- $pairs := list -}}
{{- range $k := keys . | sortAlpha -}}{{- $pairs = append $pairs (printf "%s=%s" $k (toString (index $ $k))) -}}{{- end -}}
{{- join "," $pairs -}}
{{- end -}}

{{/* "true" when the string is a DNS-1123 label starting with a letter (object and release names), else empty. */}}
{{- define "lib.isDnsLabel" -}}
{{- if regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" . }}true{{ end -}}
{{- end -}}
