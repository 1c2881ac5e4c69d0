import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by each kind of process on this machine between two snapshots (Linux /proc), so a
 * bench can say where a saturated machine's cores went: the Docker engine (dockerd, containerd and
 * the containers' own processes), sshd, this process (the core and the bench driver), Chromium.
 * Processes that exit between the snapshots are not counted.
 */
export type CpuByKind = Record<string, number>;
export type CpuSnapshot = Map<number, { kind: string; seconds: number; mainThread: MainThreadTimes | null }>;

/** A process's main thread from /proc/PID/schedstat: seconds it ran, seconds it waited for a core. */
export interface MainThreadTimes {
  ranS: number;
  waitedS: number;
}

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
      const kind = kindOf(pid, stat);
      snapshot.set(pid, { kind, seconds, mainThread: kind === 'renderer' ? mainThreadTimes(pid) : null });
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

/**
 * How the busiest renderer's main thread (the page's) spent the time between two snapshots: running,
 * or runnable and waiting for one of the cores the server and the client share. Null when the
 * kernel does not keep those figures.
 */
export function rendererMainThread(before: CpuSnapshot, after: CpuSnapshot): MainThreadTimes | null {
  let busiest: MainThreadTimes | null = null;
  for (const [pid, { mainThread }] of after) {
    const earlier = before.get(pid)?.mainThread;
    if (!mainThread || !earlier) continue;
    const between = { ranS: mainThread.ranS - earlier.ranS, waitedS: mainThread.waitedS - earlier.waitedS };
    if (busiest === null || between.ranS > busiest.ranS) busiest = between;
  }
  return busiest;
}

function mainThreadTimes(pid: number): MainThreadTimes | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/schedstat`, 'utf8');
  } catch {
    return null; // a kernel without it: the process's CPU time still counts
  }
  // "nanoseconds on a CPU, nanoseconds waiting on a run queue, time slices"
  const [ran, waited] = text.split(' ').map(Number);
  if (ran === undefined || waited === undefined || Number.isNaN(ran) || Number.isNaN(waited)) return null;
  return { ranS: ran / 1e9, waitedS: waited / 1e9 };
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
