// Test support: a throw-away HELM_CONFIG_HOME/CACHE/DATA so `helm repo add` and OCI pulls never
// touch the user's helm configuration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedHelmEnv } from '../../generator/src/helm/run.ts';

export interface HelmHome {
  env: Record<string, string>;
  dir: string;
  remove(): void;
}

export function tempHelmHome(): HelmHome {
  const dir = mkdtempSync(join(tmpdir(), 'matryoshka-helm-home-'));
  return { dir, env: isolatedHelmEnv(dir), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
