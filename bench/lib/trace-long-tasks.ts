import { readFileSync } from 'node:fs';

/** A task on the page's main thread: how long it took (wall) and how much of that it ran on a CPU. */
export interface TracedTask {
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const TASK = 'ThreadControllerImpl::RunTask';

/**
 * The long tasks (over `overMs`) of the renderer's main thread in a Chromium trace, longest first,
 * each with its wall time and its thread's CPU time. A task that took far longer than it ran waited
 * for a core: on a machine that the server and the client share, that is CPU contention rather than
 * work done on the main thread. The page's main thread is the CrRendererMain with the most tasks.
 */
export function longTasksInTrace(traceFile: string, overMs: number): TracedTask[] {
  const parsed = JSON.parse(readFileSync(traceFile, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.name !== TASK || !mainThreads.has(thread)) continue;
    const tasks = tasksByThread.get(thread) ?? [];
    tasks.push(event);
    tasksByThread.set(thread, tasks);
  }
  const busiest = [...tasksByThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  return busiest
    .filter((task) => (task.dur ?? 0) > overMs * 1000)
    .map((task) => ({ wallMs: (task.dur ?? 0) / 1000, cpuMs: (task.tdur ?? 0) / 1000 }))
    .sort((a, b) => b.wallMs - a.wallMs);
}
