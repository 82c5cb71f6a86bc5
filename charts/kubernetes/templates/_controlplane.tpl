{{/*
Named templates of the control plane (KamajiControlPlane, Cluster, KubevirtCluster) and the
tenant API endpoint other parts of the chart (addons, management-side helpers) connect to.
*/}}

{{/*
The exact Kubernetes release ("v1.34.2") for controlPlane.version: a supported minor picks its
pinned patch (schemas/kubernetes/kubernetes-versions.yaml), an exact patch must be of a supported minor.
*/}}
{{- define "matryoshka.kubernetesVersion" -}}
{{- $data := include "matryoshka.kubernetesVersions" . | fromJson -}}
{{- $want := toString .Values.controlPlane.version -}}
{{- $parts := splitList "." (trimPrefix "v" $want) -}}
{{- $supported := keys $data.patches | sortAlpha | join ", " -}}
{{- if not (regexMatch "^v?1\\.[0-9]{1,2}(\\.[0-9]{1,3})?$" $want) -}}
{{- fail (printf "controlPlane.version %q is not a Kubernetes version: set a supported minor (%s) or an exact patch like v1.34.1" $want $supported) -}}
{{- end -}}
{{- $minor := printf "%s.%s" (index $parts 0) (index $parts 1) -}}
{{- if not (hasKey $data.patches $minor) -}}
{{- fail (printf "controlPlane.version %q is not supported: set one of the supported minors %s (or an exact patch of one)" $want $supported) -}}
{{- end -}}
{{- if eq (len $parts) 3 -}}
{{- printf "v%s" (trimPrefix "v" $want) -}}
{{- else -}}
{{- index $data.patches $minor -}}
{{- end -}}
{{- end -}}

{{/* In-cluster DNS name of the tenant API Service (Kamaji names it after the control plane). */}}
{{- define "matryoshka.apiServerHost" -}}
{{- printf "%s.%s.svc" (include "matryoshka.clusterName" .) .Release.Namespace -}}
{{- end -}}

{{/* Port of the tenant API Service. */}}
{{- define "matryoshka.apiServerPort" -}}
{{- .Values.cluster.network.apiServerPort | int -}}
{{- end -}}

{{/* In-cluster URL of the tenant API, e.g. https://tenant-a.tenant-a.svc:6443. */}}
{{- define "matryoshka.apiServerURL" -}}
{{- printf "https://%s:%s" (include "matryoshka.apiServerHost" .) (include "matryoshka.apiServerPort" .) -}}
{{- end -}}

{{/*
"true" when Kamaji should install kube-proxy: controlPlane.addons.kubeProxy.enabled and no enabled CNI
addon that replaces kube-proxy (addons.cni.kubeProxyReplacement, or the same key in the CNI's values).
*/}}
{{- define "matryoshka.kubeProxyEnabled" -}}
{{- $cni := .Values.addons.cni -}}
{{- /* addons.cni.values is the user's free map for the CNI chart: the key is an optional lookup */ -}}
{{- $nested := dig "kubeProxyReplacement" false $cni.values -}}
{{- $replaced := and $cni.enabled (or (eq (toString $cni.kubeProxyReplacement) "true") (eq (toString $nested) "true")) -}}
{{- and .Values.controlPlane.addons.kubeProxy.enabled (not $replaced) | toString -}}
{{- end -}}

{{/* Component flags: a name → value map rendered as a sorted list of "--name=value". */}}
{{- define "matryoshka.extraArgs" -}}
{{- $args := list -}}
{{- range $name := keys . | sortAlpha -}}
{{- $args = append $args (printf "--%s=%s" $name (toString (index $ $name))) -}}
{{- end -}}
{{- toJson $args -}}
{{- end -}}

