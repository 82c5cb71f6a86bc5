{{/*
Install-time checks of the prerequisites this chart does not install. `.Capabilities.APIVersions`
holds what the cluster serves at install time (under `helm template`, only what --api-versions adds).
*/}}
{{- define "platform.preflight" -}}
{{- if and .Values.preflight.fluxCheck (not (.Capabilities.APIVersions.Has "helm.toolkit.fluxcd.io/v2")) -}}
{{- fail "Flux is a prerequisite of the management platform: the API helm.toolkit.fluxcd.io/v2 is not served by this cluster. Install Flux (helm-controller >= 1.5 and source-controller) first, or set preflight.fluxCheck=false to render offline (helm template: pass --api-versions helm.toolkit.fluxcd.io/v2)." -}}
{{- end -}}
{{- if and (eq .Values.kubevirt.mode "external") .Values.preflight.kubevirtCheck -}}
{{- range $api := list "kubevirt.io/v1" "cdi.kubevirt.io/v1beta1" -}}
{{- if not ($.Capabilities.APIVersions.Has $api) -}}
{{- fail (printf "kubevirt.mode is external but the API %s is not served by this cluster. Install KubeVirt and CDI first (with the HotplugVolumes feature gate), set kubevirt.mode=bundled to let the platform install them, or set preflight.kubevirtCheck=false to render offline." $api) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
