import type Dockerode from 'dockerode';

/**
 * Did the new container survive its first moments? Catches a crash on start (a bad command, a
 * missing file) before the new container replaces the old one, without slowing every deploy.
 */

export interface EarlyExitTimings {
  /** How long a new container must stay up; after it, Docker's own view decides. */
  settleMs: number;
  /** A container its restart policy brought back: how long to wait for its next crash, for the exit code. */
  restartedExitWaitMs: number;
}

const DEFAULT_TIMINGS: EarlyExitTimings = { settleMs: 200, restartedExitWaitMs: 3_000 };

/**
 * Registers a wait for the container's next exit (Docker answers the request when it exits), so a
 * healthy start costs no extra round trip for it. A failed wait never settles: it decides nothing.
 */
export function watchNextExit(container: Dockerode.Container): { exited: Promise<number>; stop(): void } {
  const controller = new AbortController();
  const exited = container.wait({ condition: 'next-exit', abortSignal: controller.signal }).then(
    (result: { StatusCode: number }) => result.StatusCode,
    () => new Promise<never>(() => {}),
  );
  return { exited, stop: () => controller.abort() };
}

/** How a new container ended in its first moments: its exit code (when known) and restarts. */
export interface EarlyExit {
  code: number | null;
  restarts: number;
}

/**
 * Whether the new container exited right after it started. The wait usually answers within the
 * settle time; but Docker reports an exit only once it has processed it (the task, the log, the
 * network), which on a busy server can take longer, and meanwhile a restart policy may start it
 * again. Inspecting waits for that processing (it takes the container's lock), so its answer is
 * the decisive one: stopped, restarted by its policy, or still running on its first start.
 */
export async function exitRightAfterStart(
  container: Pick<Dockerode.Container, 'inspect'>,
  exited: Promise<number>,
  timings: EarlyExitTimings = DEFAULT_TIMINGS,
): Promise<EarlyExit | null> {
  const early = await within(exited, timings.settleMs);
  if (early !== null) return { code: early, restarts: 0 };
  const { State, RestartCount } = await container.inspect();
  if (!State.Running) return { code: State.ExitCode, restarts: RestartCount };
  if (!State.Restarting && RestartCount === 0) return null;
  // it crashed and its policy restarted it (which resets the exit code): its next crash tells the code
  return { code: await within(exited, timings.restartedExitWaitMs), restarts: RestartCount };
}

export function describeEarlyExit({ code, restarts }: EarlyExit): string {
  const exited = code === null ? 'exited' : `exited with code ${code}`;
  const restarted =
    restarts > 0 ? ` (its restart policy started it again ${restarts} time${restarts === 1 ? '' : 's'})` : '';
  return `The new container ${exited} right after starting${restarted}.`;
}

/** The promise's value if it settles within `ms`, else null. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([promise, elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The exit code of the container's latest exit, from Docker's `die` events (past ones arrive as
 * soon as the stream opens); null when none shows within `windowMs`. Asked when the wait said 0 or
 * nothing: Docker reads the code only when the waiter wakes, and on a busy engine the restart policy
 * may have started the container again by then, which clears it (a crash reported as code 0).
 */
export async function exitCodeFromEvents(
  docker: Pick<Dockerode, 'getEvents'>,
  container: Pick<Dockerode.Container, 'id' | 'inspect'>,
  windowMs = 500,
): Promise<number | null> {
  // `since` in the server's clock: the container's creation time
  const created = Date.parse((await container.inspect()).Created);
  const stream = (await docker.getEvents({
    since: Math.floor(created / 1000),
    filters: { container: [container.id], event: ['die'] },
  } as never)) as unknown as NodeJS.ReadableStream & { destroy(): void };
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  stream.on('error', () => {});
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  stream.destroy();
  const codes = text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { Actor?: { Attributes?: { exitCode?: string } } }).Actor?.Attributes?.exitCode)
    .filter((code): code is string => code !== undefined);
  return codes.length ? Number(codes.at(-1)) : null;
}
