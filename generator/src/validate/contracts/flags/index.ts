// Every container contract (flag table) the `container-flags` rule knows, one per image version.
// Adding a version: derive its table from the upstream source at that tag (see derive.ts), add
// the file here. test/validate/container-flags.test.ts checks that every image the kubernetes chart
// pins and passes flags to has a table for exactly that tag.
import { clusterAutoscalerV1343 } from './cluster-autoscaler-v1.34.3.ts';
import { csiAttacherV4100 } from './csi-attacher-v4.10.0.ts';
import { csiProvisionerV530 } from './csi-provisioner-v5.3.0.ts';
import { csiResizerV1140 } from './csi-resizer-v1.14.0.ts';
import { kubevirtCloudControllerManagerV051 } from './kubevirt-cloud-controller-manager-v0.5.1.ts';
import { kubevirtCsiDriver20240920145955 } from './kubevirt-csi-driver-20240920145955.ts';
import { livenessProbeV2170 } from './livenessprobe-v2.17.0.ts';
import { isRepository, parseImage } from '../image.ts';
import type { FlagTable } from './types.ts';

export type { FlagGroup, FlagSpec, FlagTable } from './types.ts';
export { flagIndex, normalizeFlag } from './types.ts';

export const FLAG_TABLES: readonly FlagTable[] = [
  kubevirtCloudControllerManagerV051,
  kubevirtCsiDriver20240920145955,
  csiProvisionerV530,
  csiAttacherV4100,
  csiResizerV1140,
  livenessProbeV2170,
  clusterAutoscalerV1343,
];

/** The table for this image reference (repository from any registry, exact tag), if any. */
export function flagTableFor(image: string, tables: readonly FlagTable[] = FLAG_TABLES): FlagTable | undefined {
  const ref = parseImage(image);
  if (!ref.tag) return undefined;
  return tables.find((t) => t.image.tag === ref.tag && isRepository(ref, t.image.repository));
}
