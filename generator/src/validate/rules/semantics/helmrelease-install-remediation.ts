// A HelmRelease whose failed install is remediated by uninstalling must not install a chart whose
// uninstall is destructive (destructive-charts.ts). fluxcd/helm-controller v1.6.3:
// internal/reconcile/atomic_release.go actionForState remediates a failed install with
// InstallRemediation.GetStrategy() = uninstall (api/v2/helmrelease_types.go) unless the install
// strategy is RetryOnFailure (Install.GetRetry; the DefaultToRetryOnFailure feature gate is off by
// default, internal/features/features.go), and only while retries remain (RetriesExhausted:
// retries ≥ 0 and failures > retries; retries -1 never exhausts) or remediateLastFailure is set.
// A slow first install (VMs boot in minutes) "fails" on its timeout while still progressing; the
// uninstall then runs the destructive part.
import { get, record, str, wiringRule } from '../../wiring.ts';
import { releaseChartName, releases } from '../flux.ts';
import { destructiveChart } from './destructive-charts.ts';

export const RULE = 'helmrelease-install-remediation';

export const helmReleaseInstallRemediation = wiringRule({
  id: RULE,
  description:
    'a HelmRelease of a chart with a pre-delete hook (charts/*/templates) or a destructive uninstall does not remediate a failed install by uninstalling: install.strategy RetryOnFailure, or no retries (fluxcd/helm-controller v1.6.3 internal/reconcile/atomic_release.go)',
  check(ctx, report) {
    for (const d of releases(ctx)) {
      const install = record(get(d.object, 'spec.install')) ?? {};
      if (str(get(install, 'strategy.name')) === 'RetryOnFailure') continue;
      const remediation = record(install.remediation) ?? {};
      const retries = typeof remediation.retries === 'number' ? remediation.retries : 0;
      const last = remediation.remediateLastFailure === true;
      if (retries === 0 && !last) continue;
      const name = releaseChartName(ctx, d);
      const destructive = name ? destructiveChart(name) : undefined;
      if (!destructive) continue;
      const how = retries !== 0 ? `install.remediation.retries: ${retries}` : 'install.remediation.remediateLastFailure: true';
      report(
        d,
        retries !== 0 ? 'spec.install.remediation.retries' : 'spec.install.remediation.remediateLastFailure',
        `a failed install of chart ${name} is remediated by uninstalling (${how} without install.strategy.name RetryOnFailure; helm-controller v1.6.3 atomic_release.go), and ${destructive.reason} (${destructive.source}). A first install that only timed out would be torn down; set install.strategy: {name: RetryOnFailure} instead`,
      );
    }
  },
});
