// The default values and every scenario file render with both Helm majors into objects (platform
// and stage releases alike) that pass strict-schema validation and the wiring linter.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELM_MAJORS } from '../support/render.ts';
import { CRD_KIND, PLATFORM_NAMESPACE, named, ofKind, renderWholePlatform, scenarioDir, stageReleases } from './support.ts';

const scenarios = readdirSync(scenarioDir).filter((f) => f.endsWith('.yaml')).sort();
const file = (name: string) => [join(scenarioDir, name)];

describe('management-platform scenarios', () => {
  it('has the four scenarios the issue lists', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['minimal.yaml', 'everything-on.yaml', 'byo-kubevirt.yaml', 'fleet.yaml']));
  });

  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it('renders the defaults into valid, fully wired components, operators, stages and shared sources', async () => {
      const { platform, stages, operators, report } = await renderWholePlatform({ major });
      expect(report.errors).toEqual([]);
      const releases = ofKind(platform, 'HelmRelease').map((h) => h.metadata.name).sort();
      expect(releases).toEqual([
        'platform-capi-providers',
        'platform-cdi-operator',
        'platform-cert-manager',
        'platform-cluster-api-operator',
        'platform-kamaji',
        'platform-kamaji-datastore',
        'platform-kamaji-etcd',
        'platform-kubevirt-config',
        'platform-kubevirt-operator',
      ]);
      expect(stages.map((d) => d.object.kind).sort()).toEqual(['BootstrapProvider', 'CDI', 'ControlPlaneProvider', 'CoreProvider', 'DataStore', 'InfrastructureProvider', 'KubeVirt', 'Namespace', 'Namespace', 'Namespace', 'Namespace']);
      // KubeVirt needs the HotplugVolumes gate for the tenants' CSI driver; the objects go where the operators run
      expect(named(stages, 'KubeVirt', 'kubevirt')!.metadata.namespace).toBe('kubevirt');
      expect(named(stages, 'KubeVirt', 'kubevirt')!.spec.configuration.developerConfiguration.featureGates).toEqual(['HotplugVolumes']);
      expect(ofKind(operators, 'Deployment').map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort()).toEqual(['cdi/cdi-operator', 'kubevirt/virt-operator']);
      expect(ofKind(operators, 'CustomResourceDefinition').map((d) => d.spec.names.kind).sort()).toEqual(['CDI', 'KubeVirt']);
      for (const d of platform) expect(d.object.metadata.namespace ?? PLATFORM_NAMESPACE).toBe(PLATFORM_NAMESPACE);
    });

    it.each(scenarios)('renders %s into valid, fully wired objects', async (name) => {
      const { operators, report } = await renderWholePlatform({ major, valuesFiles: file(name) });
      expect(report.errors).toEqual([]);
      // every kind is checked against its strict schema (KubeVirt, CDI and instancetypes included);
      // only the operators' own CRDs have none (compared with upstream's by test/upstream-charts)
      expect(report.allowListed).toEqual(operators.length ? [CRD_KIND] : []);
    });

    it('minimal: no cert-manager release and nothing waits for one', async () => {
      const { platform } = await renderWholePlatform({ major, valuesFiles: file('minimal.yaml') });
      expect(named(platform, 'HelmRelease', 'platform-cert-manager')).toBeUndefined();
      for (const hr of ofKind(platform, 'HelmRelease')) {
        expect((hr.spec.dependsOn ?? []).map((d: { name: string }) => d.name)).not.toContain('platform-cert-manager');
      }
    });

    it('everything-on: KubeVirt and CDI from the project charts with mirrored images, then their objects with HotplugVolumes, then instancetypes', async () => {
      const { platform, stages, operators } = await renderWholePlatform({ major, valuesFiles: file('everything-on.yaml') });
      const kv = named(platform, 'HelmRelease', 'platform-kubevirt-operator')!;
      expect(kv.spec).toMatchObject({ releaseName: 'kubevirt-operator', targetNamespace: 'virtualization', storageNamespace: 'virtualization' });
      expect(kv.spec.chart.spec).toEqual({ chart: 'kubevirt-operator', version: '0.1.0', sourceRef: { kind: 'HelmRepository', name: 'matryoshka-oci', namespace: PLATFORM_NAMESPACE } });
      // every image of both operators (and of what they deploy) from the mirror
      const images = ofKind(operators, 'Deployment').flatMap((d) => [d.spec.template.spec.containers[0].image, ...d.spec.template.spec.containers[0].env.map((e: { value?: string }) => e.value)]);
      expect(images.filter((i) => /^[a-z0-9.-]+\.[a-z]+\//.test(i ?? '')).every((i) => i.startsWith('registry.example.internal/kubevirt/'))).toBe(true);
      expect(images.filter((i) => i?.startsWith('registry.example.internal/kubevirt/'))).toHaveLength(10);
      expect(named(operators, 'Deployment', 'virt-operator')!.spec.template.spec.affinity).toEqual({});
      expect(named(operators, 'Deployment', 'cdi-operator')!.spec.template.spec.imagePullSecrets).toEqual([{ name: 'mirror-credentials' }]);
      expect(named(stages, 'KubeVirt', 'kubevirt')!.metadata.namespace).toBe('virtualization');
      const config = named(platform, 'HelmRelease', 'platform-kubevirt-config')!;
      expect(config.spec.dependsOn).toEqual([{ name: 'platform-kubevirt-operator' }, { name: 'platform-cdi-operator' }]);
      expect(named(platform, 'HelmRelease', 'platform-kubevirt-instancetypes')!.spec.dependsOn).toEqual([{ name: 'platform-kubevirt-config' }]);
      const kubevirt = named(stages, 'KubeVirt', 'kubevirt')!;
      // permitted host devices need the HostDevices gate in KubeVirt v1.8 (vmi-create-admitter.go)
      expect(kubevirt.spec.configuration.developerConfiguration.featureGates).toEqual(['HotplugVolumes', 'Snapshot', 'HostDevices']);
      expect(kubevirt.spec.configuration.permittedHostDevices).toEqual({ pciHostDevices: [{ pciVendorSelector: '10DE:2236', resourceName: 'nvidia.com/GA102GL_A10' }] });
      expect(ofKind(stages, 'CDI')).toHaveLength(1);
      // KubeVirt deploys u1.* and friends itself: the platform defines none of those
      expect(ofKind(stages, 'VirtualMachineClusterInstancetype').map((o) => o.metadata.name)).toEqual(['gpu.small']);
      expect(named(stages, 'DataStore', 'default')!.spec.endpoints).toHaveLength(5);
      expect(named(stages, 'InfrastructureProvider', 'kubevirt')!.spec.manager).toEqual({ additionalArgs: { '--v': '4' } });
      expect(named(platform, 'HelmRepository', 'jetstack')!.spec.url).toBe('https://charts.example.internal/jetstack');
      // the project's charts (tenants, stages) come from the OCI registry
      expect(named(platform, 'HelmRepository', 'matryoshka-oci')!.spec).toMatchObject({ type: 'oci', url: 'oci://registry.example.internal/matryoshka' });
      for (const hr of ofKind(platform, 'HelmRelease').filter((h) => ['kubernetes', 'management-platform-stages', 'kubevirt-operator', 'cdi-operator'].includes(h.spec.chart.spec.chart))) {
        expect(hr.spec.chart.spec.sourceRef).toEqual({ kind: 'HelmRepository', name: 'matryoshka-oci', namespace: PLATFORM_NAMESPACE });
      }
    });

    it('byo-kubevirt: no KubeVirt release or object, instancetypes applied without waiting for one', async () => {
      const { platform, stages } = await renderWholePlatform({ major, valuesFiles: file('byo-kubevirt.yaml') });
      expect(named(platform, 'HelmRelease', 'platform-kubevirt-operator')).toBeUndefined();
      expect(named(platform, 'HelmRelease', 'platform-kubevirt-config')).toBeUndefined();
      expect(named(platform, 'HelmRelease', 'platform-kubevirt-instancetypes')!.spec.dependsOn).toBeUndefined();
      expect(ofKind(stages, 'KubeVirt')).toEqual([]);
      const types = ofKind(stages, 'VirtualMachineClusterInstancetype');
      expect(types.map((o) => o.metadata.name)).toEqual(['compute.medium']);
      expect(types[0]!.spec).toEqual({ cpu: { guest: 2 }, memory: { guest: '4Gi' } });
      expect(named(stages, 'VirtualMachineClusterPreference', 'linux-virtio')!.spec.devices.preferredDiskBus).toBe('virtio');
    });

    it('fleet: three tenants, each a namespace and a HelmRelease of the kubernetes chart that waits for the platform', async () => {
      const { platform } = await renderWholePlatform({ major, valuesFiles: file('fleet.yaml') });
      const tenants = ofKind(platform, 'HelmRelease').filter((h) => h.spec.chart.spec.chart === 'kubernetes');
      expect(tenants.map((t) => [t.metadata.name, t.metadata.namespace, t.spec.releaseName])).toEqual([
        ['tenant-a', 'tenant-a', 'tenant-a'],
        ['tenant-b', 'team-b', 'tenant-b'],
        ['tenant-c', 'tenant-c', 'tenant-c'],
      ]);
      expect(ofKind(platform, 'Namespace').map((n) => n.metadata.name)).toEqual(['tenant-a', 'team-b', 'tenant-c', 'kubevirt', 'cdi']);
      for (const t of tenants) {
        expect(t.spec.chart.spec.sourceRef).toEqual({ kind: 'HelmRepository', name: 'matryoshka', namespace: PLATFORM_NAMESPACE });
        expect(t.spec.dependsOn).toEqual([
          { name: 'platform-capi-providers', namespace: PLATFORM_NAMESPACE },
          { name: 'platform-kamaji-datastore', namespace: PLATFORM_NAMESPACE },
          { name: 'platform-kubevirt-config', namespace: PLATFORM_NAMESPACE },
        ]);
        expect(t.spec.values.sources).toEqual({ namespace: PLATFORM_NAMESPACE });
      }
      const [a, b, c] = tenants;
      expect(a!.spec.chart.spec.version).toBe('0.1.0');
      expect(b!.spec.values.addons).toEqual({ 'metrics-server': { enabled: true } });
      expect(c!.spec.timeout).toBe('45m');
      expect(stageReleases(platform)).toHaveLength(3);
    });
  });
});
