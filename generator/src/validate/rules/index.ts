// The wiring rule set. Adding a rule: write a module exporting a WiringRule and list it here.
import type { WiringRule } from '../wiring.ts';
import { autoscalerBounds } from './autoscaler.ts';
import { clusterRefs, machineRefs } from './capi-refs.ts';
import { celRules, celUnsupported } from './cel.ts';
import { helmReleaseValues } from './chart-values.ts';
import { containerFlags } from './container-flags.ts';
import { duplicates } from './duplicates.ts';
import { helmReleaseDependsOn, helmReleaseKubeconfig, helmReleaseRemote, helmReleaseSource, helmReleaseValuesFrom } from './flux.ts';
import { names } from './names.ts';
import { podRefs } from './pod-refs.ts';
import { rbacRefs } from './rbac.ts';
import { rbacSufficiency } from './rbac-sufficiency.ts';
import { healthCheckSelects, selectorMatchesTemplate } from './selectors.ts';
import { SEMANTIC_RULES } from './semantics/index.ts';

export const WIRING_RULES: readonly WiringRule[] = [
  names,
  duplicates,
  clusterRefs,
  machineRefs,
  selectorMatchesTemplate,
  healthCheckSelects,
  autoscalerBounds,
  helmReleaseDependsOn,
  helmReleaseSource,
  helmReleaseKubeconfig,
  helmReleaseValuesFrom,
  helmReleaseRemote,
  helmReleaseValues,
  podRefs,
  rbacRefs,
  // upstream behaviour: container contracts, RBAC sufficiency, semantics (contracts/ and semantics/)
  containerFlags,
  rbacSufficiency,
  ...SEMANTIC_RULES,
  celRules,
  celUnsupported,
];
