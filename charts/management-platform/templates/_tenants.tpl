{{/*
The tenants map: each entry is one tenant cluster, a HelmRelease of the `kubernetes` chart in its
own namespace. Call with (dict "root" $ "name" $name "tenant" $tenant); returns the tenant's namespace
(empty `namespace`: the tenant's name). The values schema checks the name (propertyNames of `tenants`).
*/}}
{{- define "platform.tenantNamespace" -}}
{{- (.tenant | default dict).namespace | default .name -}}
{{- end -}}
