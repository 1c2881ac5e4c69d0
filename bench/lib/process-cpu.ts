import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by each kind of process on this machine between two snapshots (Linux /proc), so a
 * bench can say where a saturated machine's cores went: the Docker engine (dockerd, containerd and
 * the containers' own processes), sshd, this process (the core and the bench driver), Chromium.
 * Processes that exit between the snapshots are not counted.
 */
export type CpuByKind = Record<string, number>;
export type CpuSnapshot = Map<number, { kind: string; seconds: number }>;

/** Linux reports utime and stime in clock ticks: 100 per second on every architecture Node supports. */
const TICKS_PER_SECOND = 100;

export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      if (seconds === 0) continue;
      snapshot.set(pid, { kind: kindOf(pid, stat), seconds });
    } catch {
      // the process ended while we looked
    }
  }
  return snapshot;
}

/** CPU seconds per kind from `before` to `after` (a process new in `after` counts from zero). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuByKind {
  const used: CpuByKind = {};
  for (const [pid, { kind, seconds }] of after) {
    const spent = seconds - (before.get(pid)?.seconds ?? 0);
    if (spent > 0) used[kind] = (used[kind] ?? 0) + spent;
  }
  for (const kind of Object.keys(used)) used[kind] = Math.round(used[kind]! * 100) / 100;
  return used;
}

function kindOf(pid: number, stat: string): string {
  if (pid === process.pid) return 'core + bench';
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  if (name === 'dockerd' || name.startsWith('containerd')) return 'docker engine';
  if (name === 'sshd') return 'sshd';
  const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  if (commandLine.includes('chromium')) return commandLine.includes('--type=renderer') ? 'renderer' : 'chromium other';
  if (/\/docker[/-]/.test(readFileSync(`/proc/${pid}/cgroup`, 'utf8'))) return 'docker engine'; // a container's own processes
  return 'other';
}
