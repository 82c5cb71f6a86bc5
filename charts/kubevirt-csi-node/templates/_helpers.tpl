{{/* Naming and checks of the KubeVirt CSI node chart (labels, images, JSON: the shared lib.* helpers, _lib.tpl). */}}

{{- define "kubevirt-csi-node.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The driver's name, fixed by the upstream driver. */}}
{{- define "kubevirt-csi-node.driverName" -}}csi.kubevirt.io{{- end -}}

{{/* Fails unless exactly one StorageClass is the default and names are unique. */}}
{{- define "kubevirt-csi-node.checkStorageClasses" -}}
{{- $classes := .Values.storageClasses -}}
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
