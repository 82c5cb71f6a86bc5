// Every RBAC contract the `rbac-sufficiency` rule knows: per component and version, the API calls
// it makes with its service account. Adding one: a module exporting an RbacContract, listed here.
import { TIMESTAMP_TAG } from '../image.ts';
import { clusterAutoscalerV1343 } from './cluster-autoscaler-v1.34.3.ts';
import { kubevirtCcmV051 } from './kubevirt-ccm-v0.5.1.ts';
import { kubevirtCsiDriverBeforeVmHotplug, kubevirtCsiDriverWithExpansion } from './kubevirt-csi-driver.ts';
import type { RbacContract } from './types.ts';

export type { ApiCall, ComponentFacts, ContainerInput, RbacContract } from './types.ts';

export const RBAC_CONTRACTS: readonly RbacContract[] = [kubevirtCcmV051, kubevirtCsiDriverBeforeVmHotplug, kubevirtCsiDriverWithExpansion, clusterAutoscalerV1343];

export function contractCovers(contract: RbacContract, tag: string): boolean {
  const t = contract.tags;
  if (t.exact) return t.exact.includes(tag);
  if (t.format === 'timestamp' && !TIMESTAMP_TAG.test(tag)) return false;
  return (t.from === undefined || tag >= t.from) && (t.before === undefined || tag < t.before);
}
