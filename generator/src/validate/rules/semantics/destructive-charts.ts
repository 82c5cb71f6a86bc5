// Charts whose uninstall destroys more than the release's own helpers. Two sources:
//  - this repository's charts (charts/*/templates, scanned at run time) with a `helm.sh/hook:
//    pre-delete` hook: the hook runs on every uninstall, install remediation included;
//  - by name, charts whose uninstall deletes objects other workloads live on (one data row each,
//    with the upstream file that shows it).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chartsDir } from '../../../paths.ts';

export interface DestructiveChart {
  chart: string;
  reason: string;
  source: string;
}

export const DESTRUCTIVE_BY_NAME: readonly DestructiveChart[] = [
  {
    chart: 'management-platform-stages',
    reason: "its objects are the platform's Cluster API providers, the Kamaji DataStore and the KubeVirt/CDI configuration every tenant runs on; an uninstall deletes them",
    source: 'charts/management-platform-stages/templates (this repository)',
  },
  {
    chart: 'kamaji-crds',
    reason: 'its CRDs are templates, so an uninstall deletes the TenantControlPlane and DataStore CRDs and with them every tenant control plane',
    source: 'clastix/kamaji@ddbabd8 charts/kamaji-crds/templates/kamaji.clastix.io_tenantcontrolplanes.yaml',
  },
];

const HOOK = /helm\.sh\/hook["']?\s*:\s*["']?[^"'\n]*\bpre-delete\b/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

let cache: Map<string, DestructiveChart> | undefined;

/** This repository's charts with a pre-delete hook, by chart name (Chart.yaml `name`). */
export function chartsWithPreDeleteHooks(dir: string = chartsDir): Map<string, DestructiveChart> {
  if (dir === chartsDir && cache) return cache;
  const out = new Map<string, DestructiveChart>();
  if (existsSync(dir)) {
    for (const chart of readdirSync(dir)) {
      const templates = join(dir, chart, 'templates');
      const chartFile = join(dir, chart, 'Chart.yaml');
      if (!existsSync(templates) || !existsSync(chartFile)) continue;
      const name = /^name:\s*["']?([^"'\s]+)/m.exec(readFileSync(chartFile, 'utf8'))?.[1] ?? chart;
      const hooked = files(templates).find((f) => HOOK.test(readFileSync(f, 'utf8')));
      if (hooked) {
        out.set(name, {
          chart: name,
          reason: 'its pre-delete hook runs on every uninstall',
          source: `charts/${chart}/${hooked.slice(join(dir, chart).length + 1)} (helm.sh/hook: pre-delete)`,
        });
      }
    }
  }
  if (dir === chartsDir) cache = out;
  return out;
}

export function destructiveChart(name: string): DestructiveChart | undefined {
  return chartsWithPreDeleteHooks().get(name) ?? DESTRUCTIVE_BY_NAME.find((c) => c.chart === name);
}
