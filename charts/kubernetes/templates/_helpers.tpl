{{/*
Shared naming and labels of the tenant chart. Every object name derives from the release
name (the tenant cluster's name), so two releases in one namespace never collide.
*/}}

{{/* The Cluster API cluster name: the release name, validated once here. */}}
{{- define "matryoshka.clusterName" -}}
{{- $name := .Release.Name -}}
{{- if gt (len $name) 40 -}}
{{- fail (printf "release name %q is %d characters; use at most 40 so derived names (<release>-<group>-<hash>) stay within 63" $name (len $name)) -}}
{{- end -}}
{{- if not (include "lib.isDnsLabel" $name) -}}
{{- fail (printf "release name %q must be a DNS-1123 label: lower-case letters, digits and '-', starting with a letter" $name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/* The Secret the Kamaji CAPI provider writes with the tenant kubeconfig (CAPI contract: key "value"). */}}
{{- define "matryoshka.kubeconfigSecretName" -}}
{{- printf "%s-kubeconfig" (include "matryoshka.clusterName" .) -}}
{{- end -}}

{{/* Labels on every object: the shared ones (_lib.tpl) and the Cluster API cluster name. */}}
{{- define "matryoshka.labels" -}}
{{ include "lib.labels" . }}
cluster.x-k8s.io/cluster-name: {{ (include "matryoshka.clusterName" .) | quote }}
{{- end -}}

{{/*
Tolerations of the node groups' taints, (dict "root" $ "gpuOnly" <bool>) → JSON list: one per distinct
taint (Equal with its value, else Exists; same effect), of every enabled group or only of the groups
with GPUs. For DaemonSets that must run on every node of those groups (konnectivity agent, GPU operands).
*/}}
{{- define "matryoshka.nodeGroups.taintTolerations" -}}
{{- $out := list -}}
{{- range $name, $g := include "matryoshka.nodeGroups" .root | fromJson -}}
{{- if or (not $.gpuOnly) $g.gpus -}}
{{- range $t := $g.taints -}}
{{- $tol := dict "key" $t.key "operator" "Exists" "effect" $t.effect -}}
{{- if $t.value -}}{{- $tol = dict "key" $t.key "operator" "Equal" "value" $t.value "effect" $t.effect -}}{{- end -}}
{{- if not (has $tol $out) -}}{{- $out = append $out $tol -}}{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}
