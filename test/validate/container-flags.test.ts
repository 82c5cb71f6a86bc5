// Container contracts: the flag tables agree with the images the kubernetes chart pins, the chart's
// helper containers pass only flags their version registers, and a single wrong flag fails with the
// rule id, the container's argument path and the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkArgs, invocation } from '../../generator/src/validate/contracts/flags/check.ts';
import { FLAG_TABLES, flagIndex, flagTableFor } from '../../generator/src/validate/contracts/flags/index.ts';
import { parseImage } from '../../generator/src/validate/contracts/image.ts';
import { schemasDir } from '../../generator/src/paths.ts';
import { type Obj, container, issues, tenant } from './support-upstream.ts';

const RULE = ['container-flags'];
/** Every helper the chart runs with its pinned images: an autoscaled group (cluster-autoscaler). */
const ALL_HELPERS = { nodeGroups: { workers: { autoscaling: { enabled: true, minSize: 1, maxSize: 4 } } } };
/** Volume expansion adds csi-resizer; the chart allows it only with a driver build newer than the pinned one. */
const WITH_RESIZER = { ...ALL_HELPERS, csiController: { volumeExpansion: true }, images: { csiDriver: { tag: '20250701000000' } } };

const table = (repository: string) => FLAG_TABLES.find((t) => t.image.repository === repository)!;
const problems = (repository: string, args: string[]) => checkArgs(table(repository), args).map((p) => [p.index, p.message]);

describe('flag tables and the pinned images', () => {
  const images = (parse(readFileSync(join(schemasDir, 'kubernetes', 'images.yaml'), 'utf8')) as Obj).properties as Record<string, Obj>;

  it('every container the chart passes flags to runs a pinned image with a table for exactly its tag', async () => {
    const docs = await tenant(ALL_HELPERS);
    const withFlags = docs
      .filter((d) => d.object.kind === 'Deployment')
      .flatMap((d) => (d.object as Obj).spec.template.spec.containers as Obj[])
      .filter((c) => [...(c.command ?? []).slice(1), ...(c.args ?? [])].some((a: string) => a.startsWith('-')));
    expect(withFlags.map((c) => c.name).sort()).toEqual(['cloud-controller-manager', 'cluster-autoscaler', 'csi-attacher', 'csi-driver', 'csi-liveness-probe', 'csi-provisioner']);
    const resizer = (await tenant(WITH_RESIZER))
      .filter((d) => d.object.kind === 'Deployment')
      .flatMap((d) => (d.object as Obj).spec.template.spec.containers as Obj[])
      .find((c) => c.name === 'csi-resizer')!;
    withFlags.push(resizer);
    const pinned = Object.values(images)
      .map((p) => p.default as Obj | undefined)
      .filter((d): d is Obj => !!d?.repository)
      .map((d) => `${d.repository}:${d.tag}`);
    for (const c of withFlags) {
      const t = flagTableFor(c.image);
      expect(t, `no flag table for ${c.image}`).toBeDefined();
      const ref = parseImage(c.image);
      expect(`${t!.image.repository}:${t!.image.tag}`).toBe(pinned.find((p) => p === `${t!.image.repository}:${ref.tag}`));
    }
  });

  it('every table is for an image the chart pins, at the pinned tag', () => {
    const pinned = Object.fromEntries(
      Object.entries(images)
        .filter(([, p]) => (p.default as Obj | undefined)?.repository)
        .map(([, p]) => [(p.default as Obj).repository, (p.default as Obj).tag]),
    );
    for (const t of FLAG_TABLES) expect(`${t.image.repository}:${pinned[t.image.repository]}`).toBe(`${t.image.repository}:${t.image.tag}`);
  });

  it('each table names its upstream source and registers its flags once, with the sizes derived from the source', () => {
    const sizes = Object.fromEntries(FLAG_TABLES.map((t) => [t.image.repository, flagIndex(t).size]));
    expect(sizes).toEqual({
      'kubevirt/kubevirt-cloud-controller-manager': 73,
      'kubevirt/csi-driver': 22,
      'sig-storage/csi-provisioner': 48,
      'sig-storage/csi-attacher': 32,
      'sig-storage/csi-resizer': 31,
      'sig-storage/livenessprobe': 15,
      'autoscaling/cluster-autoscaler': 145,
    });
    for (const t of FLAG_TABLES) {
      expect(t.source.repo).toMatch(/^[\w-]+\/[\w.-]+$/);
      expect(t.source.ref).toBeTruthy();
      const names = t.groups.flatMap((g) => [...(g.bool ?? []), ...(g.value ?? [])]);
      expect(new Set(names).size, t.component).toBe(names.length);
    }
  });
});

