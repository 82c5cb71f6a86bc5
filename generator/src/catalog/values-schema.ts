// The values-schema section a catalog contributes to its chart: `<valuesKey>.<entry>` (enabled,
// version, values, entry-specific settings), the custom escape hatch and the chart-source settings.
import type { JsonSchema } from '../schema/types.ts';
import type { Catalog } from './model.ts';

const NAME_PATTERN = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

export function catalogSchemaProperties(catalog: Catalog, sharedSources: Catalog['sources']): Record<string, JsonSchema> {
  const { settings } = catalog;
  const entries: Record<string, JsonSchema> = {};
  for (const [name, e] of Object.entries(catalog.entries)) {
    const src = catalog.sources[e.chart.source]!;
    entries[name] = {
      type: 'object',
      description: `${e.description} Chart \`${e.chart.name}\` from ${src.url} into namespace \`${e.targetNamespace}\`.`,
      properties: {
        enabled: {
          type: 'boolean',
          description: `${e.description.trim()} (chart \`${e.chart.name}\` from ${src.url}, namespace \`${e.targetNamespace}\`)`,
          default: e.enabled,
        },
        version: {
          type: 'string',
          description: `Chart version of ${name} (pinned in ${catalog.file}).`,
          default: e.chart.version,
          minLength: 1,
        },
        values: {
          type: 'object',
          description: `Helm values for ${name}, deep-merged over the defaults the chart computes (maps merge, lists and scalars replace).`,
          default: {},
          additionalProperties: true,
        },
        ...e.settings,
      },
    };
  }
  const props: Record<string, JsonSchema> = {
    [settings.valuesKey]: { type: 'object', description: settings.description, properties: entries },
  };
  if (settings.customKey) props[settings.customKey] = customSchema(catalog);
  props[settings.sourcesKey] = sourcesSchema(catalog, sharedSources);
  return props;
}

function customSchema(catalog: Catalog): JsonSchema {
  const key = catalog.settings.valuesKey;
  return {
    type: 'object',
    description: `User-declared charts delivered like the catalog ${key}, keyed by name (the HelmRelease is \`<release>-<name>\`). Each brings its own chart source.`,
    default: {},
    examples: [{ podinfo: { chart: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.9.2', values: { replicaCount: 2 } } }],
    propertyNames: { pattern: NAME_PATTERN, maxLength: 22 },
    additionalProperties: {
      type: 'object',
      description: 'One custom chart.',
      required: ['chart', 'version'],
      properties: {
        enabled: { type: 'boolean', description: 'Deliver this chart.', default: true },
        chart: { type: 'string', description: 'Chart name in the repository.', minLength: 1, maxLength: 2048 },
        repository: { type: 'string', description: 'HTTP(S) Helm repository URL (set this or `oci`).', pattern: '^https?://' },
        oci: { type: 'string', description: 'OCI registry prefix holding the chart, e.g. oci://ghcr.io/org/charts (set this or `repository`).', pattern: '^oci://' },
        version: { type: 'string', description: 'Chart version (or semver range).', minLength: 1 },
        secretName: { type: 'string', description: 'Secret in the release namespace with repository credentials.', pattern: NAME_PATTERN },
        targetNamespace: { type: 'string', description: 'Namespace the chart is installed into (default: the addon name).', pattern: NAME_PATTERN, maxLength: 63 },
        releaseName: { type: 'string', description: 'Helm release name (default: the addon name).', pattern: NAME_PATTERN, maxLength: 53 },
        dependsOn: {
          type: 'array',
          description: `Names of ${key} or other custom entries this one waits for (the CNI is added automatically when required).`,
          items: { type: 'string', pattern: NAME_PATTERN },
          default: [],
        },
        values: { type: 'object', description: 'Helm values of the chart.', default: {}, additionalProperties: true },
      },
    },
  };
}

function sourcesSchema(catalog: Catalog, sharedSources: Catalog['sources']): JsonSchema {
  const { settings } = catalog;
  const all = { ...sharedSources, ...catalog.sources };
  const repositories: Record<string, JsonSchema> = {};
  for (const [name, s] of Object.entries(all).sort(([a], [b]) => a.localeCompare(b))) {
    repositories[name] = {
      type: 'object',
      description: `Chart source \`${name}\` (default ${s.url}${s.type === 'oci' ? ', OCI' : ''}).`,
      properties: {
        url: {
          type: 'string',
          description: `Mirror URL replacing ${s.url} (empty: upstream).`,
          pattern: s.type === 'oci' ? '^oci://' : '^https?://',
          examples: [s.type === 'oci' ? 'oci://registry.example.internal/charts' : `https://charts.example.internal/${name}`],
        },
        secretName: { type: 'string', description: 'Secret with credentials for the repository (in the namespace of the source object).', pattern: NAME_PATTERN },
      },
    };
  }
  const owns = settings.provideSharedSourcesOf.length > 0;
  return {
    type: 'object',
    description: owns
      ? 'Chart sources. This chart creates the shared sources (`<source>` in `namespace`) that every tenant release references.'
      : `Where the HelmReleases find their charts. \`shared\`: HelmRepositories owned by the management-platform chart in \`namespace\` (one set for all tenants); \`local\`: this release creates its own in its namespace (no platform chart).`,
    properties: {
      mode: {
        type: 'string',
        description: 'shared: reference the platform-owned sources cross-namespace; local: create sources in the release namespace.',
        enum: ['shared', 'local'],
        default: settings.defaultSourcesMode,
      },
      namespace: { type: 'string', description: 'Namespace of the shared sources.', pattern: NAME_PATTERN, default: settings.sharedSourcesNamespace },
      interval: { type: 'string', description: 'How often Flux refreshes a repository index.', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$', default: '1h' },
      repositories: {
        type: 'object',
        description: owns
          ? 'Per-source overrides (air-gapped mirrors, credentials).'
          : 'Per-source overrides (air-gapped mirrors, credentials); only with mode local — with shared sources, override them in the management-platform chart.',
        properties: repositories,
        default: {},
      },
    },
  };
}
