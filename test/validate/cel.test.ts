// CRD validation rules (CEL, `x-kubernetes-validations`) evaluated by `matryoshka validate`: on the real
// schemas of kube-schemas/ (rules reached through _definitions.json refs), with the CRD defaults applied
// first, transition rules skipped and counted, and unknown functions reported instead of passed.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../generator/src/cli/commands/validate.ts';
import { type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { celFindings, emptyStats, rulesInSchema } from '../../generator/src/validate/cel/evaluate.ts';
import { isCIDR, isIP } from '../../generator/src/validate/cel/k8s-library.ts';
import { committedSchemaDir, findSchema } from '../../generator/src/validate/index.ts';
import { renderPlatform, renderStages } from '../platform/support.ts';
import { HELM_MAJORS, renderChart } from '../support/render.ts';
import { validate } from '../support/validate.ts';
import { TENANT_EXTERNALS, cleanTenant, tenantWith } from './fixture.ts';

type Obj = Record<string, any>;

const celIssues = (docs: readonly ManifestDoc[], external = TENANT_EXTERNALS) =>
  validate(docs, { external })
    .errors.filter((e) => e.rule === 'cel' || e.rule === 'cel-unsupported')
    .map((e) => ({ object: e.object, path: e.path, message: e.message, rule: e.rule }));

const celStats = (docs: readonly ManifestDoc[]) => validate(docs, { external: TENANT_EXTERNALS }).ruleStats?.cel;

/** A hand-written object as one input document. */
const doc = (object: Obj, source = 'test'): ManifestDoc => ({ object: object as ManifestDoc['object'], source, index: 0 });

describe('the rules in kube-schemas/', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.json') && !e.name.startsWith('_') && e.name !== 'manifest.json') files.push(join(d, e.name));
    }
  };
  walk(committedSchemaDir);
  // one entry per rule as stored (a rule in a shared definition counts once, however many kinds use it)
  const stored = new Map<object, ReturnType<typeof rulesInSchema>[number] & { file: string }>();
  for (const f of files) for (const r of rulesInSchema({ file: f })) if (!stored.has(r.spec)) stored.set(r.spec, { ...r, file: relative(committedSchemaDir, f) });
  const all = [...stored.values()];

  it('are found through the shared definitions, and every one runs with the implemented functions (none unsupported)', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((r) => r.compiled.kind === 'unsupported').map((r) => `${r.file}: ${r.spec.rule} (${'reason' in r.compiled ? r.compiled.reason : ''})`)).toEqual([]);
    // the transition rules (oldSelf) of Kamaji and the Kamaji control-plane provider
    expect(all.filter((r) => r.compiled.kind === 'transition').length).toBeGreaterThan(10);
    const texts = all.map((r) => r.spec.rule);
    for (const rule of ['has(self.configMapRef) || has(self.secretRef)', "!has(self.retryInterval) || self.name == 'RetryOnFailure'", 'self.all(x, isCIDR(x))']) expect(texts).toContain(rule);
  });
});

describe('the Kubernetes CEL functions the rules use (Go net/netip semantics)', () => {
  it('isIP', () => {
    const yes = ['1.2.3.4', '0.0.0.0', '255.255.255.255', '::', '::1', '2001:db8::1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::1.2.3.4', '64:ff9b::192.0.2.33', 'FE80::A'];
    const no = ['', 'abc', '1.2.3', '1.2.3.4.5', '01.2.3.4', '256.1.1.1', '1..2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', '1:2:3:4:5:6:7:8::', 'fe80::1%eth0', '::ffff:1.2.3.4', '::ffff:102:304', '1.2.3.4:80', ' 1.2.3.4'];
    expect(yes.filter((s) => !isIP(s))).toEqual([]);
    expect(no.filter((s) => isIP(s))).toEqual([]);
  });

  it('isCIDR', () => {
    const yes = ['10.0.0.0/8', '10.0.0.1/8', '0.0.0.0/0', '192.168.0.0/32', '2001:db8::/32', '::/0', '::1/128'];
    const no = ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/08', '10.0.0.0/-1', '10.0.0.0/+8', '10.0.0.0/ 8', '10.0.0.0/', '::/129', '::ffff:10.0.0.0/104', 'fe80::%eth0/64', 'x/8'];
    expect(yes.filter((s) => !isCIDR(s))).toEqual([]);
    expect(no.filter((s) => isCIDR(s))).toEqual([]);
  });
});

