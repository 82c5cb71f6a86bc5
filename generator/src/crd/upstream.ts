// Pinned upstream sources of the schemas `matryoshka schemas sync --online` downloads: the CRD
// manifests of the component versions the charts target (DESIGN.md §2) and the strict core-kind
// schemas. Data only; each file is checked against its SHA-256 after download. The same bytes are
// in ../shared/crds and ../shared/k8s-schemas (the offline default). Bump a version = edit here.

export interface PinnedFile {
  url: string;
  sha256: string;
}

export interface PinnedCrdRepo {
  repo: string;
  tag: string;
  files: PinnedFile[];
}

const gh = (repo: string, tag: string, path: string) => `https://raw.githubusercontent.com/${repo}/${tag}/${path}`;

export const PINNED_CRDS: PinnedCrdRepo[] = [
  {
    repo: 'kubernetes-sigs/cluster-api',
    tag: 'v1.14.0',
    files: [
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'bootstrap/kubeadm/config/crd/bases/bootstrap.cluster.x-k8s.io_kubeadmconfigs.yaml'), sha256: 'ab6204c18a7fe7643e2ed4ffc0b030ce1218436487b9416edc74f604a1db85ff' },
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'bootstrap/kubeadm/config/crd/bases/bootstrap.cluster.x-k8s.io_kubeadmconfigtemplates.yaml'), sha256: 'f9c8195edb1053435a6f23a1fb0cbb479a5fe074a9231badec073c72ec7fc7ad' },
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'core/config/crd/bases/cluster.x-k8s.io_clusterclasses.yaml'), sha256: '6e165585dff2747b81a2cb0e673249546a5da5648759e318506fa3a1f9eeacb6' },
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'core/config/crd/bases/cluster.x-k8s.io_clusters.yaml'), sha256: '39768d1dbe14c7932e4fc4aacd90fcc08395f5922f74886e1a3d87868ce8d997' },
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'core/config/crd/bases/cluster.x-k8s.io_machinedeployments.yaml'), sha256: '7e24327ee53661507cf25fb2e0aa24053e7d565c2de72f52cdec412fde908dba' },
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'core/config/crd/bases/cluster.x-k8s.io_machinehealthchecks.yaml'), sha256: 'ed6db855b4b04e8a84ad9449023a52c64527945f4d43bff97cb8e555572e3b34' },
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'core/config/crd/bases/cluster.x-k8s.io_machines.yaml'), sha256: '0bd43e08ed8fa25424960d13275dd718fcb3477b407e11f7f0cfa25ad38d9476' },
      { url: gh('kubernetes-sigs/cluster-api', 'v1.14.0', 'core/config/crd/bases/cluster.x-k8s.io_machinesets.yaml'), sha256: '169429b63295a9e7d727fc56272ed53c36c4a48fc7ffcd4512d4d5b36e16da01' },
    ],
  },
  {
    repo: 'clastix/cluster-api-control-plane-provider-kamaji',
    tag: 'v0.20.0',
    files: [
      { url: gh('clastix/cluster-api-control-plane-provider-kamaji', 'v0.20.0', 'config/crd/bases/controlplane.cluster.x-k8s.io_kamajicontrolplanes.yaml'), sha256: '8cb61d397fede0faec40e269e0d4b14bc2e2ca5a788deb9b7ad3c696239a3de1' },
      { url: gh('clastix/cluster-api-control-plane-provider-kamaji', 'v0.20.0', 'config/crd/bases/controlplane.cluster.x-k8s.io_kamajicontrolplanetemplates.yaml'), sha256: '6a09caec1e9304ca3efec1d9fa199003a4b248bdc6be3ec9efe38b815ccc0935' },
    ],
  },
  {
    repo: 'clastix/kamaji',
    tag: '26.8.2-edge',
    files: [
      { url: gh('clastix/kamaji', '26.8.2-edge', 'charts/kamaji/crds/kamaji.clastix.io_datastores.yaml'), sha256: '47cf32ce26f850662d0b804f7084f1cf40bf4d094c160d9425222f903dbf3d04' },
      { url: gh('clastix/kamaji', '26.8.2-edge', 'charts/kamaji/crds/kamaji.clastix.io_tenantcontrolplanes.yaml'), sha256: 'be598e72e4410c46795759f712dd60ebb2691f6bbdc22147ac3b4dc3a3370140' },
    ],
  },
  {
    repo: 'kubernetes-sigs/cluster-api-provider-kubevirt',
    tag: 'v0.11.2',
    files: [
      { url: gh('kubernetes-sigs/cluster-api-provider-kubevirt', 'v0.11.2', 'config/crd/bases/infrastructure.cluster.x-k8s.io_kubevirtclusters.yaml'), sha256: '865e8c5906bc3f8f32c8340d5300d3039e0d01cc7a10e06cabd089b28981e509' },
      { url: gh('kubernetes-sigs/cluster-api-provider-kubevirt', 'v0.11.2', 'config/crd/bases/infrastructure.cluster.x-k8s.io_kubevirtmachines.yaml'), sha256: 'a6369faf1073068d0c895e720901ea2dfbec88691c630773c327e72704c5b1fe' },
      { url: gh('kubernetes-sigs/cluster-api-provider-kubevirt', 'v0.11.2', 'config/crd/bases/infrastructure.cluster.x-k8s.io_kubevirtmachinetemplates.yaml'), sha256: '2acccbdbdb74a8b75e01a5f1252e9da06f8f208abf2b36c3941378552be4b38c' },
    ],
  },
  {
    repo: 'fluxcd/helm-controller',
    tag: 'v1.6.3',
    files: [
      { url: gh('fluxcd/helm-controller', 'v1.6.3', 'config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml'), sha256: 'aa8638ac68465ceac1f93a617baf5be833c589c51fd78a7384a4a274c252becc' },
    ],
  },
  {
    repo: 'fluxcd/source-controller',
    tag: 'v1.9.1',
    files: [
      { url: gh('fluxcd/source-controller', 'v1.9.1', 'config/crd/bases/source.toolkit.fluxcd.io_gitrepositories.yaml'), sha256: '39a5a46c81539c992abc53f9be3e5434cd70d50a10d169b1e8a450e0df1c9d09' },
      { url: gh('fluxcd/source-controller', 'v1.9.1', 'config/crd/bases/source.toolkit.fluxcd.io_helmcharts.yaml'), sha256: 'dc0158d014e90007c0a084973ef561cd20d3d44520ed4e604e8acff8bb19d2b0' },
      { url: gh('fluxcd/source-controller', 'v1.9.1', 'config/crd/bases/source.toolkit.fluxcd.io_helmrepositories.yaml'), sha256: '97c7759df00946cbb9a75a56457cff9964b2543d2248df859cef21e26b8e2ae6' },
      { url: gh('fluxcd/source-controller', 'v1.9.1', 'config/crd/bases/source.toolkit.fluxcd.io_ocirepositories.yaml'), sha256: '2655834d468e46a533410d9e2bc3f4e7cbf9b4c922b95652012acb09bfb2545a' },
    ],
  },
  {
    repo: 'kubernetes-sigs/cluster-api-addon-provider-helm',
    tag: 'v0.6.4',
    files: [
      { url: gh('kubernetes-sigs/cluster-api-addon-provider-helm', 'v0.6.4', 'config/crd/bases/addons.cluster.x-k8s.io_helmchartproxies.yaml'), sha256: 'c3007c928dab1b0b231ee7854f0957cb7ae588d88ccd5230d33b9aa1df1b989b' },
      { url: gh('kubernetes-sigs/cluster-api-addon-provider-helm', 'v0.6.4', 'config/crd/bases/addons.cluster.x-k8s.io_helmreleaseproxies.yaml'), sha256: '0e8e50793ee31b3aafa959d1ab79dc3a7e06bb1dbbf3e71a923aab9f42dca10a' },
    ],
  },
  {
    repo: 'kubernetes-sigs/cluster-api-operator',
    tag: 'v0.28.0',
    files: [
      { url: gh('kubernetes-sigs/cluster-api-operator', 'v0.28.0', 'config/crd/bases/operator.cluster.x-k8s.io_addonproviders.yaml'), sha256: '86af1b56664dca5a9ef06563134d18086437e4efa759ddf9c8dae5418071651a' },
      { url: gh('kubernetes-sigs/cluster-api-operator', 'v0.28.0', 'config/crd/bases/operator.cluster.x-k8s.io_bootstrapproviders.yaml'), sha256: 'a8404b87f8700423afeecd86cacbf4727851fc16984571a617870aea603eecca' },
      { url: gh('kubernetes-sigs/cluster-api-operator', 'v0.28.0', 'config/crd/bases/operator.cluster.x-k8s.io_controlplaneproviders.yaml'), sha256: 'ec67e9050d7ebb0a0cee187f36be06dd1b9bc816bcb4addf39f588e95e98bc34' },
      { url: gh('kubernetes-sigs/cluster-api-operator', 'v0.28.0', 'config/crd/bases/operator.cluster.x-k8s.io_coreproviders.yaml'), sha256: 'bfe9514f2e84765fc2c25190e133933f930e8af4fe0d8812742b4244d1578463' },
      { url: gh('kubernetes-sigs/cluster-api-operator', 'v0.28.0', 'config/crd/bases/operator.cluster.x-k8s.io_infrastructureproviders.yaml'), sha256: 'ad94514ae8407a901b3b13a9fa20e9285092cc907a262ef5c1d3d9d3562cf908' },
    ],
  },
];