describe('the chart renders', () => {
  it.each([
    ['defaults', {}],
    ['every helper on', WITH_RESIZER],
    ['a mirror registry', { ...WITH_RESIZER, images: { ...WITH_RESIZER.images, registry: 'registry.internal.example:5000/mirror' } }],
  ])('%s: every container flag is one its version accepts', async (_what, values) => {
    expect(issues(await tenant(values), RULE)).toEqual([]);
  });

  it('the mirror render is still judged (images matched whatever the registry)', async () => {
    const docs = await tenant({ images: { registry: 'registry.internal.example:5000/mirror' } });
    container(docs, 'tenant-a-csi-controller', 'csi-driver').args.push('--no-such-flag');
    expect(issues(docs, RULE)).toMatchObject([{ object: 'Deployment/tenant-a/tenant-a-csi-controller', path: 'spec.template.spec.containers[0].args[6]' }]);
  });
});

describe('single-defect copies of the default render', () => {
  it('a Go-flag binary (CSI driver) rejects another separator, and suggests the registered spelling', async () => {
    const docs = await tenant();
    const driver = container(docs, 'tenant-a-csi-controller', 'csi-driver');
    driver.args[4] = '--run_node_service=false';
    const found = issues(docs, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'container-flags', object: 'Deployment/tenant-a/tenant-a-csi-controller', path: 'spec.template.spec.containers[0].args[4]' });
    expect(found[0]!.message).toContain('KubeVirt CSI driver 20240920145955 does not accept --run_node_service');
    expect(found[0]!.message).toContain('kubevirt/csi-driver@35836e0c8b68d9916d29a838ea60cdd3fc6199cf cmd/kubevirt-csi-driver/kubevirt-csi-driver.go');
    expect(found[0]!.message).toContain('did you mean --run-node-service?');
  });

  it('a cobra binary (CCM) reads a single-dash long flag as shorthand letters', async () => {
    const docs = await tenant();
    container(docs, 'tenant-a-ccm', 'cloud-controller-manager').args[4] = '-authentication-skip-lookup=true';
    expect(issues(docs, RULE)).toMatchObject([
      { object: 'Deployment/tenant-a/tenant-a-ccm', path: 'spec.template.spec.containers[0].args[4]', message: expect.stringContaining("unknown shorthand flag: 'a'") },
    ]);
  });

  it('klog flags beyond -v/-vmodule are gone from the CCM (KEP-2845), while the autoscaler still merges them', async () => {
    const docs = await tenant({ nodeGroups: { workers: { autoscaling: { enabled: true, minSize: 1, maxSize: 3 } } } });
    container(docs, 'tenant-a-ccm', 'cloud-controller-manager').args.push('--logtostderr=true');
    container(docs, 'tenant-a-cluster-autoscaler', 'cluster-autoscaler').args.push('--logtostderr=true', '--log_file_max_size=10', '--log-file=/tmp/ca.log');
    expect(issues(docs, RULE).map((e) => [e.object, e.path])).toEqual([['Deployment/tenant-a/tenant-a-ccm', 'spec.template.spec.containers[0].args[6]']]);
  });

  it('csi-provisioner v5.3.0 rejects --automaxprocs (registered after AddGoFlagSet), csi-attacher v4.10.0 accepts it', async () => {
    const docs = await tenant();
    container(docs, 'tenant-a-csi-controller', 'csi-provisioner').args.push('--automaxprocs');
    container(docs, 'tenant-a-csi-controller', 'csi-attacher').args.push('--automaxprocs');
    expect(issues(docs, RULE)).toMatchObject([{ path: 'spec.template.spec.containers[1].args[5]', message: expect.stringContaining('CSI external-provisioner v5.3.0 does not accept --automaxprocs') }]);
  });

  it('an image with only a CMD (cluster-autoscaler) would execute the first arg when command is dropped', async () => {
    const docs = await tenant({ nodeGroups: { workers: { autoscaling: { enabled: true, minSize: 1, maxSize: 3 } } } });
    delete container(docs, 'tenant-a-cluster-autoscaler', 'cluster-autoscaler').command;
    expect(issues(docs, RULE)).toMatchObject([
      { object: 'Deployment/tenant-a/tenant-a-cluster-autoscaler', path: 'spec.template.spec.containers[0].args[0]', message: expect.stringContaining('has no ENTRYPOINT') },
    ]);
  });

  it('a version flag makes the sidecar print and exit', async () => {
    const docs = await tenant();
    container(docs, 'tenant-a-csi-controller', 'csi-attacher').args.push('--version');
    expect(issues(docs, RULE)).toMatchObject([{ path: 'spec.template.spec.containers[2].args[4]', message: '--version: CSI external-attacher v4.10.0 prints the version and exits instead of running' }]);
  });

  it('does not judge images it has no table for: another tag, a digest-only reference, a shell command', async () => {
    const docs = await tenant();
    const driver = container(docs, 'tenant-a-csi-controller', 'csi-driver');
    driver.args.push('--no-such-flag');
    for (const image of ['quay.io/kubevirt/csi-driver:20990101000000', 'quay.io/kubevirt/csi-driver@sha256:' + 'a'.repeat(64)]) {
      driver.image = image;
      expect(issues(docs, RULE)).toEqual([]);
    }
    driver.image = 'quay.io/kubevirt/csi-driver:20240920145955';
    driver.command = ['sh', '-c', 'exec ./kubevirt-csi-driver "$@"'];
    expect(issues(docs, RULE)).toEqual([]);
  });
});