describe('cel rule on the clean tenant and single-defect copies', () => {
  it('the clean tenant passes, with its rules evaluated (HelmRelease, KamajiControlPlane, KubeadmConfigTemplate)', () => {
    expect(celIssues(cleanTenant())).toEqual([]);
    const stats = celStats(cleanTenant());
    expect(stats).toEqual({ evaluated: expect.any(Number), failed: 0, transitionSkipped: 0, unsupported: 0 });
    expect(stats!.evaluated).toBeGreaterThanOrEqual(8);
  });

  it('HelmRelease spec.kubeConfig: exactly one of secretRef/configMapRef', () => {
    const both = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => (o.spec.kubeConfig.configMapRef = { name: 'kubeconfig' }));
    const message = 'exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified';
    expect(celIssues(both)).toEqual([{ object: 'HelmRelease/tenant-a/tenant-a-cilium', path: 'spec.kubeConfig', message, rule: 'cel' }]);
    const neither = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => (o.spec.kubeConfig = {}));
    expect(celIssues(neither)).toEqual([{ object: 'HelmRelease/tenant-a/tenant-a-cilium', path: 'spec.kubeConfig', message, rule: 'cel' }]);
  });

  it('HelmRelease: chart xor chartRef', () => {
    const both = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => (o.spec.chartRef = { kind: 'OCIRepository', name: 'cilium' }));
    const issue = { object: 'HelmRelease/tenant-a/tenant-a-cilium', path: 'spec', message: 'either chart or chartRef must be set', rule: 'cel' };
    expect(celIssues(both)).toEqual([issue]);
    const neither = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => delete o.spec.chart);
    expect(celIssues(neither)).toEqual([issue]);
  });

  it('HelmRelease: retryInterval only with RetryOnFailure (install and upgrade strategies)', () => {
    const install = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => (o.spec.install.strategy.name = 'RemediateOnFailure'));
    expect(celIssues(install)).toEqual([
      { object: 'HelmRelease/tenant-a/tenant-a-cilium', path: 'spec.install.strategy', message: ".retryInterval cannot be set when .name is 'RemediateOnFailure'", rule: 'cel' },
    ]);
    const upgrade = tenantWith('HelmRelease', 'tenant-a-metrics-server', (o) => (o.spec.upgrade = { strategy: { name: 'RemediateOnFailure', retryInterval: '1m' } }));
    expect(celIssues(upgrade)).toEqual([
      { object: 'HelmRelease/tenant-a/tenant-a-metrics-server', path: 'spec.upgrade.strategy', message: ".retryInterval can only be set when .name is 'RetryOnFailure'", rule: 'cel' },
    ]);
  });

  const konnectivity = 'replicas must be 0 (or unset) when mode is DaemonSet, and greater than 0 (or unset) when mode is Deployment';

  it('KamajiControlPlane: konnectivity agent replicas vs mode (rule in a shared definition)', () => {
    const deployment0 = tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.addons = { konnectivity: { agent: { mode: 'Deployment', replicas: 0 } } }));
    expect(celIssues(deployment0)).toEqual([{ object: 'KamajiControlPlane/tenant-a/tenant-a', path: 'spec.addons.konnectivity.agent', message: konnectivity, rule: 'cel' }]);
    const deployment2 = tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.addons = { konnectivity: { agent: { mode: 'Deployment', replicas: 2 } } }));
    expect(celIssues(deployment2)).toEqual([]);
  });

  it('CRD defaults are applied before evaluating: the agent mode defaults to DaemonSet', () => {
    // no mode: DaemonSet by default, so replicas 2 fails and replicas 0 passes
    const two = tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.addons = { konnectivity: { agent: { replicas: 2 } } }));
    expect(celIssues(two)).toEqual([{ object: 'KamajiControlPlane/tenant-a/tenant-a', path: 'spec.addons.konnectivity.agent', message: konnectivity, rule: 'cel' }]);
    // the whole agent defaulted ({image, mode: DaemonSet}) where konnectivity is given without it: the rule runs and passes
    const zero = tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.addons = { konnectivity: { agent: { replicas: 0 } } }));
    expect(celIssues(zero)).toEqual([]);
    const before = celStats(cleanTenant())!.evaluated!;
    expect(celStats(tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.addons = { konnectivity: {} })))!.evaluated).toBe(before + 1);

    // without the defaults the same object fails: `self.mode` does not exist (the API server reports the error)
    const file = findSchema([committedSchemaDir], 'controlplane.cluster.x-k8s.io/v1alpha2', 'KamajiControlPlane')!;
    const defs = JSON.parse(readFileSync(join(committedSchemaDir, '_definitions.json'), 'utf8')).definitions as Record<string, unknown>;
    const inlineWithoutDefaults = (n: unknown): unknown => {
      if (Array.isArray(n)) return n.map(inlineWithoutDefaults);
      if (n === null || typeof n !== 'object') return n;
      const ref = (n as Obj).$ref;
      if (typeof ref === 'string') return inlineWithoutDefaults(defs[ref.slice(ref.lastIndexOf('/') + 1)]);
      return Object.fromEntries(Object.entries(n).filter(([k]) => k !== 'default').map(([k, v]) => [k, inlineWithoutDefaults(v)]));
    };
    const schema = inlineWithoutDefaults(JSON.parse(readFileSync(file, 'utf8'))) as object;
    const kcp = zero.find((d) => d.object.kind === 'KamajiControlPlane')!.object;
    expect(celFindings(kcp, { file })).toEqual([]);
    const undefaulted = celFindings(kcp, { schema });
    expect(undefaulted).toHaveLength(1);
    expect(undefaulted[0]).toMatchObject({ path: 'spec.addons.konnectivity.agent', rule: 'cel' });
    expect(undefaulted[0]!.message).toMatch(/mode.* evaluating rule: !\(self\.mode == 'DaemonSet'/);
  });

  it('KubeadmConfigTemplate: kubeletExtraArgs names unique, disk partitions layout xor diskLayout, partition types', () => {
    const dup = tenantWith('KubeadmConfigTemplate', 'tenant-a-workers-1a2b3c4d', (o) => o.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs.push({ name: 'node-labels', value: 'x=y' }));
    expect(celIssues(dup)).toEqual([
      {
        object: 'KubeadmConfigTemplate/tenant-a/tenant-a-workers-1a2b3c4d',
        path: 'spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs',
        message: 'kubeletExtraArgs name must be unique',
        rule: 'cel',
      },
    ]);
    const partitions = (p: Obj[]) => tenantWith('KubeadmConfigTemplate', 'tenant-a-workers-1a2b3c4d', (o) => (o.spec.template.spec.diskSetup = { partitions: p }));
    expect(celIssues(partitions([{ device: '/dev/vdb', layout: true }]))).toEqual([]);
    expect(celIssues(partitions([{ device: '/dev/vdb', layout: true, diskLayout: [{ percentage: 100 }] }]))).toEqual([
      {
        object: 'KubeadmConfigTemplate/tenant-a/tenant-a-workers-1a2b3c4d',
        path: 'spec.template.spec.diskSetup.partitions[0]',
        message: 'exactly one of the fields in [layout diskLayout] must be set',
        rule: 'cel',
      },
    ]);
    expect(celIssues(partitions([{ device: '/dev/vdb', diskLayout: [{ percentage: 50 }, { percentage: 50, partitionType: 'ext4' }] }]))).toEqual([
      {
        object: 'KubeadmConfigTemplate/tenant-a/tenant-a-workers-1a2b3c4d',
        path: 'spec.template.spec.diskSetup.partitions[0].diskLayout[1].partitionType',
        message: 'partitionType must be one of Linux, LinuxSwap, LinuxRAID, LVM, Fat32, NTFS, LinuxExtended or a full GPT partition GUID',
        rule: 'cel',
      },
    ]);
  });

  it('MachineHealthCheck: a machine condition may not be one CAPI sets itself', () => {
    const mhc = tenantWith('MachineHealthCheck', 'tenant-a-workers', (o) => (o.spec.checks.unhealthyMachineConditions = [{ type: 'Ready', status: 'False', timeoutSeconds: 300 }]));
    expect(celIssues(mhc)).toEqual([
      {
        object: 'MachineHealthCheck/tenant-a/tenant-a-workers',
        path: 'spec.checks.unhealthyMachineConditions[0].type',
        message: 'type must not be one of: Ready, Available, HealthCheckSucceeded, OwnerRemediated, ExternallyRemediated',
        rule: 'cel',
      },
    ]);
  });

  it('TenantControlPlane: CIDRs and the advertise address (Kubernetes isCIDR / isIP)', () => {
    const tcp = (networkProfile: Obj) => [
      doc({
        apiVersion: 'kamaji.clastix.io/v1alpha1',
        kind: 'TenantControlPlane',
        metadata: { name: 'tcp', namespace: 'tenant-a' },
        spec: { controlPlane: { deployment: { replicas: 1 }, service: { serviceType: 'ClusterIP' } }, kubernetes: { version: 'v1.33.4', kubelet: {} }, networkProfile },
      }),
    ];
    expect(celIssues(tcp({ serviceCidr: '10.96.0.0/16', podCidr: '10.244.0.0/16', advertiseAddress: '10.0.0.10' }))).toEqual([]);
    expect(celIssues(tcp({ serviceCidr: '10.96.0.0/33', advertiseAddress: '10.0.0.010' }))).toEqual([
      { object: 'TenantControlPlane/tenant-a/tcp', path: 'spec.networkProfile.advertiseAddress', message: 'advertiseAddress must be a valid IP address', rule: 'cel' },
      { object: 'TenantControlPlane/tenant-a/tcp', path: 'spec.networkProfile.serviceCidr', message: 'serviceCidr must be empty or a valid CIDR', rule: 'cel' },
    ]);
  });

  it('transition rules (oldSelf) are skipped and counted, as on create', () => {
    const lb = tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.network = { serviceType: 'LoadBalancer', loadBalancerConfig: { loadBalancerClass: 'example.com/lb' } }));
    expect(celIssues(lb)).toEqual([]);
    // `has(self.loadBalancerClass) == has(oldSelf.loadBalancerClass)` and `self == oldSelf` on the class
    expect(celStats(lb)).toMatchObject({ transitionSkipped: 2, failed: 0, unsupported: 0 });
    // the non-transition rule next to them still runs: a class needs a LoadBalancer Service
    const clusterIp = tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.network = { serviceType: 'ClusterIP', loadBalancerConfig: { loadBalancerClass: 'example.com/lb' } }));
    expect(celIssues(clusterIp)).toEqual([
      { object: 'KamajiControlPlane/tenant-a/tenant-a', path: 'spec.network', message: 'LoadBalancerClass is supported only with LoadBalancer service type', rule: 'cel' },
    ]);
  });
});

