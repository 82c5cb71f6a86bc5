{{/*
Isolation of the tenant on the management cluster: pod selectors of what the policies govern,
quantity arithmetic and the resource quota derived from the values.
*/}}

{{/* Labels of the tenant's virt-launcher pods: KubeVirt copies the VM template's labels and adds kubevirt.io=virt-launcher (v1.8 pkg/virt-controller/services/template.go). */}}
{{- define "matryoshka.isolation.vmPodLabels" -}}
kubevirt.io: virt-launcher
cluster.x-k8s.io/cluster-name: {{ include "matryoshka.clusterName" . | quote }}
{{- end -}}

{{/* Labels of the tenant's control-plane pods: Kamaji's Service selector (internal/resources/k8s_service_resource.go); the TenantControlPlane is named after the KamajiControlPlane. */}}
{{- define "matryoshka.isolation.controlPlanePodLabels" -}}
kamaji.clastix.io/name: {{ include "matryoshka.clusterName" . | quote }}
{{- end -}}

{{/* "true" when the API server is reachable from outside the cluster network (LoadBalancer, NodePort, Ingress, Gateway). */}}
{{- define "matryoshka.isolation.apiExposed" -}}
{{- $net := .Values.controlPlane.network -}}
{{- if or (ne $net.serviceType "ClusterIP") $net.ingress.enabled $net.gateway.enabled -}}true{{- end -}}
{{- end -}}

{{/* A quantity (e.g. 1.5Gi, 512Mi, 35M, 100m, 2) in base units × 1000 (millicores, or milli-bytes rounded up to whole bytes × 1000), as an int64. */}}
{{- define "matryoshka.quantity.milli" -}}
{{- $q := toString . -}}
{{- $num := regexFind "^[0-9]+(\\.[0-9]+)?" $q -}}
{{- $factor := get (dict "" 1000.0 "m" 1.0 "k" 1e6 "M" 1e9 "G" 1e12 "T" 1e15 "Ki" 1024000.0 "Mi" 1048576000.0 "Gi" 1073741824000.0 "Ti" 1099511627776000.0) (trimPrefix $num $q) -}}
{{- mulf (float64 $num) $factor | ceil | int64 -}}
{{- end -}}

{{/*
Sum of the requests of one resource over a list of container resources: (dict "resources" list-of-resources
"name" "cpu"|"memory"), in milli-units. A container may request only some resources (the helpers' requests
are open maps), so the request is an optional lookup.
*/}}
{{- define "matryoshka.quantity.sumRequests" -}}
{{- $sum := 0 -}}
{{- range .resources -}}
{{- with dig "requests" $.name "" . -}}{{- $sum = add $sum (include "matryoshka.quantity.milli" .) -}}{{- end -}}
{{- end -}}
{{- $sum -}}
{{- end -}}

