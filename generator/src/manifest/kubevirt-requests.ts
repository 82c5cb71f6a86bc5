// What the virt-launcher pod of a KubeVirt VM requests from the management cluster, as KubeVirt
// v1.8.4 computes it (pkg/virt-controller/services/renderresources.go with the kvm backend):
//  * memory = guest memory + GetMemoryOverhead (pkg/hypervisor/kvm/hypervisorbackend.go: guest/512 for
//    page tables, 220Mi of virt-launcher-monitor, virt-launcher, virtlogd, virtqemud and qemu, 8Mi per vCPU,
//    8Mi, 32Mi for the default graphics device, 1Gi with VFIO passthrough devices) + the guest-console-log
//    container (35M, pkg/virt-controller/services/serialconsolelog.go);
//  * cpu = the domain's requests.cpu, else vCPUs / cpuAllocationRatio (10 by default, pkg/virt-config),
//    + 5m for the guest-console-log container.
// Probes, TPM, SEV, dedicated CPUs and additionalGuestMemoryOverheadRatio add more; the charts use none.

export interface VmRequests {
  cpuCores: number;
  memoryBytes: number;
}

const Mi = 2 ** 20;

export interface VmShape {
  vcpus: number;
  guestMemoryBytes: number;
  /** the domain's resources.requests.cpu, in cores, when set */
  cpuRequestCores?: number;
  /** GPUs or host devices passed through (VFIO) */
  passthrough: boolean;
}

export const DEFAULT_CPU_ALLOCATION_RATIO = 10;

export function vmPodRequests(vm: VmShape, cpuAllocationRatio = DEFAULT_CPU_ALLOCATION_RATIO): VmRequests {
  const overhead = vm.guestMemoryBytes / 512 + 220 * Mi + 8 * Mi * vm.vcpus + 8 * Mi + 32 * Mi + (vm.passthrough ? 1024 * Mi : 0);
  const consoleLog = { cpu: 0.005, memory: 35e6 };
  return {
    cpuCores: (vm.cpuRequestCores ?? vm.vcpus / cpuAllocationRatio) + consoleLog.cpu,
    memoryBytes: vm.guestMemoryBytes + overhead + consoleLog.memory,
  };
}
