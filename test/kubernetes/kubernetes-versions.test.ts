// The version data file's checks (generator/src/versions): a broken file fails `npm run generate`
// with a message saying what to fix; a good one becomes the chart's _versions.tpl.
import { describe, expect, it } from 'vitest';
import { parseKubernetesVersions, renderVersionsTemplate, VersionDataError } from '../../generator/src/versions/kubernetes-versions.ts';

const good = `
default: "1.34"
x-patches:
  "1.34": v1.34.2
  "1.32": v1.32.10
x-nodeImage: quay.io/capk/ubuntu-2404-container-disk
x-nodeImageTags: [v1.34.2]
`;

describe('Kubernetes version data', () => {
  it('reads minors sorted numerically with their patches', () => {
    const v = parseKubernetesVersions(good);
    expect(v).toEqual({ default: '1.34', patches: { '1.32': 'v1.32.10', '1.34': 'v1.34.2' }, nodeImage: 'quay.io/capk/ubuntu-2404-container-disk', nodeImageTags: ['v1.34.2'] });
  });

  it.each([
    ['a patch of another minor', good.replace('v1.34.2', 'v1.33.2'), /x-patches\["1.34"\]/],
    ['a default that is not listed', good.replace('default: "1.34"', 'default: "1.35"'), /default "1.35"/],
    ['a malformed minor', good.replace('"1.32": v1.32.10', '"1.x": v1.32.10'), /"1.x"/],
    ['no patches', 'default: "1.34"\nx-nodeImage: a.io/b', /x-patches must map/],
    ['an image with a tag', good.replace('container-disk\n', 'container-disk:v1\n'), /x-nodeImage/],
    ['a published tag of no supported minor', good.replace('[v1.34.2]', '[v1.35.0]'), /x-nodeImageTags/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseKubernetesVersions(text)).toThrow(VersionDataError);
    expect(() => parseKubernetesVersions(text)).toThrow(message);
  });

  it('renders a named template holding the data as JSON', () => {
    const tpl = renderVersionsTemplate(parseKubernetesVersions(good), 'Generated. Do not edit.');
    const body = tpl.split('\n').find((l) => l.startsWith('{"'))!;
    expect(tpl).toContain('{{- define "matryoshka.kubernetesVersions" -}}');
    expect(JSON.parse(body).patches['1.34']).toBe('v1.34.2');
  });
});
