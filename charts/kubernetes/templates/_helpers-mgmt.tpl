{{/*
Named templates of the management-side helpers (CCM, CSI controller, cluster-autoscaler) and
the teardown hook: names, labels, image references and the restricted security settings.
*/}}

{{/* Name of a helper's objects: <cluster>-<component>. Call with (list $ "component"). */}}
{{- define "matryoshka.mgmt.name" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "matryoshka.clusterName" $root) (index . 1) -}}
{{- end -}}

{{/* Selector labels of a helper's pods. Call with (list $ "component"). */}}
{{- define "matryoshka.mgmt.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name | quote }}
app.kubernetes.io/instance: {{ $root.Release.Name | quote }}
app.kubernetes.io/component: {{ index . 1 | quote }}
{{- end -}}

{{/* All labels of a helper's objects. Call with (list $ "component"). */}}
{{- define "matryoshka.mgmt.labels" -}}
{{ include "matryoshka.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 | quote }}
{{- end -}}

{{/*
Image reference of images.<key>: <registry>/<repository>:<tag> or @<digest>; images.registry,
when set, replaces every image's registry (air-gapped mirrors). Call with (list $ "key").
*/}}
{{- define "matryoshka.image" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $images := $root.Values.images | default dict -}}
{{- $img := index $images $key | default dict -}}
{{- $repository := required (printf "images.%s.repository is required: set the image repository (e.g. in a mirror)" $key) $img.repository -}}
{{- $registry := $images.registry | default $img.registry -}}
{{- $name := ternary $repository (printf "%s/%s" (trimSuffix "/" $registry) $repository) (empty $registry) -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $name $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $name (required (printf "images.%s.tag is required: pin the image tag" $key) $img.tag) -}}
{{- end -}}
{{- end -}}

{{/* Pod-level security of every helper: restricted Pod Security Standard. */}}
{{- define "matryoshka.mgmt.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security of every helper container: restricted, read-only root filesystem. */}}
{{- define "matryoshka.mgmt.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* imagePullSecrets of helper pods (images.pullSecrets). */}}
{{- define "matryoshka.mgmt.imagePullSecrets" -}}
{{- with .Values.images.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Scheduling settings of a helper's pods. Call with the helper's values section. */}}
{{- define "matryoshka.mgmt.scheduling" -}}
{{- with .priorityClassName }}
priorityClassName: {{ . | quote }}
{{- end }}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Where helpers mount the tenant kubeconfig (the CAPI contract Secret, key "value"). */}}
{{- define "matryoshka.mgmt.tenantKubeconfigPath" -}}/etc/matryoshka/tenant/kubeconfig{{- end -}}

{{- define "matryoshka.mgmt.tenantKubeconfigVolume" -}}
- name: tenant-kubeconfig
  secret:
    secretName: {{ include "matryoshka.kubeconfigSecretName" . | quote }}
    items:
      - key: value
        path: kubeconfig
{{- end -}}

{{- define "matryoshka.mgmt.tenantKubeconfigMount" -}}
- name: tenant-kubeconfig
  mountPath: /etc/matryoshka/tenant
  readOnly: true
{{- end -}}

{{/* Labels that identify this tenant's objects in the infra (management) namespace, as k=v,k=v. */}}
{{- define "matryoshka.mgmt.infraLabelSelector" -}}
{{- $labels := merge (dict) (dict "cluster.x-k8s.io/cluster-name" (include "matryoshka.clusterName" .root)) (.extra | default dict) -}}
{{- $pairs := list -}}
{{- range $k := keys $labels | sortAlpha -}}
{{- $pairs = append $pairs (printf "%s=%s" $k (index $labels $k)) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end -}}

{{/*
Name of a helper's cluster-scoped object: matryoshka-<namespace>-<cluster>-<purpose>. Cluster-scoped
names are shared by every tenant, so they carry the namespace too. Call with (list $ "purpose").
*/}}
{{- define "matryoshka.mgmt.clusterScopedName" -}}
{{- $root := index . 0 -}}
{{- printf "matryoshka-%s-%s-%s" $root.Release.Namespace (include "matryoshka.clusterName" $root) (index . 1) -}}
{{- end -}}

{{/* "true" when the cluster-autoscaler runs: enabled, and at least one node group is autoscaled (else it has nothing to do). */}}
{{- define "matryoshka.autoscaler.enabled" -}}
{{- if .Values.clusterAutoscaler.enabled -}}
{{- range $name, $group := include "matryoshka.nodeGroups" . | fromJson -}}
{{- if dig "autoscaling" "enabled" false $group -}}true{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The KubeVirt CCM cloud-config (YAML). */}}
{{- define "matryoshka.ccm.cloudConfig" -}}
{{- $ccm := .Values.cloudControllerManager -}}
{{- $lb := $ccm.loadBalancer | default dict -}}
{{- $i2 := $ccm.instancesV2 | default dict -}}
{{- $infraLabels := merge (dict) (dict "cluster.x-k8s.io/cluster-name" (include "matryoshka.clusterName" .)) ($ccm.infraLabels | default dict) -}}
{{- $lbConfig := dict "enabled" (dig "enabled" true $lb) "creationPollInterval" (dig "creationPollInterval" 5 $lb) "creationPollTimeout" (dig "creationPollTimeout" 300 $lb) -}}
{{- if (dig "selectorless" false $lb) }}{{ $_ := set $lbConfig "selectorless" true }}{{ end -}}
{{- $config := dict "namespace" .Release.Namespace "infraLabels" $infraLabels "loadBalancer" $lbConfig "instancesV2" (dict "enabled" (dig "enabled" true $i2) "zoneAndRegionEnabled" (dig "zoneAndRegionEnabled" false $i2)) -}}
{{- toYaml $config -}}
{{- end -}}

{{/* Namespace of the tenant's VMs and volumes in the management cluster: the release namespace. */}}
{{- define "matryoshka.csi.infraNamespace" -}}
{{- .Release.Namespace -}}
{{- end -}}

{{/* data of the CSI controller's ConfigMap (driver-config keys of the upstream driver). */}}
{{- define "matryoshka.csi.driverConfig" -}}
{{- $csi := .Values.csiController -}}
{{- $enf := $csi.storageClassEnforcement | default dict -}}
infraClusterNamespace: {{ include "matryoshka.csi.infraNamespace" . | quote }}
infraClusterLabels: {{ include "matryoshka.mgmt.infraLabelSelector" (dict "root" . "extra" $csi.infraClusterLabels) | quote }}
infraStorageClassEnforcement: |
  allowAll: {{ include "matryoshka.json" (dig "allowAll" true $enf) }}
  allowDefault: {{ include "matryoshka.json" (dig "allowDefault" true $enf) }}
  allowList: {{ include "matryoshka.json" (dig "allowList" (list) $enf) }}
{{- end -}}

{{/* Annotations of the teardown hook's supporting objects (created before the Job). */}}
{{- define "matryoshka.teardown.hookAnnotations" -}}
helm.sh/hook: pre-delete
helm.sh/hook-weight: {{ . | quote }}
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end -}}

{{/* The HelmReleases the teardown deletes first: this release's (every tenant addon carries these labels). */}}
{{- define "matryoshka.teardown.helmReleaseSelector" -}}
{{- printf "app.kubernetes.io/instance=%s,cluster.x-k8s.io/cluster-name=%s" .Release.Name (include "matryoshka.clusterName" .) -}}
{{- end -}}

{{/*
Volume expansion needs a driver with ControllerExpandVolume (kubevirt/csi-driver df0692d8, 2025-05-08):
a csi-resizer beside an older build exits. The driver's tags are build times (YYYYMMDDhhmmss); a tag of
another form (a digest pin, a custom name) is the user's call.
*/}}
{{- define "matryoshka.csi.validate" -}}
{{- $csi := .Values.csiController -}}
{{- $tag := toString (dig "csiDriver" "tag" "" (.Values.images | default dict)) -}}
{{- if and $csi.volumeExpansion (regexMatch "^[0-9]{14}$" $tag) (lt ($tag | int64) 20250508000000) -}}
{{- fail (printf "csiController.volumeExpansion needs a KubeVirt CSI driver with volume expansion (built 2025-05-08 or later), but images.csiDriver.tag is %s: set images.csiDriver.tag (or digest) to a newer build, or turn volumeExpansion off" $tag) -}}
{{- end -}}
{{- end -}}