{{/*
The control plane's rule JSON Schema cannot state (it compares two values); the others live in the
schema (schemas/kubernetes/control-plane.yaml). Fails with the key and the fix.
*/}}
{{- define "matryoshka.controlPlane.validate" -}}
{{- $cp := .Values.controlPlane -}}
{{- if eq $cp.network.serviceType "NodePort" -}}
{{- $range := splitList "-" .Values.managementCluster.nodePortRange -}}
{{- $ports := dict "cluster.network.apiServerPort" (include "matryoshka.apiServerPort" . | int) -}}
{{- if $cp.addons.konnectivity.enabled -}}{{- $_ := set $ports "controlPlane.addons.konnectivity.serverPort" ($cp.addons.konnectivity.serverPort | int) -}}{{- end -}}
{{- range $key, $port := $ports -}}
{{- if or (lt ($port | int) (index $range 0 | int)) (gt ($port | int) (index $range 1 | int)) -}}
{{- fail (printf "controlPlane.network.serviceType NodePort makes %s (%d) a node port (Kamaji sets nodePort = port), outside the management cluster's range %s (managementCluster.nodePortRange): set %s inside it, or use LoadBalancer" $key ($port | int) (join "-" $range) $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Kamaji's addons of the tenant (KamajiControlPlane.spec.addons), one per concern; an addon's entry
without settings ({}) installs it with Kamaji's defaults.
*/}}
{{- define "matryoshka.controlPlane.addons" -}}
{{- $addons := .Values.controlPlane.addons -}}
{{- if $addons.coreDNS.enabled }}
coreDNS: {{ include "lib.json" (include "matryoshka.controlPlane.addonSettings" $addons.coreDNS | fromJson) }}
{{- end }}
{{- if eq (include "matryoshka.kubeProxyEnabled" .) "true" }}
kubeProxy: {{ include "lib.json" (include "matryoshka.controlPlane.addonSettings" $addons.kubeProxy | fromJson) }}
{{- end }}
{{- if $addons.konnectivity.enabled }}
konnectivity:
  {{- include "matryoshka.controlPlane.konnectivity" . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The settings of a coreDNS / kubeProxy addon that are set (image, DNS Service IPs), as JSON; empty ones are Kamaji's. */}}
{{- define "matryoshka.controlPlane.addonSettings" -}}
{{- $out := dict -}}
{{- range $key, $value := omit . "enabled" -}}
{{- if $value -}}{{- $_ := set $out $key $value -}}{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* Konnectivity server (a sidecar of the control-plane pods) and agent (in the tenant). */}}
{{- define "matryoshka.controlPlane.konnectivity" -}}
{{- $konnectivity := .Values.controlPlane.addons.konnectivity -}}
server:
  port: {{ $konnectivity.serverPort | int }}
  {{- with $konnectivity.serverResources }}
  resources:
    {{- toYaml . | nindent 4 }}
  {{- end }}
agent:
  mode: {{ $konnectivity.agentMode | quote }}
  {{- if eq $konnectivity.agentMode "Deployment" }}
  replicas: {{ $konnectivity.agentReplicas | int }}
  {{- end }}
  {{- /*
  Kamaji gives the agent exactly these tolerations (internal/resources/konnectivity/agent.go), by default only
  CriticalAddonsOnly (the CRD default): the agent must also run on tainted node groups, or a tenant whose
  nodes are all tainted has no tunnel for logs, exec, port-forward and webhooks.
  */}}
  {{- with include "matryoshka.nodeGroups.taintTolerations" (dict "root" . "gpuOnly" false) | fromJsonArray }}
  tolerations:
    - key: CriticalAddonsOnly
      operator: Exists
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/*
Scheduling of the control-plane pods (KamajiControlPlane.spec.deployment): anti-affinity by node and a
zone spread unless placement.spread is "none", and the user's node selector, tolerations and runtime class.
*/}}
{{- define "matryoshka.controlPlane.deployment" -}}
{{- $placement := .Values.controlPlane.placement -}}
{{- if ne $placement.spread "none" }}
affinity:
  podAntiAffinity:
    {{- if eq $placement.spread "required" }}
    requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            {{- include "matryoshka.isolation.controlPlanePodLabels" . | nindent 12 }}
        topologyKey: kubernetes.io/hostname
    {{- else }}
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          labelSelector:
            matchLabels:
              {{- include "matryoshka.isolation.controlPlanePodLabels" . | nindent 14 }}
          topologyKey: kubernetes.io/hostname
    {{- end }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "matryoshka.isolation.controlPlanePodLabels" . | nindent 8 }}
{{- end }}
{{- with $placement.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $placement.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $placement.runtimeClassName }}
runtimeClassName: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
Annotations of the API server Service: the user's, plus — for a LoadBalancer with a serviceAddress —
the requested-IP annotations of the common bare-metal load balancers, because Kamaji advertises the
address without requesting it (kamaji internal/resources/k8s_service_resource.go). The user's win.
*/}}
{{- define "matryoshka.controlPlane.serviceAnnotations" -}}
{{- $net := .Values.controlPlane.network -}}
{{- $out := dict -}}
{{- if and $net.serviceAddress (eq $net.serviceType "LoadBalancer") -}}
{{- range $key := list "metallb.io/loadBalancerIPs" "lbipam.cilium.io/ips" "kube-vip.io/loadbalancerIPs" -}}
{{- $_ := set $out $key $net.serviceAddress -}}
{{- end -}}
{{- end -}}
{{- toJson (merge (deepCopy $net.serviceAnnotations) $out) -}}
{{- end -}}

