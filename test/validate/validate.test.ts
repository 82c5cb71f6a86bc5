import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../generator/src/manifest/parse.ts';
import { repoRoot } from '../../generator/src/paths.ts';
import { committedSchemaDir, defaultSchemaDirs, findSchema, formatIssue } from '../../generator/src/validate/index.ts';
import { expectValid, validate, validationErrors } from '../support/validate.ts';
import { TENANT_EXTERNALS, cleanTenant, tenantWith, without } from './fixture.ts';

const opts = { external: TENANT_EXTERNALS };
/** [rule, path, object] of each problem, the parts a test pins down. */
const found = (docs: Parameters<typeof validate>[0], o: Parameters<typeof validate>[1] = opts) => validationErrors(docs, o).map((e) => [e.rule, e.path, e.object]);

describe('a clean multi-document render', () => {
  it('passes strict schemas and every wiring rule', () => {
    const report = expectValid(cleanTenant(), opts);
    expect(report.objects).toBe(16);
    expect(report.allowListed).toEqual([]);
  });

  it('fails only on the external chart source when it is not declared', () => {
    expect(found(cleanTenant(), {})).toEqual([['helmrelease-source', 'spec.chart.spec.sourceRef.name', 'HelmRelease/tenant-a/tenant-a-metrics-server']]);
  });

  it('expectValid throws the readable report', () => {
    expect(() => expectValid(cleanTenant())).toThrow(/HelmRelease\/tenant-a\/tenant-a-metrics-server \(kubernetes\/templates\/helmrelease.yaml\) spec.chart.spec.sourceRef.name: .* \[helmrelease-source\]/);
  });
});