/** Strict core-kind schemas (yannh/kubernetes-json-schema master-standalone-strict, ~v1.33 dev), from the
 * mirror commit the reference copies were taken from (see ../shared/k8s-schemas/README.md). */
const CORE_BASE = 'https://raw.githubusercontent.com/redacid/k8s-json-scheme/1eb5217a9c1ad5644b340b804d4f6b6611d38ed8/master-standalone-strict';

export const PINNED_CORE_SCHEMAS: PinnedFile[] = [
  { url: `${CORE_BASE}/clusterrole-rbac-v1.json`, sha256: '1cd3ebe8b3bfa322033e2e43db13e2a6f4b5361fb4eb3fc497d0e13c61650589' },
  { url: `${CORE_BASE}/clusterrolebinding-rbac-v1.json`, sha256: 'dfdcbd934a7365bd8b9baade3d7bab61e9f6350beb33885587d3712ad9a8bee2' },
  { url: `${CORE_BASE}/configmap-v1.json`, sha256: '0e36f65157f453a2ae67bc1749f2300229aace9b5a42faa54b9b4d747301b9f8' },
  { url: `${CORE_BASE}/cronjob-batch-v1.json`, sha256: '220bb6e8f5cc3c25381bc64c4dbc8a7ccfab0608c7cc3aff84f2907114f3f8fb' },
  { url: `${CORE_BASE}/csidriver-storage-v1.json`, sha256: 'f808103a66f09a28535eae47f8befd08b1e74c51d6a44dd9f4e86831ad578ca7' },
  { url: `${CORE_BASE}/daemonset-apps-v1.json`, sha256: 'c31fc0b0f241de4ddd7bcba5de26c08cfef95dcc541c824d17d9dce66ab8c730' },
  { url: `${CORE_BASE}/deployment-apps-v1.json`, sha256: '5fb62a0afd16e36038778e226e8efb18e5e19ea1e4a675647a16cfad4f28d107' },
  { url: `${CORE_BASE}/ingress-networking-v1.json`, sha256: '153e7420e4ee328cbf05da4730243d58d5a14ebe92b2eeb6e395d906b67b5506' },
  { url: `${CORE_BASE}/job-batch-v1.json`, sha256: '91b155655cb39ac1d637728ccbdbf2060178a94e140ec07e70a874589a13c793' },
  { url: `${CORE_BASE}/limitrange-v1.json`, sha256: '88e2a06865d34fb7caeb83b19a55d38dd086aed50bc2decf3e56dea964462dce' },
  { url: `${CORE_BASE}/namespace-v1.json`, sha256: '057bbc21e2c38091ef5bff722aadb66c5aff374a9e4d89052b8e0e2c055c8aa9' },
  { url: `${CORE_BASE}/networkpolicy-networking-v1.json`, sha256: 'c8417707b321ae41f93218d6ef80c603184858c6c6287f275e29e33160cf0a91' },
  { url: `${CORE_BASE}/persistentvolumeclaim-v1.json`, sha256: 'fdceff61eb20b63dcc3d9c3113fd225c922a92ead3aa3a9c1a6f9c651991fc0e' },
  { url: `${CORE_BASE}/poddisruptionbudget-policy-v1.json`, sha256: '14f3e1fc809e91bd533bdd4bfee661da265183e75fd019fbed5a5131a9ed03f3' },
  { url: `${CORE_BASE}/priorityclass-scheduling-v1.json`, sha256: 'f1b8beeef723a90dfa2e6ada198767d7290ab2447a98bf36e8b47ab30c54e07a' },
  { url: `${CORE_BASE}/resourcequota-v1.json`, sha256: '6b740647e15f80a5560cea0f5b6229579246e9a2840dd7b8fd925e506b1471d5' },
  { url: `${CORE_BASE}/role-rbac-v1.json`, sha256: '412f2fe9d25dbe8c5c9cba127079a319d33e09a2b40c8f3e7fe01d8841a548a8' },
  { url: `${CORE_BASE}/rolebinding-rbac-v1.json`, sha256: '253886b14732c3c8e7d36f492e88778e498e7fb71b788640d9fea949d690dcee' },
  { url: `${CORE_BASE}/secret-v1.json`, sha256: '2e1cb76e559c9008fbb221daefbac47034bb9d73d909502a057f4ea8c40bfd2d' },
  { url: `${CORE_BASE}/service-v1.json`, sha256: 'd40d4bb948f55ed6a439e569083d09a8739c19d3e6126012fe90dd4a8aaa5604' },
  { url: `${CORE_BASE}/serviceaccount-v1.json`, sha256: 'c6e51293a95243d0dd75016ad775ec18504cdebccf3031526cbd7decd7cc95f3' },
  { url: `${CORE_BASE}/statefulset-apps-v1.json`, sha256: 'a3592b7945a8b61ca33bd31b8bcd30269376e4ff09633c7e4e001dc31a0b95ba' },
  { url: `${CORE_BASE}/storageclass-storage-v1.json`, sha256: 'ffd45121c86ac40cc1f71004585e6b3153b7943c81aed0bae40932d7ce97bc21' },
];
