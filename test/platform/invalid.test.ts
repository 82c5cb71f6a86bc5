// The invalid-values corpus of the management-platform chart (test/invalid/management-platform):
// every case is rejected with both Helm majors, with a message that names the key, and never with a
// Go template panic.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS } from '../support/render.ts';
import { renderPlatformError } from './support.ts';

interface InvalidCase {
  values: unknown;
  /** regular expressions the error message must all match (case-insensitive) */
  errors: string[];
  release?: string;
}

const dir = join(repoRoot, 'test', 'invalid', 'management-platform');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => [f.replace(/\.yaml$/, ''), parse(readFileSync(join(dir, f), 'utf8')) as InvalidCase] as const);

describe('management-platform invalid-values corpus', () => {
  it('has at least ten cases, each with expected messages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const [name, c] of cases) expect(c.errors?.length, name).toBeGreaterThan(0);
  });

  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it.each(cases)('rejects %s with a clear message', async (_name, c) => {
      const msg = await renderPlatformError({ major, values: c.values, release: c.release });
      expect(msg).not.toMatch(/nil pointer|runtime error|<no value>/);
      for (const re of c.errors) expect(msg).toMatch(new RegExp(re, 'i'));
    });
  });
});
