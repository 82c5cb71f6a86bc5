// The pinned upstream inputs of the committed schema folder (kube-schemas/): the CRD manifests of the
// component versions the charts target (DESIGN.md §2), the strict core-kind schemas, and KubeVirt's
// OpenAPI document. Data only. `matryoshka schemas sync` reads them from an inputs folder laid out like
// the project's reference data (`path`, default ../shared) or, with --online, downloads them (`url`);
// either way each is checked against its SHA-256 before use. Bump a version = edit here, then sync.

export type InputFormat = 'crd' | 'core-schema' | 'openapi';

export interface PinnedFile {
  /** where the file sits in the inputs folder; also its name in the NOTICE and manifest */
  path: string;
  /** what `schemas sync --online` downloads */
  url: string;
  /** SHA-256 of the file's bytes; for `document` inputs, of that one document as canonical JSON */
  sha256: string;
  /**
   * The input is one document (`Kind/name`) of a multi-document release manifest. Only that document is
   * pinned: the reference copy of the manifest lacks the release asset's Namespace object, so the asset's
   * own bytes could not be hashed offline.
   */
  document?: string;
}

export interface PinnedSource {
  /** GitHub owner/name */
  repo: string;
  /** tag (or commit) the files come from */
  ref: string;
  /** commit of the tag, where known */
  commit?: string;
  /** SPDX identifier, or what is known about the licence */
  licence: string;
  format: InputFormat;
  files: PinnedFile[];
  /** `openapi` sources: the kinds derived from the document */
  kinds?: readonly { apiVersion: string; kind: string }[];
  /** provenance worth knowing, printed in the NOTICE */
  note?: string;
}

const gh = (repo: string, ref: string, path: string) => `https://raw.githubusercontent.com/${repo}/${ref}/${path}`;

/** CRD files at a tag of a repository; `folder` is their folder under crds/ in the inputs. */
function crdRepo(repo: string, ref: string, commit: string, folder: string, files: [string, string][]): PinnedSource {
  return {
    repo,
    ref,
    commit,
    licence: 'Apache-2.0',
    format: 'crd',
    files: files.map(([path, sha256]) => ({ path: `crds/${folder}/${path.slice(path.lastIndexOf('/') + 1)}`, url: gh(repo, ref, path), sha256 })),
  };
}

