// csi-resizer beside a KubeVirt CSI driver build without ControllerExpandVolume crash-loops:
// kubernetes-csi/external-resizer v1.14.0 pkg/resizer/csi_resizer.go returns "CSI driver neither
// supports controller resize nor node resize" when the driver advertises neither capability, and the
// sidecar exits. kubevirt/csi-driver gained expansion in df0692d8 (2025-05-08, "Implement volume
// expansion via infra PVC resize"); its images are tagged with the build timestamp
// (YYYYMMDDhhmmss), so a timestamp tag before that commit has no expansion.
import { isRepository, parseImage, TIMESTAMP_TAG } from '../../contracts/image.ts';
import { CSI_DRIVER_EXPANSION_BUILD } from '../../contracts/rbac/kubevirt-csi-driver.ts';
import { arr, get, record, str, wiringRule } from '../../wiring.ts';
import { podSpecs } from '../pod-refs.ts';

export const RULE = 'csi-resizer-expansion';

export const csiResizerExpansion = wiringRule({
  id: RULE,
  description: `no csi-resizer sidecar beside a kubevirt/csi-driver build older than ${CSI_DRIVER_EXPANSION_BUILD} (expansion arrived in kubevirt/csi-driver df0692d8; external-resizer v1.14.0 pkg/resizer/csi_resizer.go exits without it)`,
  check(ctx, report) {
    for (const [d, base] of podSpecs(ctx)) {
      const containers = arr(get(d.object, `${base}.containers`)).map((c) => record(c) ?? {});
      const driver = containers.map((c) => parseImage(str(c.image) ?? '')).find((r) => isRepository(r, 'kubevirt/csi-driver') && r.tag && TIMESTAMP_TAG.test(r.tag) && r.tag < CSI_DRIVER_EXPANSION_BUILD);
      if (!driver) continue;
      containers.forEach((c, i) => {
        if (!isRepository(parseImage(str(c.image) ?? ''), 'sig-storage/csi-resizer')) return;
        report(
          d,
          `${base}.containers[${i}]`,
          `csi-resizer runs beside kubevirt/csi-driver:${driver.tag}, a build from before volume expansion (kubevirt/csi-driver df0692d8, build ${CSI_DRIVER_EXPANSION_BUILD}): the driver offers no ControllerExpandVolume and the resizer exits with "CSI driver neither supports controller resize nor node resize" (external-resizer pkg/resizer/csi_resizer.go). Drop the resizer (and allowVolumeExpansion) or use a newer driver build`,
        );
      });
    }
  },
});
