// kubevirt/cloud-provider-kubevirt v0.5.1: cmd/kubevirt-cloud-controller-manager/main.go builds the
// command with k8s.io/cloud-provider v0.27.3 app.NewCloudControllerManagerCommand (vendored at the tag)
// and runs it through component-base's cli.Run. The command's flag set is exactly the named flag sets
// of options.CloudControllerManagerOptions.Flags plus the "global" set (verflag, logs, globalflag);
// no Go flag.CommandLine flags are merged in (cli.Run only adds the logs package's v/vmodule/
// log-flush-frequency). cli.Run sets WordSepNormalizeFunc; the cobra command rejects arguments.
import type { FlagTable } from './types.ts';

const V = 'vendor/k8s.io';

export const kubevirtCloudControllerManagerV051: FlagTable = {
  component: 'KubeVirt cloud-controller-manager',
  image: { repository: 'kubevirt/kubevirt-cloud-controller-manager', tag: 'v0.5.1' },
  source: { repo: 'kubevirt/cloud-provider-kubevirt', ref: 'v0.5.1', main: 'cmd/kubevirt-cloud-controller-manager/main.go' },
  parser: 'pflag',
  normalize: 'word-sep',
  positional: 'rejected',
  // build/images/kubevirt-cloud-controller-manager/Dockerfile
  entrypoint: ['/bin/kubevirt-cloud-controller-manager'],
  shorthands: { v: 'v', h: 'help' },
  exits: { help: 'prints usage and exits', version: 'prints the version and exits (verflag.PrintAndExitIfRequested)' },
  groups: [
    { file: `${V}/cloud-provider/options/cloudprovider.go`, value: ['cloud-provider', 'cloud-config'] },
    {
      file: `${V}/cloud-provider/options/kubecloudshared.go`,
      bool: ['use-service-account-credentials', 'allow-untagged-cloud', 'allocate-node-cidrs', 'configure-cloud-routes'],
      value: ['external-cloud-volume-plugin', 'route-reconciliation-period', 'node-monitor-period', 'cluster-name', 'cluster-cidr', 'cidr-allocator-type', 'node-sync-period'],
    },
    { file: `${V}/cloud-provider/options/nodecontroller.go`, value: ['concurrent-node-syncs'] },
    { file: `${V}/cloud-provider/options/servicecontroller.go`, value: ['concurrent-service-syncs'] },
    { file: `${V}/cloud-provider/options/webhook.go`, value: ['webhooks', 'webhook-bind-address', 'webhook-secure-port', 'webhook-cert-dir', 'webhook-tls-cert-file', 'webhook-tls-private-key-file'] },
    { file: `${V}/cloud-provider/options/options.go`, value: ['master', 'kubeconfig', 'node-status-update-frequency'] },
    { file: `${V}/controller-manager/options/debugging.go`, bool: ['profiling', 'contention-profiling'] },
    { file: `${V}/controller-manager/options/generic.go`, value: ['min-resync-period', 'kube-api-content-type', 'kube-api-qps', 'kube-api-burst', 'controller-start-interval', 'controllers'] },
    {
      file: `${V}/component-base/config/options/leaderelectionconfig.go`,
      bool: ['leader-elect'],
      value: ['leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-retry-period', 'leader-elect-resource-lock', 'leader-elect-resource-name', 'leader-elect-resource-namespace'],
    },
    { file: `${V}/controller-manager/pkg/leadermigration/options/options.go`, bool: ['enable-leader-migration'], value: ['leader-migration-config'] },
    {
      file: `${V}/apiserver/pkg/server/options/serving.go`,
      bool: ['permit-port-sharing', 'permit-address-sharing'],
      value: ['bind-address', 'secure-port', 'cert-dir', 'tls-cert-file', 'tls-private-key-file', 'tls-cipher-suites', 'tls-min-version', 'tls-sni-cert-key', 'http2-max-streams-per-connection'],
    },
    {
      file: `${V}/apiserver/pkg/server/options/authentication.go`,
      bool: ['authentication-skip-lookup', 'authentication-tolerate-lookup-failure'],
      value: [
        'authentication-kubeconfig',
        'authentication-token-webhook-cache-ttl',
        'client-ca-file',
        'requestheader-username-headers',
        'requestheader-group-headers',
        'requestheader-extra-headers-prefix',
        'requestheader-client-ca-file',
        'requestheader-allowed-names',
      ],
    },
    {
      file: `${V}/apiserver/pkg/server/options/authorization.go`,
      value: ['authorization-kubeconfig', 'authorization-webhook-cache-authorized-ttl', 'authorization-webhook-cache-unauthorized-ttl', 'authorization-always-allow-paths'],
    },
    { file: `${V}/component-base/featuregate/feature_gate.go`, value: ['feature-gates'] },
    // NoOptDefVal "true": `--version` alone is accepted
    { file: `${V}/component-base/version/verflag/verflag.go`, bool: ['version'] },
    {
      file: `${V}/component-base/logs/api/v1/options.go`,
      value: ['logging-format', 'log-flush-frequency', 'v', 'vmodule'],
      absent: ['log-json-split-stream', 'log-json-info-buffer-size'],
      note: 'the log-json-* flags exist only when the JSON format is registered; k8s.io/component-base/logs/json/register is not linked (vendor/modules.txt)',
    },
    { file: `${V}/component-base/cli/globalflag/globalflags.go`, bool: ['help'] },
  ],
  notes: [
    'klog flags other than -v/-vmodule (--log-dir, --logtostderr, …) were removed from Kubernetes components (KEP-2845): component-base/logs/klogflags registers only v and vmodule.',
  ],
};
