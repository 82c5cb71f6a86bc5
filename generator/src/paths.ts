// Locations inside the repository, resolved from this file so the tool works from any cwd.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const chartsDir = join(repoRoot, 'charts');
export const schemasDir = join(repoRoot, 'schemas');
export const toolsDir = join(repoRoot, '.tools');
export const generatedTypesDir = join(repoRoot, 'generator', 'src', 'types');
export const templatesDir = join(repoRoot, 'generator', 'templates');
