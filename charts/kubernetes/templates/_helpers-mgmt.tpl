{{/*
Named templates of the management-side helpers (CCM, CSI controller, cluster-autoscaler) and
the teardown hook: names, labels, image references and the restricted security settings.
*/}}

{{/* Name of a helper's objects: <cluster>-<name>. Call with (dict "root" $ "name" "ccm"). */}}
{{- define "matryoshka.mgmt.name" -}}
{{- printf "%s-%s" (include "matryoshka.clusterName" .root) .name -}}
{{- end -}}

{{/* All labels of a helper's objects. Call with (dict "root" $ "component" "csi-controller"). */}}
{{- define "matryoshka.mgmt.labels" -}}
{{ include "matryoshka.labels" .root }}
app.kubernetes.io/component: {{ .component | quote }}
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

{{/*
Labels that identify this tenant's objects in the infra (management) namespace, (dict "root" $ "extra" <labels>)
→ JSON map: the extra labels and cluster.x-k8s.io/cluster-name=<cluster>, which always wins.
*/}}
{{- define "matryoshka.mgmt.infraLabels" -}}
{{- toJson (merge (dict "cluster.x-k8s.io/cluster-name" (include "matryoshka.clusterName" .root)) .extra) -}}
{{- end -}}

{{/* The infra labels (matryoshka.mgmt.infraLabels, same arguments) as a selector k=v,k=v. */}}
{{- define "matryoshka.mgmt.infraLabelSelector" -}}
{{- $labels := include "matryoshka.mgmt.infraLabels" . | fromJson -}}
{{- $pairs := list -}}
{{- range $k := keys $labels | sortAlpha -}}
{{- $pairs = append $pairs (printf "%s=%s" $k (index $labels $k)) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end -}}

{{/*
Name of a helper's cluster-scoped object: matryoshka-<namespace>-<cluster>-<purpose>. Cluster-scoped
names are shared by every tenant, so they carry the namespace too. Call with (dict "root" $ "purpose" "ccm-nodes").
*/}}
{{- define "matryoshka.mgmt.clusterScopedName" -}}
{{- printf "matryoshka-%s-%s-%s" .root.Release.Namespace (include "matryoshka.clusterName" .root) .purpose -}}
{{- end -}}

{{/* "true" when the cluster-autoscaler runs: enabled, and at least one node group is autoscaled (else it has nothing to do). */}}
{{- define "matryoshka.autoscaler.enabled" -}}
{{- if .Values.clusterAutoscaler.enabled -}}
{{- range $name, $group := include "matryoshka.nodeGroups" . | fromJson -}}
{{- if $group.autoscaling.enabled -}}true{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The KubeVirt CCM cloud-config (YAML). */}}
{{- define "matryoshka.ccm.cloudConfig" -}}
{{- $ccm := .Values.cloudControllerManager -}}
{{- $loadBalancer := omit $ccm.loadBalancer "selectorless" -}}
{{- if $ccm.loadBalancer.selectorless -}}{{- $_ := set $loadBalancer "selectorless" true -}}{{- end -}}
{{- toYaml (dict
  "namespace" .Release.Namespace
  "infraLabels" (include "matryoshka.mgmt.infraLabels" (dict "root" . "extra" $ccm.infraLabels) | fromJson)
  "loadBalancer" $loadBalancer
  "instancesV2" $ccm.instancesV2) -}}
{{- end -}}

{{/* Namespace of the tenant's VMs and volumes in the management cluster: the release namespace. */}}
{{- define "matryoshka.csi.infraNamespace" -}}
{{- .Release.Namespace -}}
{{- end -}}

{{/* data of the CSI controller's ConfigMap (driver-config keys of the upstream driver). */}}
{{- define "matryoshka.csi.driverConfig" -}}
{{- $csi := .Values.csiController -}}
{{- $enf := $csi.storageClassEnforcement -}}
infraClusterNamespace: {{ include "matryoshka.csi.infraNamespace" . | quote }}
infraClusterLabels: {{ include "matryoshka.mgmt.infraLabelSelector" (dict "root" . "extra" $csi.infraClusterLabels) | quote }}
infraStorageClassEnforcement: |
  allowAll: {{ include "lib.json" $enf.allowAll }}
  allowDefault: {{ include "lib.json" $enf.allowDefault }}
  allowList: {{ include "lib.json" $enf.allowList }}
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
{{- $tag := toString .Values.images.csiDriver.tag -}}
{{- if and $csi.volumeExpansion (regexMatch "^[0-9]{14}$" $tag) (lt ($tag | int64) 20250508000000) -}}
{{- fail (printf "csiController.volumeExpansion needs a KubeVirt CSI driver with volume expansion (built 2025-05-08 or later), but images.csiDriver.tag is %s: set images.csiDriver.tag (or digest) to a newer build, or turn volumeExpansion off" $tag) -}}
{{- end -}}
{{- end -}}