{{/* First and last address of an IPv4 CIDR as JSON [start, end]; an IPv6 CIDR gives []. */}}
{{- define "matryoshka.cidr.bounds" -}}
{{- if contains ":" . -}}[]{{- else -}}
{{- $parts := splitList "/" . -}}
{{- $o := splitList "." (index $parts 0) -}}
{{- $ip := add (mul (index $o 0 | int64) 16777216) (mul (index $o 1 | int64) 65536) (mul (index $o 2 | int64) 256) (index $o 3 | int64) -}}
{{- $size := 1 -}}
{{- range until (sub 32 (index $parts 1 | int) | int) -}}{{- $size = mul $size 2 -}}{{- end -}}
{{- $start := sub $ip (mod $ip $size) -}}
{{- toJson (list $start (sub (add $start $size) 1)) -}}
{{- end -}}
{{- end -}}

{{/*
Tenant networks must not overlap each other nor the management cluster's (managementCluster): an
overlap loops DNS through the tenant's own CoreDNS or routes node traffic into the tenant's pod network.
IPv4 blocks are compared; IPv6 blocks are not checked.
*/}}
{{- define "matryoshka.network.validate" -}}
{{- $net := .Values.cluster.network -}}
{{- $mgmt := .Values.managementCluster -}}
{{- $blocks := list -}}
{{- range $net.podCIDRs }}{{ $blocks = append $blocks (list "cluster.network.podCIDRs" .) }}{{ end -}}
{{- range $net.serviceCIDRs }}{{ $blocks = append $blocks (list "cluster.network.serviceCIDRs" .) }}{{ end -}}
{{- range $mgmt.podCIDRs }}{{ $blocks = append $blocks (list "managementCluster.podCIDRs" .) }}{{ end -}}
{{- range $mgmt.serviceCIDRs }}{{ $blocks = append $blocks (list "managementCluster.serviceCIDRs" .) }}{{ end -}}
{{- range $i, $a := $blocks -}}
{{- range $j, $b := $blocks -}}
{{- if and (lt $i $j) (not (and (hasPrefix "managementCluster" (index $a 0)) (hasPrefix "managementCluster" (index $b 0)))) -}}
{{- $ra := include "matryoshka.cidr.bounds" (index $a 1) | fromJsonArray -}}
{{- $rb := include "matryoshka.cidr.bounds" (index $b 1) | fromJsonArray -}}
{{- if and $ra $rb (le (index $ra 0 | int64) (index $rb 1 | int64)) (le (index $rb 0 | int64) (index $ra 1 | int64)) -}}
{{- fail (printf "%s %s overlaps %s %s: tenant networks must be disjoint from each other and from the management cluster's (a tenant Service on the management DNS IP loops DNS; a tenant pod route over the nodes' addresses captures their traffic): choose another range for %s" (index $a 0) (index $a 1) (index $b 0) (index $b 1) (ternary (index $b 0) (index $a 0) (hasPrefix "managementCluster" (index $a 0)))) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
