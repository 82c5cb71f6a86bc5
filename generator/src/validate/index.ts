// Public API of the validator (used by `matryoshka validate`, `render`, `quickstart` and tests).
//
//   const docs = parseManifests(await helmTemplate(...));
//   const report = validateDocs(docs, { namespace: 'tenant-a', external: ['HelmRepository/flux-system/cilium'] });
//   if (!report.ok) console.error(formatReport(report));
//
// validateDocs checks every object against the strict JSON Schema of its apiVersion/kind
// (directories in kubeconform layout, see defaultSchemaDirs) and runs the wiring linter over all
// objects together. Validators are compiled once per kind and cached for the process.
export { validateDocs, type ValidateOptions } from './validate.ts';
export type { ValidationIssue, ValidationReport } from './types.ts';
export { formatIssue, formatReport, formatSummary, reportJson } from './report.ts';
export { committedSchemaDir, defaultSchemaDirs } from './schema-dirs.ts';
export { SchemaRegistry, findSchema, schemaCandidates } from './schema-registry.ts';
export { parseAllowList } from './allow-list.ts';
export { type ExternalRef, ExternalRefError, parseExternalList, parseExternalRef } from './refs.ts';
export { WIRING_RULES } from './rules/index.ts';
export type { WiringContext, WiringRule } from './wiring.ts';
export { PROVIDERS, type ProvidedObject } from './providers.ts';
export { CLUSTER_SCOPED_KINDS } from './scope.ts';
