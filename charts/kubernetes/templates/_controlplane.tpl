{{/*
Named templates of the control plane (KamajiControlPlane, Cluster, KubevirtCluster) and the
tenant API endpoint other parts of the chart (addons, management-side helpers) connect to.
*/}}

{{/* The controlPlane values, never nil (a user may null the whole key). */}}
{{- define "matryoshka.controlPlaneValues" -}}
{{- toJson (.Values.controlPlane | default dict) -}}
{{- end -}}

{{/*
The exact Kubernetes release ("v1.34.2") for controlPlane.version: a supported minor picks its
pinned patch (schemas/kubernetes/kubernetes-versions.yaml), an exact patch must be of a supported minor.
*/}}
{{- define "matryoshka.kubernetesVersion" -}}
{{- $data := include "matryoshka.kubernetesVersions" . | fromJson -}}
{{- $cp := .Values.controlPlane | default dict -}}
{{- $want := toString (dig "version" $data.default $cp) -}}
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
{{- $cluster := .Values.cluster | default dict -}}
{{- dig "network" "apiServerPort" 6443 $cluster | int -}}
{{- end -}}

{{/* In-cluster URL of the tenant API, e.g. https://tenant-a.tenant-a.svc:6443. */}}
{{- define "matryoshka.apiServerURL" -}}
{{- printf "https://%s:%s" (include "matryoshka.apiServerHost" .) (include "matryoshka.apiServerPort" .) -}}
{{- end -}}

{{/*
"true" when Kamaji should install kube-proxy: controlPlane.addons.kubeProxy.enabled and no CNI
addon that replaces kube-proxy (addons.cni.kubeProxyReplacement, or the same key in the CNI's
values). Read defensively: the addons section may not exist.
*/}}
{{- define "matryoshka.kubeProxyEnabled" -}}
{{- $cp := .Values.controlPlane | default dict -}}
{{- $wanted := dig "addons" "kubeProxy" "enabled" true $cp -}}
{{- $addons := .Values.addons | default dict -}}
{{- $cni := dict -}}
{{- if kindIs "map" $addons -}}{{- $cni = dig "cni" dict $addons -}}{{- end -}}
{{- $replaced := false -}}
{{- if and (kindIs "map" $cni) (ne (toString (dig "enabled" true $cni)) "false") -}}
{{- $direct := toString (dig "kubeProxyReplacement" false $cni) -}}
{{- $nested := toString (dig "values" "kubeProxyReplacement" false $cni) -}}
{{- $replaced = or (eq $direct "true") (eq $nested "true") -}}
{{- end -}}
{{- and $wanted (not $replaced) | toString -}}
{{- end -}}

{{/* Component flags: a name → value map rendered as a sorted list of "--name=value". */}}
{{- define "matryoshka.extraArgs" -}}
{{- $args := list -}}
{{- range $name := keys (. | default dict) | sortAlpha -}}
{{- $args = append $args (printf "--%s=%s" $name (toString (index $ $name))) -}}
{{- end -}}
{{- toJson $args -}}
{{- end -}}

