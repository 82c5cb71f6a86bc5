// Cluster, KamajiControlPlane and KubevirtCluster: wiring, version resolution from the one
// version data file, the in-cluster kubeconfig endpoint, kube-proxy vs. CNI, HA placement.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { helmTemplate } from '../../generator/src/helm/run.ts';
import { type ManifestDoc, parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { HELM_MAJORS, objectsOfKind, renderChart, renderError } from '../support/render.ts';

// rendered objects are untyped YAML; tests read them freely
type Obj = Record<string, any>;
const ofKind = (docs: ManifestDoc[], kind: string) => objectsOfKind(docs, kind) as Obj[];

// the data file itself, read independently of the chart and the generator
const versionData = parse(readFileSync(join(repoRoot, 'schemas', 'kubernetes', 'kubernetes-versions.yaml'), 'utf8')) as {
  default: string;
  'x-patches': Record<string, string>;
  'x-nodeImage': string;
};

/**
 * NOTES.txt rendered by helm itself: `helm template` never prints NOTES (and Helm 3's client
 * dry-run needs a cluster), so a temporary copy of the chart renders it through `tpl` into a ConfigMap.
 */
async function renderNotes(major: (typeof HELM_MAJORS)[number], opts: { release: string; namespace: string }): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'notes-'));
  try {
    const chart = join(dir, 'kubernetes');
    cpSync(join(repoRoot, 'charts', 'kubernetes'), chart, { recursive: true });
    renameSync(join(chart, 'templates', 'NOTES.txt'), join(chart, 'notes-source.txt'));
    writeFileSync(
      join(chart, 'templates', 'notes-check.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ tpl (.Files.Get "notes-source.txt") . | toJson }}\n',
    );
    const docs = parseManifests(await helmTemplate({ chartDir: chart, releaseName: opts.release, namespace: opts.namespace, major }));
    return ofKind(docs, 'ConfigMap').find((o) => o.metadata.name === 'notes')!.data.notes as string;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function kcpOf(major: (typeof HELM_MAJORS)[number], values?: unknown) {
  const docs = await renderChart('kubernetes', { major, values });
  return { docs, kcp: ofKind(docs, 'KamajiControlPlane')[0]! };
}

describe.each(HELM_MAJORS)('tenant control plane under Helm %i', (major) => {
  it('wires the Cluster to the KamajiControlPlane and the Kamaji-managed KubevirtCluster by name', async () => {
    const docs = await renderChart('kubernetes', { major, release: 'blue', namespace: 'team-blue' });
    const cluster = ofKind(docs, 'Cluster')[0]!;
    const kcp = ofKind(docs, 'KamajiControlPlane')[0]!;
    const kvc = ofKind(docs, 'KubevirtCluster')[0]!;
    expect(cluster.metadata).toMatchObject({ name: 'blue', namespace: 'team-blue' });
    expect(cluster.spec.controlPlaneRef).toEqual({ apiGroup: 'controlplane.cluster.x-k8s.io', kind: 'KamajiControlPlane', name: kcp.metadata.name });
    expect(cluster.spec.infrastructureRef).toEqual({ apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'KubevirtCluster', name: kvc.metadata.name });
    expect(kvc.metadata.annotations['cluster.x-k8s.io/managed-by']).toBe('kamaji');
    for (const o of [cluster, kcp, kvc]) expect(o.metadata.namespace).toBe('team-blue');
  });

  it('makes the CAPI kubeconfig Secret carry the in-cluster Service endpoint', async () => {
    const { kcp } = await kcpOf(major);
    // no key annotation: the provider writes admin.conf (RBAC applies) with the control-plane endpoint, and Kamaji
    // keeps that endpoint in cluster-info (a .svc key would put a name there the VMs cannot resolve)
    expect(kcp.metadata.annotations?.['kamaji.clastix.io/kubeconfig-secret-key']).toBeUndefined();
  });

  it('installs the pinned patch release of the default minor, on control plane and workers alike', async () => {
    const { docs, kcp } = await kcpOf(major);
    const patch = versionData['x-patches'][versionData.default]!;
    expect(kcp.spec.version).toBe(patch);
    for (const md of ofKind(docs, 'MachineDeployment')) expect(md.spec.template.spec.version).toBe(patch);
    const image = ofKind(docs, 'KubevirtMachineTemplate')[0]!.spec.template.spec.virtualMachineTemplate.spec.template.spec.volumes[0].containerDisk.image;
    expect(image).toBe(`${versionData['x-nodeImage']}:${patch}`);
  });

  it.each(Object.entries(versionData['x-patches']))('maps minor %s to its pinned patch %s', async (minor, patch) => {
    // no node groups: a minor without a published worker image needs one of the platform's own
    const { kcp } = await kcpOf(major, { controlPlane: { version: minor }, nodeGroups: { workers: null } });
    expect(kcp.spec.version).toBe(patch);
  });

  it('passes an exact patch of a supported minor through, with or without the v', async () => {
    const minor = Object.keys(versionData['x-patches'])[0]!;
    const noGroups = { workers: null };
    expect((await kcpOf(major, { controlPlane: { version: `v${minor}.1` }, nodeGroups: noGroups })).kcp.spec.version).toBe(`v${minor}.1`);
    expect((await kcpOf(major, { controlPlane: { version: `${minor}.3` }, nodeGroups: noGroups })).kcp.spec.version).toBe(`v${minor}.3`);
  });

  it('is highly available by default: two pods spread over nodes and zones', async () => {
    const { kcp } = await kcpOf(major);
    expect(kcp.spec.replicas).toBeGreaterThanOrEqual(2);
    const pref = kcp.spec.deployment.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0];
    expect(pref.podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(kcp.spec.deployment.topologySpreadConstraints[0].topologyKey).toBe('topology.kubernetes.io/zone');
  });

  it('adds no placement rules with spread: none', async () => {
    const { kcp } = await kcpOf(major, { controlPlane: { placement: { spread: 'none' } } });
    expect(kcp.spec.deployment).toBeUndefined();
  });

  describe('kube-proxy', () => {
    it('is skipped while the CNI addon replaces it', async () => {
      const { kcp } = await kcpOf(major, { addons: { cni: { enabled: true, kubeProxyReplacement: true } } });
      expect(kcp.spec.addons.kubeProxy).toBeUndefined();
    });

    it('is installed when the CNI keeps kube-proxy', async () => {
      const { kcp } = await kcpOf(major, { addons: { cni: { enabled: true, kubeProxyReplacement: false } } });
      expect(kcp.spec.addons.kubeProxy).toEqual({});
    });

    it('is installed when the CNI addon is off (bring your own CNI)', async () => {
      const { kcp } = await kcpOf(major, { addons: { cni: { enabled: false } } });
      expect(kcp.spec.addons.kubeProxy).toEqual({});
    });

    it('stays off when disabled, whatever the CNI does', async () => {
      const { kcp } = await kcpOf(major, { controlPlane: { addons: { kubeProxy: { enabled: false } } }, addons: { cni: { enabled: false } } });
      expect(kcp.spec.addons.kubeProxy).toBeUndefined();
    });
  });

  it('renders component flags as sorted --name=value lists', async () => {
    const { kcp } = await kcpOf(major, { controlPlane: { scheduler: { extraArgs: { v: '2', 'bind-address': '0.0.0.0' } } } });
    expect(kcp.spec.scheduler.extraArgs).toEqual(['--bind-address=0.0.0.0', '--v=2']);
    expect(kcp.spec.apiServer.extraArgs).toBeUndefined();
  });

  it('requests modest resources for every control-plane container by default', async () => {
    const { kcp } = await kcpOf(major, {});
    for (const c of [kcp.spec.apiServer, kcp.spec.controllerManager, kcp.spec.scheduler, kcp.spec.addons.konnectivity.server]) {
      expect(c.resources.requests.cpu).toMatch(/^\d+m$/);
      expect(c.resources.requests.memory).toMatch(/^\d+Mi$/);
      expect(c.resources.limits.memory).toBeDefined();
    }
  });

  it('exposes the API through an Ingress with its hostname in the certificate', async () => {
    const { kcp } = await kcpOf(major, {
      controlPlane: { network: { ingress: { enabled: true, hostname: 'api.a.example.com', className: 'haproxy', annotations: { 'haproxy.org/ssl-passthrough': 'true' } } } },
    });
    expect(kcp.spec.network.ingress).toEqual({ hostname: 'api.a.example.com', className: 'haproxy', extraAnnotations: { 'haproxy.org/ssl-passthrough': 'true' } });
    expect(kcp.spec.network.certSANs).toContain('api.a.example.com');
  });

  it('keeps konnectivity off and CoreDNS off when disabled', async () => {
    const { kcp } = await kcpOf(major, { controlPlane: { addons: { konnectivity: { enabled: false }, coreDNS: { enabled: false } } } });
    expect(kcp.spec.addons.konnectivity).toBeUndefined();
    expect(kcp.spec.addons.coreDNS).toBeUndefined();
  });

  it('refuses whole sections nulled, naming them, without a template panic (the schema owns the defaults)', async () => {
    const message = await renderError('kubernetes', { major, values: { controlPlane: null, nodeGroupDefaults: null, cluster: null } });
    expect(message).toMatch(/controlPlane|nodeGroupDefaults|cluster/);
    expect(message).not.toMatch(/nil pointer|<nil>|panic|runtime error/i);
  });

  it('NOTES name the Secret with the admin kubeconfig and the command that extracts it', async () => {
    const notes = await renderNotes(major, { release: 'blue', namespace: 'team-blue' });
    expect(notes).toContain('Secret blue-kubeconfig (key "value")');
    expect(notes).toContain("kubectl -n team-blue get secret blue-kubeconfig \\\n    -o jsonpath='{.data.value}' | base64 -d > blue.kubeconfig");
    expect(notes).toContain('control-plane endpoint');
    expect(notes).not.toMatch(/<no value>|<nil>/);
  });
});
