{{/* Naming, labels and image references of the KubeVirt CSI node chart. */}}

{{- define "kubevirt-csi-node.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kubevirt-csi-node.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end -}}

{{- define "kubevirt-csi-node.labels" -}}
helm.sh/chart: {{ (printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-") | quote }}
{{ include "kubevirt-csi-node.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/part-of: matryoshka
{{- end -}}

{{/* Image reference of images.<key>; images.registry replaces every registry. Call with (list $ "key"). */}}
{{- define "kubevirt-csi-node.image" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $images := $root.Values.images | default dict -}}
{{- $img := index $images $key | default dict -}}
{{- $repository := required (printf "images.%s.repository is required" $key) $img.repository -}}
{{- $registry := $images.registry | default $img.registry -}}
{{- $name := ternary $repository (printf "%s/%s" (trimSuffix "/" $registry) $repository) (empty $registry) -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $name $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $name (required (printf "images.%s.tag is required: pin the image tag" $key) $img.tag) -}}
{{- end -}}
{{- end -}}

{{/* The driver's name, fixed by the upstream driver. */}}
{{- define "kubevirt-csi-node.driverName" -}}csi.kubevirt.io{{- end -}}

{{/* Fails unless exactly one StorageClass is the default and names are unique. */}}
{{- define "kubevirt-csi-node.checkStorageClasses" -}}
{{- $classes := .Values.storageClasses | default list -}}
{{- if $classes -}}
{{- $defaults := list -}}
{{- $names := dict -}}
{{- range $classes -}}
{{- if hasKey $names .name -}}
{{- fail (printf "storageClasses: %q is listed twice; StorageClass names must be unique" .name) -}}
{{- end -}}
{{- $_ := set $names .name true -}}
{{- if .default }}{{ $defaults = append $defaults .name }}{{ end -}}
{{- end -}}
{{- if ne (len $defaults) 1 -}}
{{- fail (printf "storageClasses: exactly one class must set default: true (found %d: %s); set default: true on the tenant's default class only" (len $defaults) (join ", " $defaults)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A value as JSON that stays data: U+0085 (NEL), left raw by toJson, is a line break to YAML readers. */}}
{{- define "kubevirt-csi-node.json" -}}
{{- toJson . | replace "\u0085" "\\u0085" -}}
{{- end -}}