describe('argument parsing per flag package', () => {
  it('pflag: values after a value flag, shorthands, a trailing value flag, -- ends flags, positional args for cobra', () => {
    const ccm = 'kubevirt/kubevirt-cloud-controller-manager';
    expect(problems(ccm, ['--cloud-config', '/etc/x', '-v', '4', '-v=2', '--', '--anything'])).toEqual([]);
    expect(problems(ccm, ['--cloud_config=/etc/x', '--cloud-config'])).toEqual([[1, expect.stringContaining('needs a value and is the last argument')]]);
    expect(problems(ccm, ['stray'])).toEqual([[0, expect.stringContaining('takes no positional arguments')]]);
    expect(problems(ccm, ['--help'])).toEqual([[0, expect.stringContaining('prints usage and exits')]]);
    expect(problems(ccm, ['--version=false'])).toEqual([]);
  });

  it('Go flags: one or two dashes, exact names, parsing stops at the first positional argument', () => {
    const driver = 'kubevirt/csi-driver';
    expect(problems(driver, ['-endpoint', 'unix:///csi.sock', '--v=5', '-log_dir=/tmp', '-run-node-service'])).toEqual([]);
    expect(problems(driver, ['--log-dir=/tmp'])).toEqual([[0, expect.stringContaining('did you mean --log_dir?')]]);
    expect(problems(driver, ['positional', '--ignored-after-it'])).toEqual([]);
    expect(problems(driver, ['---x'])).toEqual([[0, expect.stringContaining('bad flag syntax')]]);
  });

  it('knows when the binary is not the one receiving the flags', () => {
    const ca = table('autoscaling/cluster-autoscaler');
    expect(invocation(ca, ['/cluster-autoscaler'], ['--v=2'])).toMatchObject({ kind: 'run' });
    expect(invocation(ca, undefined, ['/cluster-autoscaler', '--v=2'])).toMatchObject({ kind: 'run', parts: [{ field: 'args', offset: 1 }] });
    expect(invocation(ca, ['/bin/sh', '-c'], ['x'])).toEqual({ kind: 'not-the-binary' });
    expect(invocation(table('sig-storage/csi-attacher'), undefined, ['--v=2'])).toMatchObject({ kind: 'run', parts: [{ field: 'args', offset: 0 }] });
  });
});
