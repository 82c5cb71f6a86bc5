// Shapes shared by the validator, its rules and its report.
import type { ManifestDoc } from '../manifest/parse.ts';

export interface ValidationIssue {
  /** `Kind/namespace/name` of the offending object (namespace after defaulting) */
  object: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
  /** template path from helm's `# Source:` comment, or the input file name */
  source: string;
  /** input file the object was read from (CLI input), when known */
  file?: string;
  /** where in the object, e.g. `spec.controlPlaneRef.name` (`.` for the object itself) */
  path: string;
  /** rule id, e.g. `schema`, `unknown-kind`, `cluster-refs` */
  rule: string;
  message: string;
}

export interface ValidationReport {
  ok: boolean;
  /** objects checked */
  objects: number;
  errors: ValidationIssue[];
  /** kinds (as `group/Kind`, `Kind` for core) that had no schema but were allow-listed */
  allowListed: string[];
  /** schema directories searched, in order */
  schemaDirs: string[];
  /** figures rules report beside their issues, by rule id (e.g. `cel`: evaluated, failed, transitionSkipped, unsupported) */
  ruleStats?: Record<string, Record<string, number>>;
}

/** A ManifestDoc plus what the validator derives once: API group, effective namespace, key. */
export interface IndexedDoc extends ManifestDoc {
  group: string;
  version: string;
  /** effective namespace ('' for cluster-scoped kinds) */
  namespace: string;
  name: string;
  namespaced: boolean;
}
