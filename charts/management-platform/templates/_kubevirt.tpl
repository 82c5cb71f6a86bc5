{{/*
KubeVirt and CDI in mode chart: upstream publishes operator manifests, not charts, so the user
names a chart for each operator. Call with (list $ "kubevirt-operator") or (list $ "cdi-operator");
returns the chart settings as JSON after checking them.
*/}}
{{- define "platform.kubevirtChart" -}}
{{- $root := index . 0 -}}
{{- $which := index . 1 -}}
{{- $key := ternary "operatorChart" "cdiChart" (eq $which "kubevirt-operator") -}}
{{- $c := dig $key dict ($root.Values.kubevirt | default dict) -}}
{{- range $field := list "repository" "name" "version" -}}
{{- if not (get $c $field) -}}
{{- fail (printf "kubevirt.mode is chart but kubevirt.%s.%s is empty: name the chart that installs the %s (upstream publishes none), or use kubevirt.mode=external" $key $field (ternary "KubeVirt operator" "CDI operator" (eq $which "kubevirt-operator"))) -}}
{{- end -}}
{{- end -}}
{{- $ns := ternary (dig "namespace" "kubevirt" ($root.Values.kubevirt | default dict)) (dig "cdiNamespace" "cdi" ($root.Values.kubevirt | default dict)) (eq $which "kubevirt-operator") -}}
{{- $values := ternary (dig "operatorValues" dict ($root.Values.kubevirt | default dict)) (dig "cdiValues" dict ($root.Values.kubevirt | default dict)) (eq $which "kubevirt-operator") -}}
{{- toJson (dict "repository" $c.repository "name" $c.name "version" $c.version "namespace" $ns "values" $values) -}}
{{- end -}}
