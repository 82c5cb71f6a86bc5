// Loads the clean tenant fixture and builds broken variants of it, one change at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { K8sObject, ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';

export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'validate');
export const cleanTenantFile = join(fixturesDir, 'tenant-clean.yaml');
/** The one object the clean fixture references outside itself (the platform provides it). */
export const TENANT_EXTERNALS = ['HelmRepository/flux-system/metrics-server'];

export function cleanTenant(): ManifestDoc[] {
  return parseManifests(readFileSync(cleanTenantFile, 'utf8'), cleanTenantFile);
}

/** The clean tenant with `change` applied to a deep copy of the named object. */
export function tenantWith(kind: string, name: string, change: (o: K8sObject & Record<string, any>) => void): ManifestDoc[] {
  const docs = structuredClone(cleanTenant());
  const doc = docs.find((d) => d.object.kind === kind && d.object.metadata.name === name);
  if (!doc) throw new Error(`fixture has no ${kind} ${name}`);
  change(doc.object as K8sObject & Record<string, any>);
  return docs;
}

export function without(docs: ManifestDoc[], kind: string, name: string): ManifestDoc[] {
  return docs.filter((d) => !(d.object.kind === kind && d.object.metadata.name === name));
}
