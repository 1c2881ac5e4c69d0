import type Dockerode from 'dockerode';
import type { ContainerUsageDto } from '../../../shared/dto/app';

/** The parts of Docker's stats answer (`GET /containers/{id}/stats?stream=false`) the usage reads. */
export interface DockerStats {
  read?: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export type ContainerUsage = Omit<ContainerUsageDto, 'containerId' | 'service'>;

/**
 * What one stats sample says, computed as `docker stats` does: CPU as a percentage of one core
 * (200% is two cores busy) from the change since Docker's previous sample; memory without the page
 * cache the kernel can drop (cgroup v2 `inactive_file`, v1 `total_inactive_file`); network bytes
 * over every interface since the container started. Pure.
 */
export function usageFromStats(stats: DockerStats): ContainerUsage {
  const cpu = stats.cpu_stats;
  const before = stats.precpu_stats;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (before?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (before?.system_cpu_usage ?? 0);
  const cores = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 1;
  // without a previous sample (Docker's first) there is no change to measure
  const measured = (before?.system_cpu_usage ?? 0) > 0 && cpuDelta > 0 && systemDelta > 0;
  const cpuPercent = measured ? (cpuDelta / systemDelta) * cores * 100 : 0;

  const memory = stats.memory_stats;
  const inactive = memory?.stats?.inactive_file ?? memory?.stats?.total_inactive_file ?? 0;
  const used = memory?.usage ?? 0;
  const memoryBytes = used > inactive ? used - inactive : used;

  let rx = 0;
  let tx = 0;
  for (const network of Object.values(stats.networks ?? {})) {
    rx += network.rx_bytes ?? 0;
    tx += network.tx_bytes ?? 0;
  }
  return {
    cpuPercent: Math.round(cpuPercent * 10) / 10,
    memoryBytes,
    memoryLimitBytes: memory?.limit ? memory.limit : null,
    networkRxBytes: rx,
    networkTxBytes: tx,
    at: stats.read && !stats.read.startsWith('0001-') ? stats.read : new Date().toISOString(),
  };
}

/** One sample of a running container's usage (Docker waits for a second sample, about a second). */
export async function readContainerUsage(docker: Dockerode, containerId: string): Promise<ContainerUsage> {
  const stats = (await docker.getContainer(containerId).stats({ stream: false })) as unknown as DockerStats;
  return usageFromStats(stats);
}