{{/*
The tenant's largest footprint, in milli-units, as JSON {cpu, memory, storage, vms, exact}:
every node group at its largest size plus its rollout surge, each VM pod as KubeVirt v1.8 requests
it (guest memory + GetMemoryOverhead of pkg/hypervisor/kvm/hypervisorbackend.go: memory/512, 220Mi
of virt-launcher processes, 8Mi per vCPU, 8Mi, 32Mi graphics, 1Gi with passthrough devices; plus the
guest-console-log container, 35M and 5m, serialconsolelog.go; CPU = vCPUs × the group's
cpuRequestPerCore, else isolation.resourceQuota.vmCPURequest), the
control plane, the helpers and the headroom. "exact" is false when a group's size comes from an
instancetype the chart cannot see (CPU and memory are then not limited).
*/}}
{{- define "matryoshka.isolation.footprint" -}}
{{- $q := .Values.isolation.resourceQuota -}}
{{- $Mi := 1048576000 -}}
{{- $cpu := 0 -}}{{- $mem := 0 -}}{{- $storage := 0 -}}{{- $vms := 0 -}}{{- $exact := true -}}
{{- range $name, $g := include "matryoshka.nodeGroups" . | fromJson -}}
{{- $n := $g.replicas | int -}}
{{- if $g.autoscaling.enabled -}}{{- $n = $g.autoscaling.maxSize | int -}}{{- end -}}
{{- if eq $g.rollout.strategy "RollingUpdate" -}}{{- $n = add $n ($g.rollout.maxSurge | int) -}}{{- end -}}
{{- $vms = add $vms $n -}}
{{- if $g.instancetype.name -}}
{{- $exact = false -}}
{{- else -}}
{{- $vcpus := $g.cpu | int -}}
{{- $guest := include "matryoshka.quantity.milli" $g.memory | int64 -}}
{{- $overhead := add (div $guest 512) (mul 220 $Mi) (mul 8 $Mi $vcpus) (mul 8 $Mi) (mul 32 $Mi) (include "matryoshka.quantity.milli" "35M") -}}
{{- if or $g.gpus $g.hostDevices -}}{{- $overhead = add $overhead (mul 1024 $Mi) -}}{{- end -}}
{{- $mem = add $mem (mul $n (add $guest $overhead)) -}}
{{- $perCore := $g.cpuRequestPerCore | default $q.vmCPURequest -}}
{{- $cpu = add $cpu (mul $n (add (mul $vcpus (include "matryoshka.quantity.milli" $perCore)) 5)) -}}
{{- end -}}
{{- $disks := 0 -}}
{{- if eq $g.rootDisk.source "dataVolume" -}}{{- $disks = add $disks (include "matryoshka.quantity.milli" $g.rootDisk.size) -}}{{- end -}}
{{- range $g.dataDisks -}}{{- $disks = add $disks (include "matryoshka.quantity.milli" .size) -}}{{- end -}}
{{- /* CDI adds 6% filesystem overhead to DataVolumes requested by storage (v1.64.0 pkg/common DefaultGlobalOverhead) */ -}}
{{- $storage = add $storage (mulf (mul $n $disks) 1.06 | ceil | int64) -}}
{{- end -}}
{{- /* the control plane: each replica runs the API server, controller manager, scheduler and the konnectivity server */ -}}
{{- $cp := .Values.controlPlane -}}
{{- $cpResources := list $cp.apiServer.resources $cp.controllerManager.resources $cp.scheduler.resources -}}
{{- if $cp.addons.konnectivity.enabled -}}{{- $cpResources = append $cpResources $cp.addons.konnectivity.serverResources -}}{{- end -}}
{{- /* Kamaji rolls the control plane blue/green (maxSurge 100%: api/v1alpha1/tenantcontrolplane_types.go): a rollout runs every replica twice */ -}}
{{- $replicas := mul 2 ($cp.replicas | int) -}}
{{- $cpu = add $cpu (mul $replicas (include "matryoshka.quantity.sumRequests" (dict "resources" $cpResources "name" "cpu"))) -}}
{{- $mem = add $mem (mul $replicas (include "matryoshka.quantity.sumRequests" (dict "resources" $cpResources "name" "memory"))) -}}
{{- /* the management-side helpers */ -}}
{{- $helpers := list -}}
{{- if .Values.cloudControllerManager.enabled -}}{{- range until (.Values.cloudControllerManager.replicas | int) -}}{{- $helpers = append $helpers $.Values.cloudControllerManager.resources -}}{{- end -}}{{- end -}}
{{- if .Values.csiController.enabled -}}
{{- $helpers = append $helpers .Values.csiController.resources -}}
{{- range until (ternary 4 3 .Values.csiController.volumeExpansion) -}}{{- $helpers = append $helpers $.Values.csiController.sidecarResources -}}{{- end -}}
{{- end -}}
{{- if include "matryoshka.autoscaler.enabled" . -}}{{- $helpers = append $helpers .Values.clusterAutoscaler.resources -}}{{- end -}}
{{- $helpers = append $helpers (dict "requests" $q.headroom) -}}
{{- $cpu = add $cpu (include "matryoshka.quantity.sumRequests" (dict "resources" $helpers "name" "cpu")) -}}
{{- $mem = add $mem (include "matryoshka.quantity.sumRequests" (dict "resources" $helpers "name" "memory")) -}}
{{- $storage = add $storage (include "matryoshka.quantity.milli" $q.tenantStorage) -}}
{{- toJson (dict "cpu" $cpu "memory" $mem "storage" $storage "vms" $vms "exact" $exact) -}}
{{- end -}}
