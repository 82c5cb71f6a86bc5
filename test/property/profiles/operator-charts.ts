// Fuzz profiles of the charts packaged from the KubeVirt and CDI operator manifests: every value is
// independent (no cross-field rules); their CRDs have no schema in kube-schemas/ (the upstream-charts
// test compares them with upstream's), so validation allows that one kind.
import type { ChartProfile } from '../../support/fuzz/property.ts';
import { CRD_KIND } from '../../platform/support.ts';

const operatorProfile = (chart: string, namespace: string): ChartProfile => ({
  chart,
  release: chart,
  namespace,
  sample: { optionalProbability: 0.5, maxEntries: 3 },
  repair: (values) => values,
  crossFieldMutations: [],
  validate: () => ({ allowKinds: [CRD_KIND] }),
});

export const kubevirtOperatorProfile = operatorProfile('kubevirt-operator', 'kubevirt');
export const cdiOperatorProfile = operatorProfile('cdi-operator', 'cdi');
