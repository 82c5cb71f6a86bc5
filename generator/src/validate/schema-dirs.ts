// Where schemas are looked up: explicit dirs > MATRYOSHKA_SCHEMA_DIRS > the defaults.
// Defaults work in a fresh clone and in CI without an extra step: the directory that
// `matryoshka schemas sync` writes (when it exists), then the reference data beside the clone.
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { repoRoot } from '../paths.ts';

/** Directory `matryoshka schemas sync` writes (kubeconform layout, gitignored). */
export const syncedSchemaDir = join(repoRoot, '.cache', 'schemas');
/** Reference data next to the clone (`../shared`); CI places a copy there too. */
export const sharedDir = resolve(repoRoot, '..', 'shared');

export function defaultSchemaDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.MATRYOSHKA_SCHEMA_DIRS;
  if (fromEnv) return fromEnv.split(delimiter).filter(Boolean).map((d) => resolve(d));
  const dirs: string[] = [];
  if (existsSync(syncedSchemaDir)) dirs.push(syncedSchemaDir);
  for (const d of [join(sharedDir, 'crd-schemas'), join(sharedDir, 'k8s-schemas')]) if (existsSync(d)) dirs.push(d);
  return dirs;
}
