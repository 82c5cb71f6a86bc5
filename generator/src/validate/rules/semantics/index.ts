// Semantic rules: what upstream controllers do with objects that are structurally fine. One small
// module per rule, each naming its upstream source; adding one is a module plus a line here.
import type { WiringRule } from '../../wiring.ts';
import { addonApiAddress } from './addon-api-address.ts';
import { autoscalerGpuType } from './autoscaler-gpu-type.ts';
import { csiResizerExpansion } from './csi-resizer-expansion.ts';
import { helmReleaseInstallRemediation } from './helmrelease-install-remediation.ts';
import { mhcMaxUnhealthy } from './mhc-max-unhealthy.ts';

export const SEMANTIC_RULES: readonly WiringRule[] = [mhcMaxUnhealthy, autoscalerGpuType, helmReleaseInstallRemediation, csiResizerExpansion, addonApiAddress];
