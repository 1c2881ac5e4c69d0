import { MistError } from '../../../shared/errors';
import { isAbort, isDroppedSocket, messageOf, sentence } from './error-text';
import { connectionState, reconnectingError, type AppPool } from './server-reachability';

/** How long reading the server's cores and memory may take before we say it cannot be reached. */
export const LIMIT_CHECK_TIMEOUT_MS = 30_000;

export interface ServerCapacity {
  cores: number;
  memoryMb: number;
}

type InfoWithSignal = (options: { abortSignal: AbortSignal }) => Promise<{ NCPU?: unknown; MemTotal?: unknown }>;

/** The server's CPU cores and memory (MB) as its Docker engine reports them (`NCPU`, `MemTotal`). */
export async function readServerCapacity(
  pool: AppPool,
  serverId: string,
  serverName: string,
  timeoutMs = LIMIT_CHECK_TIMEOUT_MS,
): Promise<ServerCapacity> {
  const prefix = `Could not read the CPU cores and memory of ${serverName} to check the limits`;
  const suffix = 'Nothing was saved.';
  const reconnecting = () => reconnectingError(connectionState(pool, serverId), serverName, prefix, suffix);
  const docker = pool.docker(serverId);
  const ask = () =>
    // dockerode accepts an abortSignal here; its type definitions do not say so
    (docker.info as unknown as InfoWithSignal).call(docker, { abortSignal: AbortSignal.timeout(timeoutMs) });

  let info: { NCPU?: unknown; MemTotal?: unknown };
  try {
    const early = reconnecting();
    if (early) throw early;
    // a kept-alive socket on a connection that just dropped fails once ("socket hang up"): say the
    // connection is being re-established, or (if it is back) ask once more
    info = await ask().catch((error: unknown) => {
      if (error instanceof MistError || isAbort(error) || !isDroppedSocket(error)) throw error;
      const late = reconnecting();
      if (late) throw late;
      return ask();
    });
  } catch (error) {
    if (error instanceof MistError) {
      if (error.message.startsWith(prefix)) throw error;
      throw new MistError(error.code, `${prefix}: ${sentence(error.message)} ${suffix}`);
    }
    if (isAbort(error)) {
      throw new MistError(
        'timeout',
        `${prefix}: its Docker engine did not answer within ${timeoutMs / 1000} s. ${suffix}`,
      );
    }
    throw new MistError('docker-error', `${prefix}: ${sentence(messageOf(error))} ${suffix}`);
  }
  const cores = Number(info.NCPU);
  const memTotal = Number(info.MemTotal);
  if (!Number.isFinite(cores) || cores <= 0 || !Number.isFinite(memTotal) || memTotal <= 0) {
    throw new MistError(
      'docker-error',
      `The Docker engine of ${serverName} did not report its CPU cores and memory, so the limits cannot be checked. Nothing was saved.`,
    );
  }
  return { cores, memoryMb: Math.floor(memTotal / (1024 * 1024)) };
}

/** Refuses a CPU limit above the server's cores or a memory limit above its memory (null = no limit). */
export function assertWithinCapacity(
  limits: { cpuLimit: number | null; memoryMb: number | null },
  capacity: ServerCapacity,
  serverName: string,
): void {
  if (limits.cpuLimit !== null && limits.cpuLimit > capacity.cores) {
    throw new MistError(
      'invalid-input',
      `The CPU limit ${limits.cpuLimit} is more than ${serverName} has: ${capacity.cores} CPU core${capacity.cores === 1 ? '' : 's'}. ` +
        `Choose at most ${capacity.cores}.`,
      { cpuLimit: limits.cpuLimit, serverCores: capacity.cores },
    );
  }
  if (limits.memoryMb !== null && limits.memoryMb > capacity.memoryMb) {
    throw new MistError(
      'invalid-input',
      `The memory limit ${limits.memoryMb} MB is more than ${serverName} has: ${capacity.memoryMb} MB. ` +
        `Choose at most ${capacity.memoryMb} MB.`,
      { memoryMb: limits.memoryMb, serverMemoryMb: capacity.memoryMb },
    );
  }
}