describe('CRDs in the input (any manifests, not only ours)', () => {
  /** A namespaced CRD example.com/v1 <kind> whose `spec` has the given schema. */
  const crdOf = (kind: string, spec: Obj) => {
    const plural = `${kind.toLowerCase()}s`;
    return doc({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.example.com` },
      spec: {
        group: 'example.com',
        names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } }],
      },
    });
  };
  const crd = (validations: Obj[]) =>
    crdOf('Widget', {
      type: 'object',
      properties: { min: { type: 'integer' }, max: { type: 'integer', default: 10 }, size: { type: 'string' }, prefix: { type: 'string' } },
      'x-kubernetes-validations': validations,
    });
  const widget = (spec: Obj) => doc({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'tenant-a' }, spec });
  const issues = (docs: ManifestDoc[]) => celIssues(docs, []);

  it('evaluates their rules: messageExpression and fieldPath, defaults from the CRD, "failed rule" without a message', () => {
    const docs = (spec: Obj) => [
      crd([
        { rule: 'self.min <= self.max', messageExpression: "'min ' + string(self.min) + ' is above max ' + string(self.max)", fieldPath: '.min' },
        { rule: "self.prefix.startsWith('w-')" },
      ]),
      widget(spec),
    ];
    expect(issues(docs({ min: 3, prefix: 'w-1' }))).toEqual([]);
    expect(issues(docs({ min: 30, prefix: 'x-1' }))).toEqual([
      { object: 'Widget/tenant-a/w', path: 'spec.min', message: 'min 30 is above max 10', rule: 'cel' },
      { object: 'Widget/tenant-a/w', path: 'spec', message: "failed rule: self.prefix.startsWith('w-')", rule: 'cel' },
    ]);
  });

  it('types values as Kubernetes does: int-or-string, preserve-unknown-fields (ints stay ints), escaped property names, null runs no rule', () => {
    const typed = (spec: Obj) => [
      crdOf('Gadget', {
        type: 'object',
        properties: {
          port: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-validations': [{ rule: "type(self) == int ? self > 0 : self == 'http'", message: 'port' }] },
          extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-validations': [{ rule: 'self.replicas + 1 == 3', message: 'extra' }] },
          namespace: { type: 'string' },
          ratio: { type: 'number', nullable: true, 'x-kubernetes-validations': [{ rule: 'self < 1.0', message: 'ratio' }] },
        },
        'x-kubernetes-validations': [{ rule: "self.__namespace__ == 'prod'", message: 'namespace' }],
      }),
      doc({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'tenant-a' }, spec }),
    ];
    expect(issues(typed({ port: 443, extra: { replicas: 2 }, namespace: 'prod', ratio: 0.5 }))).toEqual([]);
    expect(issues(typed({ port: 'http', extra: { replicas: 2 }, namespace: 'prod', ratio: null }))).toEqual([]);
    expect(issues(typed({ port: 'https', extra: { replicas: 1 }, namespace: 'dev', ratio: 2 })).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.port: port',
      'spec.extra: extra',
      'spec.ratio: ratio',
      'spec: namespace',
    ]);
  });

  it('a rule calling a function we do not implement is reported as "could not evaluate", never passed, and never crashes', () => {
    const docs = [crd([{ rule: "quantity(self.size).isGreaterThan(quantity('1Gi'))", message: 'size too small' }, { rule: 'self.min >' }]), widget({ min: 1, size: '2Gi' })];
    expect(issues(docs)).toEqual([
      { object: 'Widget/tenant-a/w', path: 'spec', message: "could not evaluate rule (unsupported functions isGreaterThan, quantity): quantity(self.size).isGreaterThan(quantity('1Gi'))", rule: 'cel-unsupported' },
      { object: 'Widget/tenant-a/w', path: 'spec', message: expect.stringMatching(/^could not evaluate rule \(cannot parse: .*\): self\.min >$/), rule: 'cel-unsupported' },
    ]);
    expect(validate(docs, { disableRules: ['cel-unsupported'] }).errors.filter((e) => e.rule.startsWith('cel'))).toEqual([]);
  });
});

describe('matryoshka validate (CLI)', () => {
  async function run(argv: string[], stdin = '') {
    const out: string[] = [];
    const code = await runValidate(argv, { readStdin: async () => stdin, out: (t) => out.push(t), err: () => {} });
    return { code, out: out.join('\n') };
  }

  it('lists the rule with its source, and reports the skipped transition rules in the JSON summary', async () => {
    const list = (await run(['--list-rules'])).out;
    expect(list).toMatch(/^cel +.*x-kubernetes-validations \(CEL\) rule of the CRDs in kube-schemas\//m);
    expect(list).toMatch(/^cel-unsupported +/m);
    const lb = tenantWith('KamajiControlPlane', 'tenant-a', (o) => (o.spec.network = { serviceType: 'LoadBalancer', loadBalancerConfig: { loadBalancerClass: 'example.com/lb' } }));
    const stdin = lb.map((d) => stringify(d.object)).join('---\n');
    const r = await run(['-n', 'tenant-a', '--external', TENANT_EXTERNALS[0]!, '--format', 'json', '-'], stdin);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).ruleStats.cel).toMatchObject({ transitionSkipped: 2, failed: 0, unsupported: 0 });
  });

  it('prints a failed rule as one line naming the object, the path and the rule message', async () => {
    const bad = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => (o.spec.chartRef = { kind: 'OCIRepository', name: 'cilium' }));
    const r = await run(['-n', 'tenant-a', '--external', TENANT_EXTERNALS[0]!, '--external', 'OCIRepository/tenant-a/cilium', '-'], bad.map((d) => stringify(d.object)).join('---\n'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('HelmRelease/tenant-a/tenant-a-cilium (<stdin>) spec: either chart or chartRef must be set [cel]');
  });
});

describe("the charts' own renders pass every CEL rule", () => {
  const scenarios = (chart: string) =>
    readdirSync(join(repoRoot, 'test', 'scenarios', chart))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(repoRoot, 'test', 'scenarios', chart, f));

  it.each(HELM_MAJORS)('every scenario of kubernetes, kubevirt-csi-node, management-platform and its stages (Helm %i)', async (major) => {
    const renders: [string, ManifestDoc[]][] = [];
    for (const f of [undefined, ...scenarios('kubernetes')]) renders.push([`kubernetes ${f ? relative(repoRoot, f) : 'defaults'}`, await renderChart('kubernetes', { major, valuesFiles: f ? [f] : undefined })]);
    renders.push(['kubevirt-csi-node', await renderChart('kubevirt-csi-node', { major })]);
    for (const f of [undefined, ...scenarios('management-platform')]) {
      const platform = await renderPlatform({ major, valuesFiles: f ? [f] : undefined });
      renders.push([`management-platform ${f ? relative(repoRoot, f) : 'defaults'}`, platform]);
      renders.push([`management-platform-stages ${f ? relative(repoRoot, f) : 'defaults'}`, await renderStages(platform, major)]);
    }
    const problems: string[] = [];
    const total = emptyStats();
    for (const [name, docs] of renders) {
      const report = validate(docs);
      for (const e of report.errors) if (e.rule === 'cel' || e.rule === 'cel-unsupported') problems.push(`${name}: ${e.object} ${e.path}: ${e.message} [${e.rule}]`);
      const s = report.ruleStats?.cel;
      expect(s, name).toBeDefined();
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s![k] ?? 0;
      // every tenant render has HelmReleases and a KamajiControlPlane whose rules run
      if (name.startsWith('kubernetes ')) expect(s!.evaluated, name).toBeGreaterThan(5);
    }
    expect(problems).toEqual([]);
    expect(total.evaluated).toBeGreaterThan(200);
    expect(total.transitionSkipped).toBeGreaterThan(0);
  }, 180_000);
});
