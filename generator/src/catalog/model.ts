// The catalog file format: one YAML file per chart (`schemas/<chart>/<key>.catalog.yaml`) that lists
// Helm charts to deliver as Flux HelmReleases. This module holds the types and the JSON Schema of
// that file; load.ts validates a file against it. Both the tenant chart (addons, target: tenant)
// and the management-platform chart (components, target: local) use the same format.
import type { JsonSchema } from '../schema/types.ts';

export type CatalogTarget = 'tenant' | 'local';
export type SourceType = 'helm' | 'oci';
export type Strategy = 'retry' | 'remediate';

export interface CatalogSource {
  /** `helm`: HTTP(S) Helm repository index; `oci`: OCI registry prefix (HelmRepository type oci) */
  type: SourceType;
  url: string;
  description?: string;
}

export interface CatalogEntry {
  description: string;
  chart: { source: string; name: string; version: string };
  targetNamespace: string;
  releaseName?: string;
  enabled: boolean;
  /** other entries of this catalog this one waits for (only while they are enabled) */
  dependsOn: string[];
  /** capabilities this entry provides (e.g. cni) */
  provides: string[];
  /** capabilities it needs: it dependsOn every enabled entry that provides them */
  requires: string[];
  /** retry: RetryOnFailure on install and upgrade, never uninstalls (CNI, CSI); remediate: bounded retries with rollback */
  strategy: Strategy;
  timeout: string;
  interval: string;
  retryInterval: string;
  /** CRD policy on install/upgrade (HelmRelease spec.install.crds / spec.upgrade.crds) */
  crds?: 'Skip' | 'Create' | 'CreateReplace';
  /** path (relative to the catalog file) of the Go-template snippet that renders the default values */
  values?: string;
  /**
   * path of a Go-template snippet (`.` the chart's root context) that renders a YAML list of Flux
   * `spec.valuesFrom` references (values Flux reads from Secrets/ConfigMaps next to the HelmRelease)
   */
  valuesFrom?: string;
  /**
   * path of a Go-template snippet that checks what the release will install and `fail`s naming the
   * key to set; called with `dict "root" <root> "values" <merged values> "valuesFrom" <list>`
   */
  check?: string;
  /** entry-specific keys added to `<valuesKey>.<name>` in the values schema */
  settings?: Record<string, JsonSchema>;
}

export interface CatalogSettings {
  /** root values key whose sub-objects configure the entries, e.g. `addons` */
  valuesKey: string;
  /** title of the section in the values schema */
  description: string;
  /** root values key of the escape hatch for user-declared charts (omit: no escape hatch) */
  customKey?: string;
  /** capabilities every custom entry requires (e.g. [cni]) */
  customRequires: string[];
  /** root values key of the chart-source settings */
  sourcesKey: string;
  /** tenant: HelmReleases carry spec.kubeConfig (the tenant kubeconfig Secret); local: the cluster Flux runs in */
  target: CatalogTarget;
  /** default of `<sourcesKey>.mode`: shared (sources owned by the platform, referenced cross-namespace) or local */
  defaultSourcesMode: 'shared' | 'local';
  /** namespace of the shared sources */
  sharedSourcesNamespace: string;
  /** file-name prefix of generated templates, e.g. addon → addon-cilium-helmrelease.yaml */
  templatePrefix: string;
  /** named templates of the chart the generated templates call */
  helpers: {
    /** object name prefix (release/cluster name), called with the root context */
    name: string;
    /** metadata.labels block, called with the root context */
    labels: string;
    /** tenant kubeconfig Secret name (target: tenant only) */
    kubeconfigSecret?: string;
  };
  /** other catalogs (paths relative to schemas/) whose sources this chart creates as the shared sources */
  provideSharedSourcesOf: string[];
}