{{/* Cross-field rules of the control plane; fails with the key and the fix. */}}
{{- define "matryoshka.controlPlane.validate" -}}
{{- $cp := .Values.controlPlane | default dict -}}
{{- $net := dig "network" dict $cp -}}
{{- if dig "ingress" "enabled" false $net -}}
{{- if not (dig "ingress" "hostname" "" $net) -}}
{{- fail "controlPlane.network.ingress.hostname is required when controlPlane.network.ingress.enabled is true: set the API hostname (e.g. api.tenant-a.example.com)" -}}
{{- end -}}
{{- end -}}
{{- if dig "gateway" "enabled" false $net -}}
{{- range $k := list "hostname" "gatewayName" "gatewayNamespace" -}}
{{- if not (dig "gateway" $k "" $net) -}}
{{- fail (printf "controlPlane.network.gateway.%s is required when controlPlane.network.gateway.enabled is true: set it to the Gateway's %s" $k (trimPrefix "gateway" $k | lower)) -}}
{{- end -}}
{{- end -}}
{{- if dig "ingress" "enabled" false $net -}}
{{- fail "controlPlane.network.ingress and controlPlane.network.gateway are both enabled: expose the API through one of them" -}}
{{- end -}}
{{- end -}}
{{- if eq (dig "serviceType" "ClusterIP" $net) "NodePort" -}}
{{- $range := splitList "-" (dig "nodePortRange" "30000-32767" (.Values.managementCluster | default dict)) -}}
{{- $ports := dict "cluster.network.apiServerPort" (include "matryoshka.apiServerPort" . | int) -}}
{{- if dig "addons" "konnectivity" "enabled" true $cp -}}{{- $_ := set $ports "controlPlane.addons.konnectivity.serverPort" (dig "addons" "konnectivity" "serverPort" 8132 $cp | int) -}}{{- end -}}
{{- range $key, $port := $ports -}}
{{- if or (lt ($port | int) (index $range 0 | int)) (gt ($port | int) (index $range 1 | int)) -}}
{{- fail (printf "controlPlane.network.serviceType NodePort makes %s (%d) a node port (Kamaji sets nodePort = port), outside the management cluster's range %s (managementCluster.nodePortRange): set %s inside it, or use LoadBalancer" $key ($port | int) (join "-" $range) $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and (dig "serviceAddress" "" $net) (eq (dig "serviceType" "ClusterIP" $net) "ClusterIP") -}}
{{- fail "controlPlane.network.serviceAddress cannot be honoured with serviceType ClusterIP (the cluster IP is allocated by the management cluster): set serviceType to LoadBalancer or NodePort, or remove serviceAddress" -}}
{{- end -}}
{{- if and (or (dig "loadBalancerClass" "" $net) (dig "loadBalancerSourceRanges" list $net)) (ne (dig "serviceType" "ClusterIP" $net) "LoadBalancer") -}}
{{- fail "controlPlane.network.loadBalancerClass / loadBalancerSourceRanges only apply to a LoadBalancer: set controlPlane.network.serviceType to LoadBalancer or remove them" -}}
{{- end -}}
{{- end -}}

{{/* Scheduling of the control-plane pods (KamajiControlPlane.spec.deployment). */}}
{{- define "matryoshka.controlPlane.deployment" -}}
{{- $cp := .Values.controlPlane | default dict -}}
{{- $placement := dig "placement" dict $cp -}}
{{- $spread := dig "spread" "preferred" $placement -}}
{{- $selector := dict "kamaji.clastix.io/name" (include "matryoshka.clusterName" .) -}}
{{- $out := dict -}}
{{- if eq $spread "preferred" -}}
{{- $term := dict "labelSelector" (dict "matchLabels" $selector) "topologyKey" "kubernetes.io/hostname" -}}
{{- $_ := set $out "affinity" (dict "podAntiAffinity" (dict "preferredDuringSchedulingIgnoredDuringExecution" (list (dict "weight" 100 "podAffinityTerm" $term)))) -}}
{{- $_ := set $out "topologySpreadConstraints" (list (dict "maxSkew" 1 "topologyKey" "topology.kubernetes.io/zone" "whenUnsatisfiable" "ScheduleAnyway" "labelSelector" (dict "matchLabels" $selector))) -}}
{{- else if eq $spread "required" -}}
{{- $term := dict "labelSelector" (dict "matchLabels" $selector) "topologyKey" "kubernetes.io/hostname" -}}
{{- $_ := set $out "affinity" (dict "podAntiAffinity" (dict "requiredDuringSchedulingIgnoredDuringExecution" (list $term))) -}}
{{- $_ := set $out "topologySpreadConstraints" (list (dict "maxSkew" 1 "topologyKey" "topology.kubernetes.io/zone" "whenUnsatisfiable" "ScheduleAnyway" "labelSelector" (dict "matchLabels" $selector))) -}}
{{- end -}}
{{- with dig "nodeSelector" dict $placement -}}{{- $_ := set $out "nodeSelector" . -}}{{- end -}}
{{- with dig "tolerations" list $placement -}}{{- $_ := set $out "tolerations" . -}}{{- end -}}
{{- with dig "runtimeClassName" "" $placement -}}{{- $_ := set $out "runtimeClassName" . -}}{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
Annotations of the API server Service: the user's, plus — for a LoadBalancer with a serviceAddress —
the requested-IP annotations of the common bare-metal load balancers, because Kamaji advertises the
address without requesting it (kamaji internal/resources/k8s_service_resource.go). The user's win.
*/}}
{{- define "matryoshka.controlPlane.serviceAnnotations" -}}
{{- $net := dig "network" dict (.Values.controlPlane | default dict) -}}
{{- $out := dict -}}
{{- $address := dig "serviceAddress" "" $net -}}
{{- if and $address (eq (dig "serviceType" "ClusterIP" $net) "LoadBalancer") -}}
{{- range $key := list "metallb.io/loadBalancerIPs" "lbipam.cilium.io/ips" "kube-vip.io/loadbalancerIPs" -}}
{{- $_ := set $out $key $address -}}
{{- end -}}
{{- end -}}
{{- toJson (merge (deepCopy (dig "serviceAnnotations" dict $net)) $out) -}}
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
{{- $net := dig "network" dict (.Values.cluster | default dict) -}}
{{- $mgmt := .Values.managementCluster | default dict -}}
{{- $blocks := list -}}
{{- range (dig "podCIDRs" (list "10.243.0.0/16") $net) }}{{ $blocks = append $blocks (list "cluster.network.podCIDRs" .) }}{{ end -}}
{{- range (dig "serviceCIDRs" (list "10.95.0.0/16") $net) }}{{ $blocks = append $blocks (list "cluster.network.serviceCIDRs" .) }}{{ end -}}
{{- range ($mgmt.podCIDRs | default list) }}{{ $blocks = append $blocks (list "managementCluster.podCIDRs" .) }}{{ end -}}
{{- range ($mgmt.serviceCIDRs | default list) }}{{ $blocks = append $blocks (list "managementCluster.serviceCIDRs" .) }}{{ end -}}
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
