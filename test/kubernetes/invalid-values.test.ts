// The invalid-values corpus (test/invalid/kubernetes/*.yaml): every case is rejected by both Helm
// majors with a message that names the offending key, and never with a template panic.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS, renderError } from '../support/render.ts';

interface InvalidCase {
  /** what is wrong, in words */
  description: string;
  /** values passed to helm template (on top of the chart defaults) */
  values: unknown;
  /** regular expression the error message must match (names the key; case-insensitive) */
  expectError: string;
  /** release name, when the case is about derived name lengths */
  release?: string;
}

const corpusDir = join(repoRoot, 'test', 'invalid', 'kubernetes');
const cases = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, ...(parse(readFileSync(join(corpusDir, file), 'utf8')) as InvalidCase) }));

describe('kubernetes invalid-values corpus', () => {
  it('holds at least 25 well-formed cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const c of cases) {
      expect(c.description, c.file).toBeTypeOf('string');
      expect(c.expectError, c.file).toBeTypeOf('string');
      expect(() => new RegExp(c.expectError), c.file).not.toThrow();
      expect(c.values, c.file).toBeTypeOf('object');
    }
  });

  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it.each(cases.map((c) => [c.file.replace(/\.yaml$/, ''), c] as const))('rejects %s', async (_name, c) => {
      const message = await renderError('kubernetes', { major, values: c.values, release: c.release });
      expect(message).toMatch(new RegExp(c.expectError, 'i'));
      expect(message).not.toMatch(/nil pointer|<nil>|panic|runtime error/i);
    });
  });
});
