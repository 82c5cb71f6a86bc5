// Test support: validate rendered objects (strict schemas + wiring linter) inside vitest.
//
//   const docs = await renderChart('kubernetes', { values });
//   expectValid(docs);                                   // fails with the readable report
//   expectValid(docs, { external: ['HelmRepository/flux-system/cilium'] });
//   expect(validationErrors(docs).map((e) => e.rule)).toContain('helmrelease-source');
import type { ManifestDoc } from '../../generator/src/manifest/parse.ts';
import { type ValidateOptions, type ValidationIssue, type ValidationReport, formatReport, validateDocs } from '../../generator/src/validate/index.ts';

export type { ValidateOptions, ValidationIssue, ValidationReport };

/** Default namespace = the one test/support/render.ts renders into (helm --namespace tenant-a). */
export const TEST_NAMESPACE = 'tenant-a';

export function validate(docs: readonly ManifestDoc[], options: ValidateOptions = {}): ValidationReport {
  return validateDocs(docs, { namespace: TEST_NAMESPACE, ...options });
}

/** Fails the test with one line per problem unless every object is valid and well wired. */
export function expectValid(docs: readonly ManifestDoc[], options: ValidateOptions = {}): ValidationReport {
  const report = validate(docs, options);
  if (!report.ok) {
    const err = new Error(`rendered objects are invalid:\n${formatReport(report)}`);
    err.stack = err.message; // the report is the useful part, not the helper's stack
    throw err;
  }
  return report;
}

/** The problems found (empty when valid), for tests that expect a specific failure. */
export function validationErrors(docs: readonly ManifestDoc[], options: ValidateOptions = {}): ValidationIssue[] {
  return validate(docs, options).errors;
}
