// Where schemas are looked up: explicit dirs (--schemas) > MATRYOSHKA_SCHEMA_DIRS > the committed folder.
// The committed folder (kube-schemas/, written by `matryoshka schemas sync` from the pinned upstream
// inputs) makes a fresh clone validate with real schemas, offline, without any extra step.
import { delimiter, join, resolve } from 'node:path';
import { repoRoot } from '../paths.ts';

/** The project's strict schemas of every kind its charts emit (kubeconform layout, committed). */
export const committedSchemaDir = join(repoRoot, 'kube-schemas');

export function defaultSchemaDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = env.MATRYOSHKA_SCHEMA_DIRS;
  if (fromEnv) return fromEnv.split(delimiter).filter(Boolean).map((d) => resolve(d));
  return [committedSchemaDir];
}