export const PINNED_SOURCES: PinnedSource[] = [
  crdRepo('kubernetes-sigs/cluster-api', 'v1.14.0', '560d4acf507bc7cac34b2da449fa5cd53eaeb149', 'cluster-api', [
    ['bootstrap/kubeadm/config/crd/bases/bootstrap.cluster.x-k8s.io_kubeadmconfigs.yaml', 'ab6204c18a7fe7643e2ed4ffc0b030ce1218436487b9416edc74f604a1db85ff'],
    ['bootstrap/kubeadm/config/crd/bases/bootstrap.cluster.x-k8s.io_kubeadmconfigtemplates.yaml', 'f9c8195edb1053435a6f23a1fb0cbb479a5fe074a9231badec073c72ec7fc7ad'],
    ['core/config/crd/bases/cluster.x-k8s.io_clusterclasses.yaml', '6e165585dff2747b81a2cb0e673249546a5da5648759e318506fa3a1f9eeacb6'],
    ['core/config/crd/bases/cluster.x-k8s.io_clusters.yaml', '39768d1dbe14c7932e4fc4aacd90fcc08395f5922f74886e1a3d87868ce8d997'],
    ['core/config/crd/bases/cluster.x-k8s.io_machinedeployments.yaml', '7e24327ee53661507cf25fb2e0aa24053e7d565c2de72f52cdec412fde908dba'],
    ['core/config/crd/bases/cluster.x-k8s.io_machinehealthchecks.yaml', 'ed6db855b4b04e8a84ad9449023a52c64527945f4d43bff97cb8e555572e3b34'],
    ['core/config/crd/bases/cluster.x-k8s.io_machines.yaml', '0bd43e08ed8fa25424960d13275dd718fcb3477b407e11f7f0cfa25ad38d9476'],
    ['core/config/crd/bases/cluster.x-k8s.io_machinesets.yaml', '169429b63295a9e7d727fc56272ed53c36c4a48fc7ffcd4512d4d5b36e16da01'],
  ]),
  crdRepo('clastix/cluster-api-control-plane-provider-kamaji', 'v0.20.0', 'ce629592d4b2e159950c1941fa1e18dff3d2a832', 'cluster-api-control-plane-provider-kamaji', [
    ['config/crd/bases/controlplane.cluster.x-k8s.io_kamajicontrolplanes.yaml', '8cb61d397fede0faec40e269e0d4b14bc2e2ca5a788deb9b7ad3c696239a3de1'],
    ['config/crd/bases/controlplane.cluster.x-k8s.io_kamajicontrolplanetemplates.yaml', '6a09caec1e9304ca3efec1d9fa199003a4b248bdc6be3ec9efe38b815ccc0935'],
  ]),
  {
    ...crdRepo('clastix/kamaji', '26.8.2-edge', 'ddbabd87ed0e8d7c319414383e153c46f21733a9', 'kamaji', [
      ['charts/kamaji/crds/kamaji.clastix.io_datastores.yaml', '47cf32ce26f850662d0b804f7084f1cf40bf4d094c160d9425222f903dbf3d04'],
      ['charts/kamaji/crds/kamaji.clastix.io_tenantcontrolplanes.yaml', 'be598e72e4410c46795759f712dd60ebb2691f6bbdc22147ac3b4dc3a3370140'],
    ]),
    note: 'Apache-2.0 with a NOTICE file (Kamaji, copyright 2022 Clastix Labs).',
  },
  crdRepo('kubernetes-sigs/cluster-api-provider-kubevirt', 'v0.11.2', '2c2bb5beb8ef7265d2a0694e9fa75b73354b9484', 'cluster-api-provider-kubevirt', [
    ['config/crd/bases/infrastructure.cluster.x-k8s.io_kubevirtclusters.yaml', '865e8c5906bc3f8f32c8340d5300d3039e0d01cc7a10e06cabd089b28981e509'],
    ['config/crd/bases/infrastructure.cluster.x-k8s.io_kubevirtmachines.yaml', 'a6369faf1073068d0c895e720901ea2dfbec88691c630773c327e72704c5b1fe'],
    ['config/crd/bases/infrastructure.cluster.x-k8s.io_kubevirtmachinetemplates.yaml', '2acccbdbdb74a8b75e01a5f1252e9da06f8f208abf2b36c3941378552be4b38c'],
  ]),
  crdRepo('fluxcd/helm-controller', 'v1.6.3', '372c34e2b4a455d24ef6cbb8321c82c4533dbbd8', 'helm-controller', [
    ['config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml', 'aa8638ac68465ceac1f93a617baf5be833c589c51fd78a7384a4a274c252becc'],
  ]),
  crdRepo('fluxcd/source-controller', 'v1.9.1', '092bcff3c9c3f258a44310507201d295ff294ba6', 'source-controller', [
    ['config/crd/bases/source.toolkit.fluxcd.io_gitrepositories.yaml', '39a5a46c81539c992abc53f9be3e5434cd70d50a10d169b1e8a450e0df1c9d09'],
    ['config/crd/bases/source.toolkit.fluxcd.io_helmcharts.yaml', 'dc0158d014e90007c0a084973ef561cd20d3d44520ed4e604e8acff8bb19d2b0'],
    ['config/crd/bases/source.toolkit.fluxcd.io_helmrepositories.yaml', '97c7759df00946cbb9a75a56457cff9964b2543d2248df859cef21e26b8e2ae6'],
    ['config/crd/bases/source.toolkit.fluxcd.io_ocirepositories.yaml', '2655834d468e46a533410d9e2bc3f4e7cbf9b4c922b95652012acb09bfb2545a'],
  ]),
  crdRepo('kubernetes-sigs/cluster-api-addon-provider-helm', 'v0.6.4', '825662962a26dc339f3871184c91ed4bd2f83a4f', 'cluster-api-addon-provider-helm', [
    ['config/crd/bases/addons.cluster.x-k8s.io_helmchartproxies.yaml', 'c3007c928dab1b0b231ee7854f0957cb7ae588d88ccd5230d33b9aa1df1b989b'],
    ['config/crd/bases/addons.cluster.x-k8s.io_helmreleaseproxies.yaml', '0e8e50793ee31b3aafa959d1ab79dc3a7e06bb1dbbf3e71a923aab9f42dca10a'],
  ]),
  crdRepo('kubernetes-sigs/cluster-api-operator', 'v0.28.0', 'd32c1c2a0bd227e2a49e8c3db9c7ef6b131ec11f', 'cluster-api-operator', [
    ['config/crd/bases/operator.cluster.x-k8s.io_addonproviders.yaml', '86af1b56664dca5a9ef06563134d18086437e4efa759ddf9c8dae5418071651a'],
    ['config/crd/bases/operator.cluster.x-k8s.io_bootstrapproviders.yaml', 'a8404b87f8700423afeecd86cacbf4727851fc16984571a617870aea603eecca'],
    ['config/crd/bases/operator.cluster.x-k8s.io_controlplaneproviders.yaml', 'ec67e9050d7ebb0a0cee187f36be06dd1b9bc816bcb4addf39f588e95e98bc34'],
    ['config/crd/bases/operator.cluster.x-k8s.io_coreproviders.yaml', 'bfe9514f2e84765fc2c25190e133933f930e8af4fe0d8812742b4244d1578463'],
    ['config/crd/bases/operator.cluster.x-k8s.io_infrastructureproviders.yaml', 'ad94514ae8407a901b3b13a9fa20e9285092cc907a262ef5c1d3d9d3562cf908'],
  ]),
  // KubeVirt and CDI publish their operator CRDs only inside the operator release manifests.
  {
    repo: 'kubevirt/kubevirt',
    ref: 'v1.8.4',
    licence: 'Apache-2.0',
    format: 'crd',
    files: [
      {
        path: 'upstream/kubevirt-operator-v1.8.4/kubevirt-operator.yaml',
        url: 'https://github.com/kubevirt/kubevirt/releases/download/v1.8.4/kubevirt-operator.yaml',
        document: 'CustomResourceDefinition/kubevirts.kubevirt.io',
        sha256: '6c30d5f3fd6dae5cab64e7e8ac04bdf2e0db4a011f16a0633e7bdb3e75480ddc',
      },
    ],
  },
  {
    repo: 'kubevirt/containerized-data-importer',
    ref: 'v1.64.0',
    licence: 'Apache-2.0',
    format: 'crd',
    files: [
      {
        path: 'upstream/cdi-operator-v1.64.0/cdi-operator.yaml',
        url: 'https://github.com/kubevirt/containerized-data-importer/releases/download/v1.64.0/cdi-operator.yaml',
        document: 'CustomResourceDefinition/cdis.cdi.kubevirt.io',
        sha256: '527df8bbd30f593ba5b2bd00404c59e79aa0be8697e3f71a07783ce4a5715fcf',
      },
    ],
  },
  {
    repo: 'kubevirt/kubevirt',
    ref: 'v1.8.4',
    licence: 'Apache-2.0',
    format: 'openapi',
    files: [{ path: 'upstream/kubevirt-v1.8.4/swagger.json', url: gh('kubevirt/kubevirt', 'v1.8.4', 'api/openapi-spec/swagger.json'), sha256: 'addefe340f4809bc5346f52cbb126cbba30dd7829fa5a8cc6e1a8f5863cb4a6f' }],
    // created by virt-operator at run time (no CRD manifest is published): derived from the OpenAPI document
    kinds: [
      { apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachineClusterInstancetype' },
      { apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachineClusterPreference' },
      { apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachineInstancetype' },
      { apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachinePreference' },
    ],
  },
  {
    repo: 'redacid/k8s-json-scheme',
    ref: '1eb5217a9c1ad5644b340b804d4f6b6611d38ed8',
    commit: '1eb5217a9c1ad5644b340b804d4f6b6611d38ed8',
    licence: 'not verified (see note)',
    format: 'core-schema',
    note:
      'A public mirror of the output of yannh/kubernetes-json-schema (folder master-standalone-strict, generated by yannh/openapi2jsonschema ' +
      'from kubernetes/kubernetes master api/openapi-spec/swagger.json as of 2025-02-18, i.e. the v1.33 development cycle); not byte-verified ' +
      "against yannh's own repository. Licence: neither yannh/kubernetes-json-schema nor the mirror has a LICENSE file that could be found, so " +
      'the licence is not verified. yannh/kubernetes-json-schema says it is a fork of instrumenta/kubernetes-json-schema, whose LICENSE is ' +
      'Apache-2.0; the generator yannh/openapi2jsonschema is Apache-2.0, and the content derives from the Kubernetes OpenAPI document (Apache-2.0).',
    files: [
      ['clusterrole-rbac-v1.json', '1cd3ebe8b3bfa322033e2e43db13e2a6f4b5361fb4eb3fc497d0e13c61650589'],
      ['clusterrolebinding-rbac-v1.json', 'dfdcbd934a7365bd8b9baade3d7bab61e9f6350beb33885587d3712ad9a8bee2'],
      ['configmap-v1.json', '0e36f65157f453a2ae67bc1749f2300229aace9b5a42faa54b9b4d747301b9f8'],
      ['cronjob-batch-v1.json', '220bb6e8f5cc3c25381bc64c4dbc8a7ccfab0608c7cc3aff84f2907114f3f8fb'],
      ['csidriver-storage-v1.json', 'f808103a66f09a28535eae47f8befd08b1e74c51d6a44dd9f4e86831ad578ca7'],
      ['daemonset-apps-v1.json', 'c31fc0b0f241de4ddd7bcba5de26c08cfef95dcc541c824d17d9dce66ab8c730'],
      ['deployment-apps-v1.json', '5fb62a0afd16e36038778e226e8efb18e5e19ea1e4a675647a16cfad4f28d107'],
      ['ingress-networking-v1.json', '153e7420e4ee328cbf05da4730243d58d5a14ebe92b2eeb6e395d906b67b5506'],
      ['job-batch-v1.json', '91b155655cb39ac1d637728ccbdbf2060178a94e140ec07e70a874589a13c793'],
      ['limitrange-v1.json', '88e2a06865d34fb7caeb83b19a55d38dd086aed50bc2decf3e56dea964462dce'],
      ['namespace-v1.json', '057bbc21e2c38091ef5bff722aadb66c5aff374a9e4d89052b8e0e2c055c8aa9'],
      ['networkpolicy-networking-v1.json', 'c8417707b321ae41f93218d6ef80c603184858c6c6287f275e29e33160cf0a91'],
      ['persistentvolumeclaim-v1.json', 'fdceff61eb20b63dcc3d9c3113fd225c922a92ead3aa3a9c1a6f9c651991fc0e'],
      ['poddisruptionbudget-policy-v1.json', '14f3e1fc809e91bd533bdd4bfee661da265183e75fd019fbed5a5131a9ed03f3'],
      ['priorityclass-scheduling-v1.json', 'f1b8beeef723a90dfa2e6ada198767d7290ab2447a98bf36e8b47ab30c54e07a'],
      ['resourcequota-v1.json', '6b740647e15f80a5560cea0f5b6229579246e9a2840dd7b8fd925e506b1471d5'],
      ['role-rbac-v1.json', '412f2fe9d25dbe8c5c9cba127079a319d33e09a2b40c8f3e7fe01d8841a548a8'],
      ['rolebinding-rbac-v1.json', '253886b14732c3c8e7d36f492e88778e498e7fb71b788640d9fea949d690dcee'],
      ['secret-v1.json', '2e1cb76e559c9008fbb221daefbac47034bb9d73d909502a057f4ea8c40bfd2d'],
      ['service-v1.json', 'd40d4bb948f55ed6a439e569083d09a8739c19d3e6126012fe90dd4a8aaa5604'],
      ['serviceaccount-v1.json', 'c6e51293a95243d0dd75016ad775ec18504cdebccf3031526cbd7decd7cc95f3'],
      ['statefulset-apps-v1.json', 'a3592b7945a8b61ca33bd31b8bcd30269376e4ff09633c7e4e001dc31a0b95ba'],
      ['storageclass-storage-v1.json', 'ffd45121c86ac40cc1f71004585e6b3153b7943c81aed0bae40932d7ce97bc21'],
    ].map(([name, sha256]) => ({
      path: `k8s-schemas/${name}`,
      url: `https://raw.githubusercontent.com/redacid/k8s-json-scheme/1eb5217a9c1ad5644b340b804d4f6b6611d38ed8/master-standalone-strict/${name}`,
      sha256: sha256!,
    })),
  },
];
