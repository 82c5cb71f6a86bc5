// Fuzz profile of charts/kubevirt-csi-node: storage class names are unique and exactly one is the default.
import type { ChartProfile } from '../../support/fuzz/property.ts';

type V = Record<string, unknown>;

export const kubevirtCsiNodeProfile: ChartProfile = {
  chart: 'kubevirt-csi-node',
  release: 'kubevirt-csi-node',
  namespace: 'kubevirt-csi-node',
  sample: { optionalProbability: 0.5, maxEntries: 3 },
  repair(values) {
    if (Array.isArray(values.storageClasses)) {
      const classes = values.storageClasses as V[];
      if (classes.length === 0) delete values.storageClasses;
      classes.forEach((c, i) => {
        c.name = `class-${i}`;
        c.default = i === 0;
      });
    }
    return values;
  },
  crossFieldMutations: [
    (values) => {
      const v = structuredClone(values);
      v.storageClasses = [
        { name: 'a', default: true },
        { name: 'b', default: true },
      ];
      return { kind: 'cross-field', path: ['storageClasses'], mustMention: 'storageClasses', values: v };
    },
    (values) => {
      const v = structuredClone(values);
      v.storageClasses = [
        { name: 'same', default: true },
        { name: 'same', default: false },
      ];
      return { kind: 'cross-field', path: ['storageClasses'], mustMention: 'same', values: v };
    },
  ],
};
