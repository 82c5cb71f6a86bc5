#!/bin/sh
# Pre-delete teardown of one tenant cluster, run by the chart's pre-delete hook Job.
#
# Order matters: Helm would otherwise delete every object at once, the tenant API would vanish
# with the control plane, and Flux HelmReleases targeting the tenant would hang on their
# finalizers forever. So:
#   1. delete this release's tenant-targeted HelmReleases while the tenant API still answers,
#      so Flux uninstalls the addons (bounded wait); when the tenant API is already gone (or the
#      wait runs out), suspend them and release their finalizers instead;
#   2. delete the Cluster and wait (bounded) for Cluster API to delete machines and VMs;
#   3. optionally delete what the tenant's CCM and CSI controller left in the namespace
#      (load balancer Services, volumes' DataVolumes).
# Every wait is bounded; the script exits non-zero (failing `helm uninstall`) only when the
# Cluster is still there at the end, naming what is left.
#
# Environment: NAMESPACE, CLUSTER_NAME, HELMRELEASE_SELECTOR (required); TENANT_KUBECONFIG,
# HELMRELEASE_TIMEOUT, CLUSTER_TIMEOUT, POLL_INTERVAL, DELETE_INFRA_LEFTOVERS,
# INFRA_VOLUME_SELECTOR (optional). Needs only POSIX sh and kubectl.
set -u

: "${NAMESPACE:?NAMESPACE is required}"
: "${CLUSTER_NAME:?CLUSTER_NAME is required}"
: "${HELMRELEASE_SELECTOR:?HELMRELEASE_SELECTOR is required}"
TENANT_KUBECONFIG=${TENANT_KUBECONFIG:-/etc/matryoshka/tenant/kubeconfig}
HELMRELEASE_TIMEOUT=${HELMRELEASE_TIMEOUT:-300}
CLUSTER_TIMEOUT=${CLUSTER_TIMEOUT:-1200}
POLL_INTERVAL=${POLL_INTERVAL:-5}
DELETE_INFRA_LEFTOVERS=${DELETE_INFRA_LEFTOVERS:-true}
INFRA_VOLUME_SELECTOR=${INFRA_VOLUME_SELECTOR:-cluster.x-k8s.io/cluster-name=$CLUSTER_NAME}
# how long released HelmReleases may take to disappear once nothing holds them
RELEASE_GRACE=${RELEASE_GRACE:-60}

HR=helmreleases.helm.toolkit.fluxcd.io
CLUSTER=clusters.cluster.x-k8s.io
ERR=${TMPDIR:-/tmp}/teardown.$$.err
trap 'rm -f "$ERR"' EXIT

[ "$POLL_INTERVAL" -ge 1 ] 2>/dev/null || POLL_INTERVAL=1

# to stderr: functions whose stdout is captured (lists) log too
log() { printf 'teardown: %s\n' "$*" >&2; }

k() { kubectl --namespace "$NAMESPACE" "$@"; }

# An API type that is not installed means there is nothing of that type to delete.
missing_type() {
  case $(cat "$ERR" 2>/dev/null) in
    *"doesn't have a resource type"* | *"the server could not find the requested resource"*) return 0 ;;
  esac
  return 1
}

# Prints this release's HelmReleases (kind/name, one a line); fails on API errors.
list_helmreleases() {
  if out=$(k get "$HR" -l "$HELMRELEASE_SELECTOR" -o name 2>"$ERR"); then
    printf '%s' "$out"
    return 0
  fi
  missing_type && return 0
  log "cannot list HelmReleases: $(cat "$ERR")"
  return 1
}

# Prints the Cluster (kind/name) while it exists; fails on API errors.
list_cluster() {
  if out=$(k get "$CLUSTER" "$CLUSTER_NAME" --ignore-not-found -o name 2>"$ERR"); then
    printf '%s' "$out"
    return 0
  fi
  missing_type && return 0
  log "cannot read the Cluster: $(cat "$ERR")"
  return 1
}