export interface Catalog {
  /** repository-relative path of the catalog file */
  file: string;
  settings: CatalogSettings;
  sources: Record<string, CatalogSource>;
  entries: Record<string, CatalogEntry>;
  /** the values snippet per entry (Go template text), read from `values` */
  valueTemplates: Record<string, string>;
  /** the valuesFrom snippet per entry, read from `valuesFrom` */
  valuesFromTemplates: Record<string, string>;
  /** the check snippet per entry, read from `check` */
  checkTemplates: Record<string, string>;
}

const NAME = '^[a-z]([-a-z0-9]*[a-z0-9])?$';
const DURATION = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';

/** JSON Schema of a catalog file (validated with ajv before anything is generated). */
export const catalogFileSchema: JsonSchema = {
  type: 'object',
  required: ['settings', 'sources', 'entries'],
  additionalProperties: false,
  properties: {
    settings: {
      type: 'object',
      required: ['valuesKey', 'description', 'sourcesKey', 'target', 'templatePrefix', 'helpers'],
      additionalProperties: false,
      properties: {
        valuesKey: { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*$' },
        description: { type: 'string', minLength: 1 },
        customKey: { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*$' },
        customRequires: { type: 'array', items: { type: 'string' }, default: [] },
        sourcesKey: { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*$' },
        target: { enum: ['tenant', 'local'] },
        defaultSourcesMode: { enum: ['shared', 'local'], default: 'shared' },
        sharedSourcesNamespace: { type: 'string', pattern: NAME, default: 'matryoshka-system' },
        templatePrefix: { type: 'string', pattern: NAME },
        helpers: {
          type: 'object',
          required: ['name', 'labels'],
          additionalProperties: false,
          properties: { name: { type: 'string' }, labels: { type: 'string' }, kubeconfigSecret: { type: 'string' } },
        },
        provideSharedSourcesOf: { type: 'array', items: { type: 'string' }, default: [] },
      },
    },
    sources: {
      type: 'object',
      propertyNames: { pattern: NAME, maxLength: 30 },
      additionalProperties: {
        type: 'object',
        required: ['type', 'url'],
        additionalProperties: false,
        properties: {
          type: { enum: ['helm', 'oci'] },
          url: { type: 'string', pattern: '^(https?|oci)://' },
          description: { type: 'string' },
        },
      },
    },
    entries: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: NAME, maxLength: 22 },
      additionalProperties: {
        type: 'object',
        required: ['description', 'chart', 'targetNamespace', 'enabled'],
        additionalProperties: false,
        properties: {
          description: { type: 'string', minLength: 1 },
          chart: {
            type: 'object',
            required: ['source', 'name', 'version'],
            additionalProperties: false,
            properties: {
              source: { type: 'string' },
              name: { type: 'string', minLength: 1 },
              version: { type: 'string', pattern: '^v?[0-9]+\\.[0-9]+\\.[0-9]+([-+].+)?$' },
            },
          },
          targetNamespace: { type: 'string', pattern: NAME, maxLength: 63 },
          releaseName: { type: 'string', pattern: NAME, maxLength: 53 },
          enabled: { type: 'boolean' },
          dependsOn: { type: 'array', items: { type: 'string' }, default: [] },
          provides: { type: 'array', items: { type: 'string' }, default: [] },
          requires: { type: 'array', items: { type: 'string' }, default: [] },
          strategy: { enum: ['retry', 'remediate'], default: 'remediate' },
          timeout: { type: 'string', pattern: DURATION, default: '10m' },
          interval: { type: 'string', pattern: DURATION, default: '10m' },
          retryInterval: { type: 'string', pattern: DURATION, default: '2m' },
          crds: { enum: ['Skip', 'Create', 'CreateReplace'] },
          values: { type: 'string', pattern: '\\.yaml$' },
          valuesFrom: { type: 'string', pattern: '\\.yaml$' },
          check: { type: 'string', pattern: '\\.yaml$' },
          settings: { type: 'object', additionalProperties: { type: 'object' } },
        },
      },
    },
  },
};