describe('strict schema validation', () => {
  it('catches a misspelled field in a CRD object', () => {
    const docs = tenantWith('Cluster', 'tenant-a', (o) => {
      o.spec.clusterNetwrk = o.spec.clusterNetwork;
      delete o.spec.clusterNetwork;
    });
    const errors = validationErrors(docs, opts);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'schema', object: 'Cluster/tenant-a/tenant-a', path: 'spec.clusterNetwrk', message: 'unknown field "clusterNetwrk"', source: 'kubernetes/templates/cluster.yaml' });
  });

  it('catches a wrong type in a core object', () => {
    const docs = tenantWith('Service', 'tenant-a-ccm', (o) => {
      o.spec.ports[0].port = 'eighty';
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'schema', path: 'spec.ports[0].port', message: 'must be integer, got the string "eighty"' }]);
  });

  it('catches a wrong type deep inside a workload pod template', () => {
    const docs = tenantWith('Deployment', 'tenant-a-ccm', (o) => {
      o.spec.replicas = '2';
      o.spec.template.spec.containers[0].imagePullPolicy = 7;
    });
    expect(found(docs)).toEqual([
      ['schema', 'spec.replicas', 'Deployment/tenant-a/tenant-a-ccm'],
      ['schema', 'spec.template.spec.containers[0].imagePullPolicy', 'Deployment/tenant-a/tenant-a-ccm'],
    ]);
  });

  it('summarises an int-or-string field as one readable message', () => {
    const docs = tenantWith('Service', 'tenant-a-ccm', (o) => {
      o.spec.ports[0].targetPort = true;
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ path: 'spec.ports[0].targetPort', message: 'must be string or integer, got boolean true' }]);
  });

  it('checks metadata of CRD objects too (CRD schemas leave it open): a misspelled metadata field', () => {
    const docs = tenantWith('MachineDeployment', 'tenant-a-workers', (o) => {
      (o.metadata as Record<string, unknown>).lables = { a: 'b' };
    });
    expect(found(docs)).toEqual([['schema', 'metadata.lables', 'MachineDeployment/tenant-a/tenant-a-workers']]);
  });

  it('reports a missing required field', () => {
    const docs = tenantWith('KamajiControlPlane', 'tenant-a', (o) => {
      delete o.spec.version;
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'schema', path: 'spec', message: 'missing required field "version"' }]);
  });

  it('reports an unknown kind, and names it in the error', () => {
    const docs = [...cleanTenant(), ...parseManifests('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n')];
    const errors = validationErrors(docs, opts);
    expect(errors.map((e) => [e.rule, e.object])).toEqual([['unknown-kind', 'Widget/tenant-a/w']]);
    expect(errors[0]!.message).toContain('--allow-kind example.com/Widget');
  });

  it('accepts an allow-listed kind and lists it in the report', () => {
    const docs = [...cleanTenant(), ...parseManifests('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n')];
    const report = validate(docs, { ...opts, allowKinds: ['example.com/Widget', 'v1/Pod'] });
    expect(report.errors).toEqual([]);
    expect(report.allowListed).toEqual(['Pod', 'example.com/Widget']);
  });

  it('validates custom resources against a CRD that is part of the input', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec: {type: object, properties: {size: {type: integer}}}
`;
    const ok = parseManifests(`${crd}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n`);
    const report = validate(ok, { allowKinds: ['apiextensions.k8s.io/CustomResourceDefinition'] });
    expect(report.errors).toEqual([]);
    expect(report.allowListed).toEqual(['apiextensions.k8s.io/CustomResourceDefinition']);
    const bad = parseManifests(`${crd}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {sise: 3}\n`);
    expect(found(bad, { allowKinds: ['apiextensions.k8s.io/CustomResourceDefinition'] })).toEqual([['schema', 'spec.sise', 'Widget/tenant-a/w']]);
  });

  it('an allow-list entry for another group does not cover the kind', () => {
    const docs = parseManifests('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n');
    expect(validationErrors(docs, { allowKinds: ['other.io/Widget'] }).map((e) => e.rule)).toEqual(['unknown-kind']);
  });

  it('does not use the legacy schemas: a removed Flux API version is an unknown kind', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => {
      o.apiVersion = 'helm.toolkit.fluxcd.io/v2beta2';
    });
    expect(found(docs)).toContainEqual(['unknown-kind', '.', 'HelmRelease/tenant-a/tenant-a-cilium']);
  });

  it('rejects a document that is not a Kubernetes object', () => {
    expect(validationErrors(parseManifests('foo: bar\n'), {}).map((e) => e.rule)).toEqual(['object']);
  });
});

describe('wiring: Cluster API references', () => {
  it('catches a dangling controlPlaneRef', () => {
    const docs = tenantWith('Cluster', 'tenant-a', (o) => {
      o.spec.controlPlaneRef.name = 'tenant-b';
    });
    expect(found(docs)).toEqual([['cluster-refs', 'spec.controlPlaneRef.name', 'Cluster/tenant-a/tenant-a']]);
  });

  it('catches a controlPlaneRef whose API group does not match the object', () => {
    const docs = tenantWith('Cluster', 'tenant-a', (o) => {
      o.spec.controlPlaneRef.apiGroup = 'controlplane.example.com';
    });
    expect(validationErrors(docs, opts)[0]!.message).toContain('in API group controlplane.cluster.x-k8s.io');
  });

  it('catches a managed-topology Cluster whose ClusterClass is missing', () => {
    const docs = tenantWith('Cluster', 'tenant-a', (o) => {
      o.spec.topology = { classRef: { name: 'kamaji-kubevirt' }, version: 'v1.33.4' };
    });
    expect(found(docs)).toEqual([['cluster-refs', 'spec.topology.classRef.name', 'Cluster/tenant-a/tenant-a']]);
  });

  it('catches a MachineDeployment whose bootstrap config template is missing', () => {
    const docs = without(cleanTenant(), 'KubeadmConfigTemplate', 'tenant-a-workers-1a2b3c4d');
    expect(found(docs)).toEqual([['machine-refs', 'spec.template.spec.bootstrap.configRef.name', 'MachineDeployment/tenant-a/tenant-a-workers']]);
  });

  it('catches a MachineDeployment whose infrastructure template is missing', () => {
    const docs = tenantWith('MachineDeployment', 'tenant-a-workers', (o) => {
      o.spec.template.spec.infrastructureRef.name = 'tenant-a-workers-0000';
    });
    expect(found(docs)).toEqual([['machine-refs', 'spec.template.spec.infrastructureRef.name', 'MachineDeployment/tenant-a/tenant-a-workers']]);
  });

  it('catches a MachineDeployment of a cluster that is not there', () => {
    const docs = tenantWith('MachineDeployment', 'tenant-a-workers', (o) => {
      o.spec.clusterName = 'tenant-z';
      o.spec.template.spec.clusterName = 'tenant-z';
    });
    expect(found(docs)).toContainEqual(['machine-refs', 'spec.clusterName', 'MachineDeployment/tenant-a/tenant-a-workers']);
  });

  it('catches a MachineDeployment selector that does not match its template labels', () => {
    const docs = tenantWith('MachineDeployment', 'tenant-a-workers', (o) => {
      o.spec.selector.matchLabels['matryoshka.dev/node-group'] = 'gpu';
    });
    expect(found(docs)).toContainEqual(['selector-template', 'spec.selector', 'MachineDeployment/tenant-a/tenant-a-workers']);
  });

  it('catches a MachineHealthCheck selector that matches no machines', () => {
    const docs = tenantWith('MachineHealthCheck', 'tenant-a-workers', (o) => {
      o.spec.selector.matchLabels['matryoshka.dev/node-group'] = 'workerz';
    });
    const errors = validationErrors(docs, opts);
    expect(errors.map((e) => [e.rule, e.path, e.object])).toEqual([['healthcheck-selector', 'spec.selector', 'MachineHealthCheck/tenant-a/tenant-a-workers']]);
    expect(errors[0]!.message).toBe('selector matryoshka.dev/node-group=workerz matches no machines: none of the 1 MachineDeployment/MachineSet(s) of Cluster tenant-a in tenant-a has matching spec.template.metadata.labels');
  });

  it('catches autoscaler bounds with min greater than max', () => {
    const docs = tenantWith('MachineDeployment', 'tenant-a-workers', (o) => {
      o.metadata.annotations!['cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size'] = '6';
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'autoscaler', message: 'min size 6 is greater than max size 5' }]);
  });

  it('catches spec.replicas next to the autoscaler annotations', () => {
    const docs = tenantWith('MachineDeployment', 'tenant-a-workers', (o) => {
      o.spec.replicas = 2;
    });
    expect(found(docs)).toEqual([['autoscaler', 'spec.replicas', 'MachineDeployment/tenant-a/tenant-a-workers']]);
  });
});

describe('wiring: Flux HelmReleases', () => {
  it('catches a HelmRelease that depends on a missing release', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-metrics-server', (o) => {
      o.spec.dependsOn[0].name = 'tenant-a-cni';
    });
    const errors = validationErrors(docs, opts);
    expect(errors.map((e) => [e.rule, e.path])).toEqual([['helmrelease-depends-on', 'spec.dependsOn[0]']]);
    expect(errors[0]!.message).toContain('HelmRelease tenant-a/tenant-a-cni');
  });

  it('accepts a dependency declared external', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-metrics-server', (o) => {
      o.spec.dependsOn[0] = { name: 'cert-manager', namespace: 'platform' };
    });
    expect(validationErrors(docs, { external: [...TENANT_EXTERNALS, 'HelmRelease/platform/cert-manager'] })).toEqual([]);
  });

  it('catches a dependsOn cycle', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => {
      o.spec.dependsOn = [{ name: 'tenant-a-metrics-server' }];
    });
    expect(validationErrors(docs, opts).map((e) => [e.rule, e.message])).toEqual([['helmrelease-depends-on', 'dependsOn cycle tenant-a-cilium → tenant-a-metrics-server → tenant-a-cilium: none of them will ever reconcile']]);
  });

  it('catches a missing chart source', () => {
    const docs = without(cleanTenant(), 'HelmRepository', 'tenant-a-cilium');
    expect(found(docs)).toEqual([['helmrelease-source', 'spec.chart.spec.sourceRef.name', 'HelmRelease/tenant-a/tenant-a-cilium']]);
  });

  it('catches a kubeconfig Secret that is not the one the provider writes', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => {
      o.spec.kubeConfig.secretRef.name = 'tenant-a-admin-kubeconfg';
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'helmrelease-kubeconfig', path: 'spec.kubeConfig.secretRef.name', message: 'kubeconfig Secret "tenant-a-admin-kubeconfg" is not what the control-plane provider writes; expected "tenant-a-kubeconfig"' }]);
  });

  it('catches a remote release stored outside its target namespace, or into a namespace a new cluster lacks', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-metrics-server', (o) => {
      delete o.spec.storageNamespace;
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'helmrelease-remote', path: 'spec.storageNamespace', message: 'Helm stores the release in namespace "tenant-a" of the remote cluster, which need not exist there; set storageNamespace to the targetNamespace "kube-system"' }]);
    const monitoring = tenantWith('HelmRelease', 'tenant-a-metrics-server', (o) => {
      o.spec.targetNamespace = 'monitoring';
      o.spec.storageNamespace = 'monitoring';
    });
    expect(found(monitoring)).toEqual([['helmrelease-remote', 'spec.install.createNamespace', 'HelmRelease/tenant-a/tenant-a-metrics-server']]);
  });

  it("catches Kamaji's admin kubeconfig used without a key Flux can read", () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => {
      o.spec.kubeConfig.secretRef.name = 'tenant-a-admin-kubeconfig';
    });
    expect(found(docs)).toEqual([['helmrelease-kubeconfig', 'spec.kubeConfig.secretRef', 'HelmRelease/tenant-a/tenant-a-cilium']]);
    const withKey = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => {
      o.spec.kubeConfig.secretRef = { name: 'tenant-a-admin-kubeconfig', key: 'admin.svc' };
    });
    expect(found(withKey)).toEqual([]);
  });
});

describe('wiring: values and objects written at run time', () => {
  it('catches a valuesFrom Secret that does not exist, and skips optional ones', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => {
      o.spec.valuesFrom = [
        { kind: 'Secret', name: 'tenant-a-cilium-values' },
        { kind: 'ConfigMap', name: 'maybe', optional: true },
      ];
    });
    expect(found(docs)).toEqual([['helmrelease-values-from', 'spec.valuesFrom[0].name', 'HelmRelease/tenant-a/tenant-a-cilium']]);
  });

  it('catches a valuesFrom key the rendered ConfigMap lacks (default key values.yaml)', () => {
    const docs = tenantWith('HelmRelease', 'tenant-a-cilium', (o) => {
      o.spec.valuesFrom = [{ kind: 'ConfigMap', name: 'tenant-a-ccm' }];
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'helmrelease-values-from', path: 'spec.valuesFrom[0].valuesKey', message: 'ConfigMap tenant-a-ccm has no key "values.yaml" (it has: cloud-config)' }]);
  });

  it('counts Secrets cert-manager writes and the kube-root-ca.crt ConfigMap as existing', () => {
    const docs = tenantWith('Deployment', 'tenant-a-ccm', (o) => {
      o.spec.template.spec.volumes.push({ name: 'tls', secret: { secretName: 'tenant-a-ccm-tls', items: [{ key: 'tls.crt', path: 'tls.crt' }] } });
      o.spec.template.spec.volumes.push({ name: 'ca', configMap: { name: 'kube-root-ca.crt' } });
    });
    expect(found(docs).map(([rule, path]) => [rule, path])).toEqual([['pod-refs', 'spec.template.spec.volumes[2].secret.secretName']]);
    const certificate = parseManifests('apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: tenant-a-ccm}\nspec: {secretName: tenant-a-ccm-tls, dnsNames: [ccm], issuerRef: {name: x}}\n');
    expect(validationErrors([...docs, ...certificate], { ...opts, allowKinds: ['cert-manager.io/Certificate'] })).toEqual([]);
  });
});

describe('wiring: pods, RBAC, names, duplicates', () => {
  it('catches a pod mounting a Secret that nothing provides', () => {
    const docs = tenantWith('Deployment', 'tenant-a-ccm', (o) => {
      o.spec.template.spec.volumes[1].secret.secretName = 'tenant-b-kubeconfig';
    });
    expect(found(docs)).toEqual([['pod-refs', 'spec.template.spec.volumes[1].secret.secretName', 'Deployment/tenant-a/tenant-a-ccm']]);
  });

  it('catches a key the provider-written kubeconfig Secret does not have', () => {
    const docs = tenantWith('Deployment', 'tenant-a-ccm', (o) => {
      o.spec.template.spec.volumes[1].secret.items[0].key = 'admin.conf';
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'pod-refs', message: 'Secret tenant-a-kubeconfig has no key "admin.conf" (it has: value)' }]);
  });

  it('catches a ConfigMap key read through env that the rendered ConfigMap lacks, and skips optional refs', () => {
    const docs = tenantWith('Deployment', 'tenant-a-ccm', (o) => {
      o.spec.template.spec.containers[0].env = [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'tenant-a-ccm', key: 'nope' } } },
        { name: 'B', valueFrom: { secretKeyRef: { name: 'maybe', key: 'x', optional: true } } },
      ];
    });
    expect(found(docs)).toEqual([['pod-refs', 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name', 'Deployment/tenant-a/tenant-a-ccm']]);
  });

  it('catches a pod running as a ServiceAccount that is not rendered', () => {
    const docs = without(cleanTenant(), 'ServiceAccount', 'tenant-a-ccm');
    expect(found(docs).map(([rule, path]) => [rule, path])).toEqual([
      ['rbac-refs', 'subjects[0].name'],
      ['pod-refs', 'spec.template.spec.serviceAccountName'],
    ]);
  });

  it('catches a RoleBinding to a missing Role, and accepts built-in ClusterRoles', () => {
    const missing = tenantWith('RoleBinding', 'tenant-a-ccm', (o) => {
      o.roleRef.name = 'tenant-a-ccm-old';
    });
    expect(found(missing)).toEqual([['rbac-refs', 'roleRef.name', 'RoleBinding/tenant-a/tenant-a-ccm']]);
    const builtin = tenantWith('RoleBinding', 'tenant-a-ccm', (o) => {
      o.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' };
    });
    expect(found(builtin)).toEqual([]);
  });

  it('catches an over-long name', () => {
    const long = `tenant-a-${'x'.repeat(60)}`;
    const docs = tenantWith('Service', 'tenant-a-ccm', (o) => {
      o.metadata.name = long;
    });
    expect(validationErrors(docs, opts)).toMatchObject([{ rule: 'names', path: 'metadata.name', message: `"${long}" is 69 characters; a Service name may have at most 63` }]);
  });

  it('allows a ConfigMap name longer than 63 (Kubernetes allows 253), though the core schema caps it', () => {
    const long = `tenant-a-${'c'.repeat(70)}`;
    const docs = tenantWith('ConfigMap', 'tenant-a-ccm', (o) => {
      o.metadata.name = long;
    });
    // only the Deployment's configMap volume now dangles
    expect(found(docs).map(([rule]) => rule)).toEqual(['pod-refs']);
  });

  it('allows long subdomain names for kinds that are not labels, but not upper case', () => {
    const docs = tenantWith('HelmRepository', 'tenant-a-cilium', (o) => {
      o.metadata.name = `tenant-a.${'x'.repeat(80)}`;
    });
    // the HelmRelease's sourceRef now dangles; the name itself is fine
    expect(found(docs).map(([rule]) => rule)).toEqual(['helmrelease-source']);
    const upper = tenantWith('HelmRepository', 'tenant-a-cilium', (o) => {
      o.metadata.name = 'Tenant-A';
    });
    expect(found(upper)).toContainEqual(['names', 'metadata.name', 'HelmRepository/tenant-a/Tenant-A']);
  });

  it('catches a non-string label value', () => {
    const docs = tenantWith('ConfigMap', 'tenant-a-ccm', (o) => {
      (o.metadata as Record<string, unknown>).labels = { version: 1.5 };
    });
    expect(found(docs)).toEqual([['names', 'metadata.labels.version', 'ConfigMap/tenant-a/tenant-a-ccm']]);
  });

  it('catches a duplicate object, naming where the first one came from', () => {
    const docs = cleanTenant();
    const copy = structuredClone(docs.find((d) => d.object.kind === 'ConfigMap')!);
    copy.source = 'kubernetes/templates/other.yaml';
    const errors = validationErrors([...docs, copy], opts);
    expect(errors.map((e) => [e.rule, e.object, e.source])).toEqual([['duplicate', 'ConfigMap/tenant-a/tenant-a-ccm', 'kubernetes/templates/other.yaml']]);
    expect(errors[0]!.message).toContain('also defined by kubernetes/templates/ccm-configmap.yaml');
  });

  it('treats a same-named object in another namespace as distinct', () => {
    const docs = cleanTenant();
    const copy = structuredClone(docs.find((d) => d.object.kind === 'ConfigMap')!);
    copy.object.metadata.namespace = 'tenant-b';
    expect(validationErrors([...docs, copy], opts)).toEqual([]);
  });
});

describe('several inputs and declared external objects', () => {
  const platform = parseManifests(
    `# Source: management-platform/templates/helmrepository.yaml
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: metrics-server, namespace: flux-system}
spec: {url: https://kubernetes-sigs.github.io/metrics-server}
`,
    'platform.yaml',
  );

  it('resolves refs across files validated together', () => {
    expect(validationErrors([...platform, ...cleanTenant()], {})).toEqual([]);
  });

  it('a wildcard external declaration covers any name', () => {
    expect(validationErrors(cleanTenant(), { external: ['HelmRepository/flux-system/*'] })).toEqual([]);
  });

  it('puts objects without a namespace into the given default namespace', () => {
    const errors = validationErrors(cleanTenant(), { namespace: 'elsewhere', external: TENANT_EXTERNALS });
    expect(errors).toEqual([]);
    expect(validate(cleanTenant(), { namespace: 'elsewhere' }).errors[0]!.object).toBe('HelmRelease/elsewhere/tenant-a-metrics-server');
  });
});

describe('report format', () => {
  it('prints one line: object (template) path: message [rule]', () => {
    const docs = tenantWith('Cluster', 'tenant-a', (o) => {
      o.spec.controlPlaneRef.name = 'tenant-b';
    });
    expect(formatIssue(validationErrors(docs, opts)[0]!)).toBe(
      'Cluster/tenant-a/tenant-a (kubernetes/templates/cluster.yaml) spec.controlPlaneRef.name: control plane controlplane.cluster.x-k8s.io/KamajiControlPlane tenant-a/tenant-b is not in the render and not declared external [cluster-refs]',
    );
  });
});

describe('schema directories', () => {
  it('defaults to the committed kube-schemas/ folder; MATRYOSHKA_SCHEMA_DIRS replaces it', () => {
    expect(defaultSchemaDirs({})).toEqual([join(repoRoot, 'kube-schemas')]);
    expect(defaultSchemaDirs({ MATRYOSHKA_SCHEMA_DIRS: ['a', 'b'].join(delimiter) })).toEqual([resolve('a'), resolve('b')]);
  });

  it('tells where the schemas are when no directory is given', () => {
    const errors = validationErrors(parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n'), { schemaDirs: [] });
    expect(errors).toMatchObject([{ rule: 'unknown-kind', message: "no schema for v1 ConfigMap: no schema directory given; pass --schemas <dir> (the project's schemas are in kube-schemas/)" }]);
  });

  it('reports a schema whose $ref cannot be resolved locally, naming both files (no crash, no download)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'matryoshka-refs-'));
    try {
      writeFileSync(join(dir, 'configmap-v1.json'), JSON.stringify({ type: 'object', properties: { data: { $ref: '_definitions.json#/definitions/data' } } }));
      mkdirSync(join(dir, 'example.com'));
      writeFileSync(join(dir, 'example.com', 'widget_v1.json'), JSON.stringify({ type: 'object', properties: { spec: { $ref: 'https://schemas.example.com/widget.json' } } }));
      const docs = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n');
      expect(validationErrors(docs, { schemaDirs: [dir], wiring: false }).map((e) => [e.rule, e.message.replaceAll(dir, '<dir>')])).toEqual([
        ['schema', expect.stringMatching(/^cannot read schema <dir>\/_definitions.json \(referred to by <dir>\/configmap-v1.json\): ENOENT/)],
        ['schema', 'schema <dir>/example.com/widget_v1.json refers to https://schemas.example.com/widget.json: only files of the schema folder are resolved, nothing is downloaded'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds schemas in both kubeconform layouts, in the first directory that has one', () => {
    const dirs = [committedSchemaDir];
    expect(findSchema(dirs, 'cluster.x-k8s.io/v1beta2', 'MachineDeployment')).toBe(join(committedSchemaDir, 'cluster.x-k8s.io', 'machinedeployment_v1beta2.json'));
    expect(findSchema(dirs, 'rbac.authorization.k8s.io/v1', 'RoleBinding')).toBe(join(committedSchemaDir, 'rolebinding-rbac-v1.json'));
    expect(findSchema(dirs, 'v1', 'ConfigMap')).toBe(join(committedSchemaDir, 'configmap-v1.json'));
    expect(findSchema(dirs, 'v1', 'Pod')).toBeUndefined();
    // versions current controllers no longer serve are not there
    expect(findSchema(dirs, 'helm.toolkit.fluxcd.io/v2beta2', 'HelmRelease')).toBeUndefined();
    const fixture = join(repoRoot, 'test', 'fixtures', 'schema-inputs', 'k8s-schemas');
    expect(findSchema([fixture, committedSchemaDir], 'v1', 'ConfigMap')).toBe(join(fixture, 'configmap-v1.json'));
  });
});
