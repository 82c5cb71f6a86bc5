{{/*
The tenants map: each entry is one tenant cluster, a HelmRelease of the `kubernetes` chart in its
own namespace. Call with (list $ $name $tenant); returns the tenant's namespace after checking the name.
*/}}
{{- define "platform.tenantNamespace" -}}
{{- $name := index . 1 -}}
{{- $t := index . 2 | default dict -}}
{{- if not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name) -}}
{{- fail (printf "tenants.%s: a tenant name must be a DNS-1123 label (lower-case letters, digits and '-', starting with a letter); it becomes the cluster's name" $name) -}}
{{- end -}}
{{- if gt (len $name) 40 -}}
{{- fail (printf "tenants.%s: a tenant name is at most 40 characters (it is %d) so the names derived from it stay within 63" $name (len $name)) -}}
{{- end -}}
{{- $t.namespace | default $name -}}
{{- end -}}