# wait_gone SECONDS WHAT LIST-COMMAND: polls until the command succeeds and prints nothing.
wait_gone() {
  limit=$1 what=$2
  shift 2
  waited=0
  while :; do
    if left=$("$@"); then
      [ -z "$left" ] && return 0
    fi
    if [ "$waited" -ge "$limit" ]; then
      log "gave up after ${limit}s waiting for $what; left: $(echo "$left" | tr '\n' ' ')"
      return 1
    fi
    sleep "$POLL_INTERVAL"
    waited=$((waited + POLL_INTERVAL))
  done
}

# The tenant API answers when its kubeconfig Secret exists and /readyz responds.
tenant_api_up() {
  if [ ! -s "$TENANT_KUBECONFIG" ]; then
    log "tenant kubeconfig Secret is missing"
    return 1
  fi
  if kubectl --kubeconfig "$TENANT_KUBECONFIG" --request-timeout=10s get --raw=/readyz >/dev/null 2>"$ERR"; then
    return 0
  fi
  log "tenant API unreachable: $(head -n 1 "$ERR")"
  return 1
}

# Suspends HelmReleases and removes their finalizers so they go without a tenant to uninstall from.
release_helmreleases() {
  for hr in $1; do
    log "releasing $hr (suspend, delete, drop finalizers)"
    k patch "$hr" --type=merge -p '{"spec":{"suspend":true}}' >/dev/null 2>&1 || true
    k delete "$hr" --wait=false --ignore-not-found >/dev/null 2>&1 || true
    k patch "$hr" --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null 2>&1 || true
  done
}

# 1. tenant addons
hrs=$(list_helmreleases) || exit 1
if [ -z "$hrs" ]; then
  log "no HelmReleases match $HELMRELEASE_SELECTOR"
elif tenant_api_up; then
  log "tenant API reachable: deleting $(echo "$hrs" | wc -l | tr -d ' ') HelmRelease(s) so Flux uninstalls them"
  # shellcheck disable=SC2086 # one argument per HelmRelease
  k delete $hrs --wait=false --ignore-not-found || true
  if ! wait_gone "$HELMRELEASE_TIMEOUT" "Flux to uninstall the tenant addons" list_helmreleases; then
    release_helmreleases "$(list_helmreleases)"
  fi
else
  log "releasing HelmReleases without uninstalling (nothing left to uninstall them from)"
  release_helmreleases "$hrs"
fi
if [ -n "$hrs" ]; then
  wait_gone "$RELEASE_GRACE" "released HelmReleases to disappear" list_helmreleases ||
    log "continuing: remaining HelmReleases are suspended and will not block the Cluster"
fi

# 2. the Cluster: Cluster API deletes machines (VMs) and the control plane in order
cluster=$(list_cluster) || exit 1
if [ -z "$cluster" ]; then
  log "Cluster $CLUSTER_NAME is already gone"
else
  log "deleting Cluster $CLUSTER_NAME; waiting up to ${CLUSTER_TIMEOUT}s for its machines to go"
  k delete "$CLUSTER" "$CLUSTER_NAME" --wait=false --ignore-not-found || exit 1
  if ! wait_gone "$CLUSTER_TIMEOUT" "Cluster API to delete Cluster $CLUSTER_NAME" list_cluster; then
    log "the Cluster is still deleting; check its Machines (kubectl -n $NAMESPACE get machines), then rerun helm uninstall"
    exit 1
  fi
fi

# 3. objects the CCM and the CSI controller created for the tenant and can no longer clean up
if [ "$DELETE_INFRA_LEFTOVERS" = "true" ]; then
  k delete services -l "cluster.x-k8s.io/cluster-name=$CLUSTER_NAME,cluster.x-k8s.io/tenant-service-name" \
    --ignore-not-found --wait=false 2>"$ERR" || log "could not delete load balancer Services: $(cat "$ERR")"
  k delete datavolumes.cdi.kubevirt.io -l "$INFRA_VOLUME_SELECTOR" --ignore-not-found --wait=false 2>"$ERR" ||
    missing_type || log "could not delete volumes: $(cat "$ERR")"
fi
log "done"
