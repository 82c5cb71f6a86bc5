// The charts under property test, each with its cross-field knowledge.
import type { ChartProfile } from '../../support/fuzz/property.ts';
import { kubernetesProfile } from './kubernetes.ts';
import { kubevirtCsiNodeProfile } from './kubevirt-csi-node.ts';
import { platformProfile } from './management-platform.ts';
import { cdiOperatorProfile, kubevirtOperatorProfile } from './operator-charts.ts';

export const PROFILES: ChartProfile[] = [kubernetesProfile, platformProfile, kubevirtCsiNodeProfile, kubevirtOperatorProfile, cdiOperatorProfile];
