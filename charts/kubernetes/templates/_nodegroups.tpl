{{/*
Named templates of the node groups: effective group values (nodeGroupDefaults overlaid by each
nodeGroups entry), cross-field rules, and the specs and content-hash names of the immutable
KubevirtMachineTemplate / KubeadmConfigTemplate. Group templates take a context
(dict "root" $ "name" <group name> "group" <effective group values>).
*/}}

{{/*
Deep overlay of two maps, (list base over) → JSON: nested maps merge key by key, anything
else in "over" replaces the base value (including false and 0, unlike sprig's mergeOverwrite);
null in "over" keeps the base value.
*/}}
{{- define "matryoshka.overlay" -}}
{{- $base := index . 0 | default dict -}}
{{- $over := index . 1 | default dict -}}
{{- $out := dict -}}
{{- range $k, $v := $base -}}{{- $_ := set $out $k $v -}}{{- end -}}
{{- range $k, $v := $over -}}
{{- if and (kindIs "map" $v) (kindIs "map" (get $out $k)) -}}
{{- $_ := set $out $k (include "matryoshka.overlay" (list (get $out $k) $v) | fromJson) -}}
{{- else if not (kindIs "invalid" $v) -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* The enabled node groups as JSON, name → effective values, validated. Zero groups is valid. */}}
{{- define "matryoshka.nodeGroups" -}}
{{- $defaults := .Values.nodeGroupDefaults -}}
{{- $groups := .Values.nodeGroups -}}
{{- $out := dict -}}
{{- range $name := keys $groups | sortAlpha -}}
{{- $raw := index $groups $name -}}
{{- if kindIs "map" $raw -}}
{{- $g := include "matryoshka.overlay" (list $defaults $raw) | fromJson -}}
{{- if $g.enabled -}}
{{- include "matryoshka.nodeGroup.validate" (dict "root" $ "name" $name "group" $g "raw" $raw) -}}
{{- $_ := set $out $name $g -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* Cross-field rules of one group; each failure names the key and the fix. */}}
{{- define "matryoshka.nodeGroup.validate" -}}
{{- $name := .name -}}
{{- $g := .group -}}
{{- $raw := .raw -}}
{{- $key := printf "nodeGroups.%s" $name -}}
{{- $cluster := include "matryoshka.clusterName" .root -}}
{{- $longest := add (len $cluster) 1 (len $name) 9 -}}
{{- if gt $longest 63 -}}
{{- fail (printf "%s: the group's template names <release>-<group>-<hash> would be %d characters (%s-%s-12345678), more than 63: shorten the group name to at most %d characters or use a shorter release name" $key $longest $cluster $name (sub 63 (add (len $cluster) 10))) -}}
{{- end -}}
{{- $as := $g.autoscaling -}}
{{- if $as.enabled -}}
{{- $min := $as.minSize | int -}}
{{- $max := $as.maxSize | int -}}
{{- if gt $min $max -}}
{{- fail (printf "%s.autoscaling.minSize (%d) is greater than %s.autoscaling.maxSize (%d): lower minSize or raise maxSize" $key $min $key $max) -}}
{{- end -}}
{{- if lt $max 1 -}}
{{- fail (printf "%s.autoscaling.maxSize must be at least 1: raise it, or disable the group with %s.enabled: false" $key $key) -}}
{{- end -}}
{{- end -}}
{{- $it := $g.instancetype.name -}}
{{- if $it -}}
{{- if or (hasKey $raw "cpu") (hasKey $raw "memory") -}}
{{- fail (printf "%s sets both instancetype.name (%q) and cpu/memory: the instancetype defines CPU and memory, so remove %s.cpu and %s.memory, or remove %s.instancetype.name" $key $it $key $key $key) -}}
{{- end -}}
{{- if and $as.enabled (eq ($as.minSize | int) 0) -}}
{{- fail (printf "%s.autoscaling.minSize 0 (scale from zero) needs the node size to advertise it: use %s.cpu/memory instead of %s.instancetype, or set minSize to 1" $key $key $key) -}}
{{- end -}}
{{- end -}}
{{- if and $g.rootDisk.url (ne $g.rootDisk.source "dataVolume") -}}
{{- fail (printf "%s.rootDisk.url imports a disk image and needs %s.rootDisk.source: dataVolume (a containerDisk boots rootDisk.image)" $key $key) -}}
{{- end -}}
{{- $names := list "rootdisk" "cloudinitdisk" -}}
{{- range $d := $g.dataDisks -}}
{{- if has $d.name $names -}}
{{- fail (printf "%s.dataDisks: disk name %q is used twice or reserved (rootdisk, cloudinitdisk): pick another name" $key $d.name) -}}
{{- end -}}
{{- $names = append $names $d.name -}}
{{- end -}}
{{- $ifaces := list "default" -}}
{{- range $n := $g.networks -}}
{{- if has $n.name $ifaces -}}
{{- fail (printf "%s.networks: interface name %q is used twice or reserved (default is the pod network): pick another name" $key $n.name) -}}
{{- end -}}
{{- $ifaces = append $ifaces $n.name -}}
{{- end -}}
{{- if and (eq $g.evictionStrategy "LiveMigrate") (eq $g.podNetworkBinding "bridge") -}}
{{- fail (printf "%s.evictionStrategy LiveMigrate needs %s.podNetworkBinding masquerade: KubeVirt does not migrate a VM bridged to the pod network (its IP would change); use External, or masquerade (see the README on bindings)" $key $key) -}}
{{- end -}}
{{- $rollout := $g.rollout -}}
{{- if and (eq $rollout.strategy "RollingUpdate") (eq ($rollout.maxSurge | int) 0) (eq ($rollout.maxUnavailable | int) 0) -}}
{{- fail (printf "%s.rollout.maxSurge and %s.rollout.maxUnavailable are both 0, so a rolling update could never progress: set maxSurge to 1" $key $key) -}}
{{- end -}}
{{- range $label := keys $g.labels -}}
{{- if or (hasPrefix "node-role.kubernetes.io/" $label) (hasPrefix "node-restriction.kubernetes.io/" $label) -}}
{{- fail (printf "%s.labels: the kubelet may not set %q on its own node (NodeRestriction): use your own prefix, e.g. example.com/role" $key $label) -}}
{{- end -}}
{{- end -}}
{{- range $arg := list "node-labels" "register-with-taints" "max-pods" "kube-reserved" "system-reserved" "cloud-provider" -}}
{{- if hasKey $g.kubeletExtraArgs $arg -}}
{{- fail (printf "%s.kubeletExtraArgs.%s is managed by the chart: use %s.labels, taints, maxPods, kubeReserved or systemReserved instead" $key $arg $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of the group's MachineDeployment and MachineHealthCheck: <cluster>-<group>. */}}
{{- define "matryoshka.nodeGroup.name" -}}
{{- printf "%s-%s" (include "matryoshka.clusterName" .root) .name -}}
{{- end -}}

{{/* Labels that select the group's Machines (CAPI sets both on every Machine of the MachineDeployment). */}}
{{- define "matryoshka.nodeGroup.selectorLabels" -}}
cluster.x-k8s.io/cluster-name: {{ (include "matryoshka.clusterName" .root) | quote }}
cluster.x-k8s.io/deployment-name: {{ include "matryoshka.nodeGroup.name" . | quote }}
{{- end -}}

{{/*
The worker image: rootDisk.image, else the CAPK container disk of the cluster's patch release when that
one is published. The kubelet inside must be the Machine's version (kubeadm join of another version
fails or skews): an image tagged with another release is refused.
*/}}
{{- define "matryoshka.nodeGroup.image" -}}
{{- $data := include "matryoshka.kubernetesVersions" .root | fromJson -}}
{{- $version := include "matryoshka.kubernetesVersion" .root -}}
{{- $image := .group.rootDisk.image -}}
{{- if $image -}}
{{- $tag := regexFind "v?[0-9]+\\.[0-9]+\\.[0-9]+$" (regexReplaceAll "@.*$" $image "") -}}
{{- if and $tag (ne (printf "v%s" (trimPrefix "v" $tag)) $version) -}}
{{- fail (printf "nodeGroups.%s.rootDisk.image %q is tagged %s but the cluster runs %s: the kubelet in the disk must be the Machine version; use an image of %s or set controlPlane.version to %s" .name $image $tag $version $version $tag) -}}
{{- end -}}
{{- $image -}}
{{- else if has $version $data.nodeImageTags -}}
{{- printf "%s:%s" $data.nodeImage $version -}}
{{- else if not (and (eq .group.rootDisk.source "dataVolume") .group.rootDisk.url) -}}
{{- fail (printf "nodeGroups.%s: no published worker image for Kubernetes %s (%s is published for %s): set nodeGroups.%s.rootDisk.image to a container disk with kubelet %s (see the README on node images), or controlPlane.version to a release with one" .name $version $data.nodeImage (join ", " $data.nodeImageTags) .name $version) -}}
{{- end -}}
{{- end -}}

{{/*
KubevirtMachineTemplate spec.template.spec of a group, in canonical form (what its content hash covers):
written as YAML by the helpers below, one per concern, then read and written again by toYaml, so that
the text, and with it the hash, depends on the content only.
*/}}
{{- define "matryoshka.nodeGroup.machineSpec" -}}
{{- include "matryoshka.canonicalYaml" (include "matryoshka.nodeGroup.machineSpec.yaml" .) -}}
{{- end -}}

{{- define "matryoshka.nodeGroup.machineSpec.yaml" -}}
{{- $clusterName := include "matryoshka.clusterName" .root -}}
{{- $vmLabels := dict "cluster.x-k8s.io/cluster-name" $clusterName "cluster.x-k8s.io/deployment-name" (include "matryoshka.nodeGroup.name" .) -}}
virtualMachineBootstrapCheck:
  checkStrategy: {{ .group.bootstrapCheck | quote }}
virtualMachineTemplate:
  metadata:
    namespace: {{ .root.Release.Namespace | quote }}
    labels:
      cluster.x-k8s.io/cluster-name: {{ $clusterName | quote }}
  spec:
    runStrategy: Always
    {{- with .group.instancetype.name }}
    instancetype:
      kind: {{ $.group.instancetype.kind | quote }}
      name: {{ . | quote }}
    {{- end }}
    {{- with include "matryoshka.nodeGroup.dataVolumeTemplates" . }}
    dataVolumeTemplates:
      {{- . | nindent 6 }}
    {{- end }}
    template:
      metadata:
        labels: {{ include "lib.json" $vmLabels }}
      spec:
        domain:
          {{- include "matryoshka.nodeGroup.domain" . | nindent 10 }}
        networks:
          - name: default
            pod: {}
          {{- range .group.networks }}
          - name: {{ .name | quote }}
            multus:
              networkName: {{ .networkName | quote }}
          {{- end }}
        volumes:
          {{- include "matryoshka.nodeGroup.volumes" . | nindent 10 }}
        evictionStrategy: {{ .group.evictionStrategy | quote }}
        {{- /* Spread a group's VMs over management-cluster hosts: one host failure takes few nodes of a group. */}}
        affinity:
          podAntiAffinity:
            preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 100
                podAffinityTerm:
                  topologyKey: kubernetes.io/hostname
                  labelSelector:
                    matchLabels: {{ include "lib.json" $vmLabels }}
{{- end -}}

{{/* The DataVolumes a group's VM owns: the imported root disk (source dataVolume), then the blank data disks. */}}
{{- define "matryoshka.nodeGroup.dataVolumeTemplates" -}}
{{- $disk := .group.rootDisk -}}
{{- if eq $disk.source "dataVolume" }}
- metadata:
    name: rootdisk
  spec:
    source:
      {{- if $disk.url }}
      http:
        url: {{ $disk.url | quote }}
      {{- else }}
      registry:
        url: {{ printf "docker://%s" (include "matryoshka.nodeGroup.image" .) | quote }}
      {{- end }}
    storage:
      {{- include "matryoshka.nodeGroup.storage" (dict "size" $disk.size "storageClass" $disk.storageClass) | nindent 6 }}
{{- end }}
{{- range .group.dataDisks }}
- metadata:
    name: {{ .name | quote }}
  spec:
    source:
      blank: {}
    storage:
      {{- include "matryoshka.nodeGroup.storage" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* DataVolume storage of a disk: (dict "size" <quantity> "storageClass" <name or empty>). */}}
{{- define "matryoshka.nodeGroup.storage" -}}
resources:
  requests:
    storage: {{ .size | quote }}
{{- with .storageClass }}
storageClassName: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The volumes behind the VM's disks: the root (container disk or DataVolume), then the data disks. */}}
{{- define "matryoshka.nodeGroup.volumes" -}}
- name: rootdisk
{{- if eq .group.rootDisk.source "dataVolume" }}
  dataVolume:
    name: rootdisk
{{- else }}
  containerDisk:
    image: {{ include "matryoshka.nodeGroup.image" . | quote }}
{{- end }}
{{- range .group.dataDisks }}
- name: {{ .name | quote }}
  dataVolume:
    name: {{ .name | quote }}
{{- end }}
{{- end -}}

{{/* The VM's domain: devices, and its size unless an instancetype gives it. */}}
{{- define "matryoshka.nodeGroup.domain" -}}
{{- $g := .group -}}
devices:
  networkInterfaceMultiqueue: true
  disks:
    - name: rootdisk
      bootOrder: 1
      disk:
        bus: virtio
    {{- range $g.dataDisks }}
    - name: {{ .name | quote }}
      disk:
        bus: virtio
    {{- end }}
  interfaces:
    - name: default
      {{ $g.podNetworkBinding | quote }}: {}
    {{- range $g.networks }}
    - name: {{ .name | quote }}
      {{- /* a list item: no values.yaml default reaches it, so the schema's default is applied here */}}
      {{ .binding | default "bridge" | quote }}: {}
    {{- end }}
  {{- with $g.gpus }}
  gpus:
    {{- range . }}
    - name: {{ .name | quote }}
      deviceName: {{ .deviceName | quote }}
    {{- end }}
  {{- end }}
  {{- with $g.hostDevices }}
  hostDevices:
    {{- range . }}
    - name: {{ .name | quote }}
      deviceName: {{ .deviceName | quote }}
    {{- end }}
  {{- end }}
{{- if not $g.instancetype.name }}
cpu:
  cores: {{ $g.cpu | int }}
memory:
  guest: {{ $g.memory | quote }}
{{- with $g.cpuRequestPerCore }}
resources:
  requests:
    cpu: {{ printf "%dm" (mul (include "matryoshka.quantity.milli" . | int64) ($g.cpu | int)) | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Taints as "key=value:effect,…" (kubelet and autoscaler format). */}}
{{- define "matryoshka.taintList" -}}
{{- $out := list -}}
{{- range . -}}
{{- if .value -}}{{- $out = append $out (printf "%s=%s:%s" .key .value .effect) -}}{{- else -}}{{- $out = append $out (printf "%s:%s" .key .effect) -}}{{- end -}}
{{- end -}}
{{- join "," $out -}}
{{- end -}}

{{/* containerd hosts.toml of one registry mirror entry: (dict "host" h "mirror" m). */}}
{{- define "matryoshka.nodeGroup.hostsToml" -}}
{{- $upstream := .host -}}
{{- if eq .host "docker.io" -}}{{- $upstream = "registry-1.docker.io" -}}{{- end -}}
{{- if ne .host "_default" }}
server = {{ printf "https://%s" $upstream | quote }}
{{- end }}
{{- range $endpoint := .mirror.endpoints }}

[host.{{ $endpoint | quote }}]
  capabilities = ["pull", "resolve"]
  {{- /* an endpoint with a path is the full API root (e.g. a Harbor proxy cache …/v2/docker.io): containerd must not append /v2 */}}
  {{- if regexMatch "^https?://[^/]+/.+" $endpoint }}
  override_path = true
  {{- end }}
  {{- if $.mirror.skipVerify }}
  skip_verify = true
  {{- end }}
{{- end }}
{{ end -}}

{{/*
What the kubelet of a group reserves when the group does not say (its own kubeReserved/systemReserved keys
win, key by key), as JSON {kube: {cpu, memory}, system: {cpu, memory}}. kube-reserved (kubelet, containerd)
scales with the VM as Google Distributed Cloud reserves on its VM nodes: 80m + 1% of the vCPUs, 330Mi + 5%
of the memory; system-reserved (the guest OS: systemd, journald, sshd, cloud-init) is 100m and 256Mi. A
4Gi/2-vCPU node keeps 1.8 CPU and about 3.2Gi for pods (less the 100Mi eviction threshold). A group sized by
an instancetype, whose size the chart cannot see, reserves as for 2 vCPUs and 4Gi.
*/}}
{{- define "matryoshka.nodeGroup.reserved" -}}
{{- $cores := 2 -}}{{- $memMi := 4096 -}}
{{- if not .instancetype.name -}}
{{- $cores = .cpu | int -}}
{{- $memMi = div (include "matryoshka.quantity.milli" .memory | int64) 1048576000 -}}
{{- end -}}
{{- $kube := dict "cpu" (printf "%dm" (add 80 (mul 10 $cores))) "memory" (printf "%dMi" (add 330 (div (add (mul $memMi 5) 99) 100))) -}}
{{- toJson (dict "kube" $kube "system" (dict "cpu" "100m" "memory" "256Mi")) -}}
{{- end -}}

{{/*
A user's eviction-hard completed with the kubelet's defaults for the signals it does not name: the kubelet
sets an unnamed signal to 0 as soon as one is given (k8s.io/kubelet config/v1beta1 types.go: evictionHard
defaults, and mergeDefaultEvictionSettings, false by default and missing before 1.33). "signal<0%" turns one off.
*/}}
{{- define "matryoshka.evictionHard" -}}
{{- $given := list -}}
{{- range $t := splitList "," . -}}{{- if $t -}}{{- $given = append $given (regexReplaceAll "[<].*$" $t "") -}}{{- end -}}{{- end -}}
{{- $out := list . -}}
{{- range $d := list "memory.available<100Mi" "nodefs.available<10%" "nodefs.inodesFree<5%" "imagefs.available<15%" -}}
{{- if not (has (regexReplaceAll "[<].*$" $d "") $given) -}}{{- $out = append $out $d -}}{{- end -}}
{{- end -}}
{{- join "," (compact $out) -}}
{{- end -}}

{{/* KubeadmConfigTemplate spec.template.spec of a group, in canonical form (what its content hash covers). */}}
{{- define "matryoshka.nodeGroup.bootstrapSpec" -}}
{{- include "matryoshka.canonicalYaml" (include "matryoshka.nodeGroup.bootstrapSpec.yaml" .) -}}
{{- end -}}

{{- define "matryoshka.nodeGroup.bootstrapSpec.yaml" -}}
{{- $g := .group -}}
joinConfiguration:
  nodeRegistration:
    kubeletExtraArgs:
      {{- include "matryoshka.nodeGroup.kubeletArgs" . | nindent 6 }}
    {{- with $g.taints }}
    taints:
      {{- range . }}
      - key: {{ .key | quote }}
        effect: {{ .effect | quote }}
        {{- with .value }}
        value: {{ . | quote }}
        {{- end }}
      {{- end }}
    {{- end }}
{{- with include "matryoshka.nodeGroup.files" $g }}
files:
  {{- . | nindent 2 }}
{{- end }}
{{- with $g.preKubeadmCommands }}
preKubeadmCommands: {{ include "lib.json" . }}
{{- end }}
{{- with $g.postKubeadmCommands }}
postKubeadmCommands: {{ include "lib.json" . }}
{{- end }}
{{- with $g.users }}
users:
  {{- range . }}
  - name: {{ .name | quote }}
    {{- with .sshAuthorizedKeys }}
    sshAuthorizedKeys: {{ include "lib.json" . }}
    {{- end }}
    {{- if .sudo }}
    sudo: "ALL=(ALL) NOPASSWD:ALL"
    {{- end }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* The kubelet flags of a group: the managed ones (labels, max-pods, cloud provider, reservations), then its own. */}}
{{- define "matryoshka.nodeGroup.kubeletArgs" -}}
{{- $g := .group -}}
{{- with include "matryoshka.nodeGroup.nodeLabels" $g | fromJson }}
- name: node-labels
  value: {{ include "lib.keyValues" . | quote }}
{{- end }}
- name: max-pods
  value: {{ $g.maxPods | int | toString | quote }}
{{- /* the KubeVirt CCM initializes nodes (provider ID, addresses, zone) only when the kubelet defers to it */}}
{{- if .root.Values.cloudControllerManager.enabled }}
- name: cloud-provider
  value: external
{{- end }}
{{- $reserved := include "matryoshka.nodeGroup.reserved" $g | fromJson }}
- name: kube-reserved
  value: {{ include "lib.keyValues" (merge (deepCopy $g.kubeReserved) $reserved.kube) | quote }}
- name: system-reserved
  value: {{ include "lib.keyValues" (merge (deepCopy $g.systemReserved) $reserved.system) | quote }}
{{- range $k := keys $g.kubeletExtraArgs | sortAlpha }}
{{- $value := toString (index $g.kubeletExtraArgs $k) }}
{{- if eq $k "eviction-hard" }}{{ $value = include "matryoshka.evictionHard" $value }}{{ end }}
- name: {{ $k | quote }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Files written before kubeadm runs: the group's own, then one containerd hosts.toml per registry mirror. */}}
{{- define "matryoshka.nodeGroup.files" -}}
{{- range .files }}
- path: {{ .path | quote }}
  content: {{ .content | quote }}
  {{- /* list items: no values.yaml default reaches them, so the schema's defaults are applied here */}}
  permissions: {{ .permissions | default "0644" | quote }}
  owner: {{ .owner | default "root:root" | quote }}
{{- end }}
{{- range $host := keys .registryMirrors | sortAlpha }}
- path: {{ printf "/etc/containerd/certs.d/%s/hosts.toml" $host | quote }}
  content: {{ printf "%s\n" (include "matryoshka.nodeGroup.hostsToml" (dict "host" $host "mirror" (index $.registryMirrors $host)) | trim) | quote }}
  permissions: "0644"
  owner: "root:root"
{{- end }}
{{- end -}}

{{/*
A YAML text read and written again by toYaml: keys sorted, one quoting style, so equal content gives
equal text (content hashes). Every value in the text is quoted or JSON, so it always parses; should it
not, fail rather than hash a parse error.
*/}}
{{- define "matryoshka.canonicalYaml" -}}
{{- $doc := fromYaml . -}}
{{- if and (hasKey $doc "Error") (eq (len $doc) 1) -}}
{{- fail (printf "internal error: a generated spec is not YAML (%s); please report it with your values" (get $doc "Error")) -}}
{{- end -}}
{{- toYaml $doc -}}
{{- end -}}

{{/* <cluster>-<group>-<first 8 hex of sha256(spec)>: a changed spec gets a new immutable template. */}}
{{- define "matryoshka.nodeGroup.machineTemplateName" -}}
{{- printf "%s-%s" (include "matryoshka.nodeGroup.name" .) (include "matryoshka.nodeGroup.machineSpec" . | sha256sum | trunc 8) -}}
{{- end -}}

{{- define "matryoshka.nodeGroup.bootstrapTemplateName" -}}
{{- printf "%s-%s" (include "matryoshka.nodeGroup.name" .) (include "matryoshka.nodeGroup.bootstrapSpec" . | sha256sum | trunc 8) -}}
{{- end -}}

{{/* Annotations of the group's MachineDeployment: autoscaler bounds and scale-from-zero capacity. */}}
{{- define "matryoshka.nodeGroup.autoscalerAnnotations" -}}
{{- $g := .group -}}
{{- $as := $g.autoscaling -}}
{{- $out := dict -}}
{{- if $as.enabled -}}
{{- $_ := set $out "cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size" (toString ($as.minSize | int)) -}}
{{- $_ := set $out "cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size" (toString ($as.maxSize | int)) -}}
{{- $cap := "capacity.cluster-autoscaler.kubernetes.io/" -}}
{{- if not $g.instancetype.name -}}
{{- $_ := set $out (print $cap "cpu") (toString ($g.cpu | int)) -}}
{{- $_ := set $out (print $cap "memory") $g.memory -}}
{{- end -}}
{{- /* a containerDisk root is as large as its image, which the chart cannot know: claim no ephemeral disk rather than too much */ -}}
{{- if eq $g.rootDisk.source "dataVolume" -}}
{{- $_ := set $out (print $cap "ephemeral-disk") $g.rootDisk.size -}}
{{- end -}}
{{- $_ := set $out (print $cap "maxPods") (toString ($g.maxPods | int)) -}}
{{- with include "matryoshka.nodeGroup.nodeLabels" $g | fromJson -}}{{- $_ := set $out (print $cap "labels") (include "lib.keyValues" .) -}}{{- end -}}
{{- with $g.taints -}}{{- $_ := set $out (print $cap "taints") (include "matryoshka.taintList" .) -}}{{- end -}}
{{- with $g.gpus -}}
{{- /* the template node gets gpu-count of the extended resource gpu-type: what tenant pods request */ -}}
{{- $_ := set $out (print $cap "gpu-count") (toString (len .)) -}}
{{- $_ := set $out (print $cap "gpu-type") ((index . 0).resourceName | default "nvidia.com/gpu") -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
MachineHealthCheck remediation limit of a group. Cluster API v1.14 scales a percentage against the
group's machines rounding down (core/reconcilers/machinehealthcheck getMaxUnhealthy), so the limit
must allow one machine at the group's smallest size n (replicas, or autoscaling minSize; at least 1):
unset → max(40%, ceil(100/n)%); a set value that allows none at n fails.
*/}}
{{- define "matryoshka.nodeGroup.maxUnhealthy" -}}
{{- $g := .group -}}
{{- $n := 1 -}}
{{- if $g.autoscaling.enabled -}}
{{- $n = max 1 ($g.autoscaling.minSize | int) -}}
{{- else -}}
{{- $n = max 1 ($g.replicas | int) -}}
{{- end -}}
{{- $set := toString $g.healthCheck.maxUnhealthy -}}
{{- if not $set -}}
{{- printf "%d%%" (max 40 (div (add 100 (sub $n 1)) $n)) -}}
{{- else -}}
{{- $allowed := 0 -}}
{{- if hasSuffix "%" $set -}}{{- $allowed = div (mul (trimSuffix "%" $set | int) $n) 100 -}}{{- else -}}{{- $allowed = $set | int -}}{{- end -}}
{{- if lt ($allowed | int) 1 -}}
{{- fail (printf "nodeGroups.%s.healthCheck.maxUnhealthy %q allows no unhealthy machine in a group of %d (Cluster API rounds down), so nothing would ever be remediated: use at least %d%%, or leave it empty for the default" .name $set $n (div (add 100 (sub $n 1)) $n)) -}}
{{- end -}}
{{- $set -}}
{{- end -}}
{{- end -}}

{{/*
Labels the kubelet of a group's nodes registers with: the group's labels, plus on GPU groups
`cluster-api/accelerator` (the label the cluster-autoscaler's clusterapi provider reads to tell GPU
nodes, cloudprovider/clusterapi GPULabel) set to the GPU model (the deviceName after the "/").
*/}}
{{- define "matryoshka.nodeGroup.nodeLabels" -}}
{{- $labels := deepCopy .labels -}}
{{- with .gpus -}}
{{- $model := (index . 0).deviceName | splitList "/" | last | trunc 63 | trimSuffix "-" | trimSuffix "_" | trimSuffix "." -}}
{{- if not (hasKey $labels "cluster-api/accelerator") -}}{{- $_ := set $labels "cluster-api/accelerator" $model -}}{{- end -}}
{{- end -}}
{{- toJson $labels -}}
{{- end -}}
