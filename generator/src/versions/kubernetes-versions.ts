// Kubernetes version data (schemas/kubernetes/kubernetes-versions.yaml) → what the chart reads:
// a generated named template holding the minor → patch map as JSON.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { jsonDataTemplate } from '../generate/data-template.ts';

export interface KubernetesVersions {
  /** the default minor, e.g. "1.34" */
  default: string;
  /** minor → patch release, e.g. "1.34" → "v1.34.2" */
  patches: Record<string, string>;
  /** repository of the worker container-disk images, tagged with the patch release */
  nodeImage: string;
  /** the patch releases whose image is published in nodeImage (the chart defaults to no other) */
  nodeImageTags: string[];
}

export class VersionDataError extends Error {}

const MINOR = /^1\.[0-9]{1,2}$/;
const PATCH = /^v1\.[0-9]{1,2}\.[0-9]{1,3}$/;

/** Parses and checks the data file's content: every patch belongs to its minor, the default is supported. */
export function parseKubernetesVersions(text: string, label = 'kubernetes-versions.yaml'): KubernetesVersions {
  const doc = parse(text) as Record<string, unknown> | null;
  const patches = doc?.['x-patches'];
  const nodeImage = doc?.['x-nodeImage'];
  const nodeImageTags = doc?.['x-nodeImageTags'];
  const def = doc?.default;
  if (typeof patches !== 'object' || patches === null || Array.isArray(patches) || Object.keys(patches).length === 0) {
    throw new VersionDataError(`${label}: x-patches must map at least one minor ("1.34") to its patch release ("v1.34.2")`);
  }
  for (const [minor, patch] of Object.entries(patches)) {
    if (!MINOR.test(minor)) throw new VersionDataError(`${label}: x-patches key "${minor}" is not a minor like "1.34"`);
    if (typeof patch !== 'string' || !PATCH.test(patch) || !patch.startsWith(`v${minor}.`)) {
      throw new VersionDataError(`${label}: x-patches["${minor}"] must be a patch release of ${minor} like "v${minor}.0", got ${JSON.stringify(patch)}`);
    }
  }
  if (typeof def !== 'string' || !(def in patches)) {
    throw new VersionDataError(`${label}: default ${JSON.stringify(def)} must be one of the minors in x-patches (${Object.keys(patches).join(', ')})`);
  }
  if (typeof nodeImage !== 'string' || !/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+$/.test(nodeImage)) {
    throw new VersionDataError(`${label}: x-nodeImage must be an image repository without tag, got ${JSON.stringify(nodeImage)}`);
  }
  if (!Array.isArray(nodeImageTags) || nodeImageTags.some((t) => typeof t !== 'string' || !Object.keys(patches).some((minor) => PATCH.test(t) && t.startsWith(`v${minor}.`)))) {
    throw new VersionDataError(`${label}: x-nodeImageTags must list patch releases ("v1.34.1") of the minors in x-patches whose ${String(nodeImage)} image is published`);
  }
  const sorted = Object.fromEntries(Object.entries(patches as Record<string, string>).sort(([a], [b]) => compareMinor(a, b)));
  return { default: def, patches: sorted, nodeImage, nodeImageTags: [...(nodeImageTags as string[])].sort() };
}

function compareMinor(a: string, b: string): number {
  return Number(a.split('.')[1]) - Number(b.split('.')[1]);
}

export function readKubernetesVersions(file: string): KubernetesVersions {
  return parseKubernetesVersions(readFileSync(file, 'utf8'), file);
}

/** The chart's `_versions.tpl`: one named template returning the data as JSON (read with fromJson). */
export function renderVersionsTemplate(data: KubernetesVersions, header: string): string {
  return jsonDataTemplate({
    header,
    what: 'Supported Kubernetes versions as JSON: {"default", "patches": {minor: patch}, "nodeImage"}.',
    define: 'matryoshka.kubernetesVersions',
    data,
  });
}
