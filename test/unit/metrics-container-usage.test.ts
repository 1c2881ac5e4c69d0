import { describe, expect, it } from 'vitest';
import { usageFromStats, type DockerStats } from '../../src/main/core/metrics/container-usage';

/** Shaped like Docker 20.10's answer on a cgroup v2 host (fields the computation does not read left out). */
const V2_SAMPLE: DockerStats = {
  read: '2026-11-27T08:00:01.5Z',
  cpu_stats: { cpu_usage: { total_usage: 5_300_000_000 }, system_cpu_usage: 92_000_000_000, online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: 4_800_000_000 }, system_cpu_usage: 90_000_000_000, online_cpus: 2 },
  memory_stats: { usage: 60_000_000, limit: 268_435_456, stats: { inactive_file: 10_000_000, anon: 40_000_000 } },
  networks: { eth0: { rx_bytes: 1_500, tx_bytes: 700 }, eth1: { rx_bytes: 500, tx_bytes: 300 } },
};

describe('usageFromStats', () => {
  it('computes CPU against one core, memory without the droppable cache, network over every interface', () => {
    expect(usageFromStats(V2_SAMPLE)).toEqual({
      // 0.5 s of CPU while the whole machine (2 cores) counted 2 s: a quarter of it, half a core
      cpuPercent: 50,
      memoryBytes: 50_000_000,
      memoryLimitBytes: 268_435_456,
      networkRxBytes: 2_000,
      networkTxBytes: 1_000,
      at: '2026-11-27T08:00:01.5Z',
    });
  });

  it('reads cgroup v1 (total_inactive_file, per-CPU list without online_cpus)', () => {
    const v1: DockerStats = {
      ...V2_SAMPLE,
      cpu_stats: { cpu_usage: { total_usage: 3_000, percpu_usage: [1, 1, 1, 1] }, system_cpu_usage: 8_000 },
      precpu_stats: { cpu_usage: { total_usage: 1_000 }, system_cpu_usage: 4_000 },
      memory_stats: { usage: 30_000, limit: 100_000, stats: { total_inactive_file: 5_000, cache: 9_000 } },
    };
    expect(usageFromStats(v1)).toMatchObject({ cpuPercent: 200, memoryBytes: 25_000 });
  });

  it('a first sample (no previous one), an idle container and a missing network read as zero, not NaN', () => {
    const first = usageFromStats({
      cpu_stats: { cpu_usage: { total_usage: 900 }, system_cpu_usage: 10_000, online_cpus: 2 },
      precpu_stats: {},
      memory_stats: { usage: 4_096, limit: 0 },
    });
    expect(first).toMatchObject({
      cpuPercent: 0,
      memoryBytes: 4_096,
      memoryLimitBytes: null,
      networkRxBytes: 0,
      networkTxBytes: 0,
    });
    expect(Number.isNaN(Date.parse(first.at))).toBe(false);
    const idle = usageFromStats({ ...V2_SAMPLE, cpu_stats: V2_SAMPLE.precpu_stats, read: '0001-01-01T00:00:00Z' });
    expect(idle.cpuPercent).toBe(0);
    expect(idle.at).not.toMatch(/^0001-/);
  });
});
