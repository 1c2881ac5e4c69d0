import type { ConnectionStateDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import type { ConnectionPool } from '../ssh/connection-pool';
import { sentence } from './error-text';

/** What the app services need from the pool: the Docker client, and the connection's state. */
export type AppPool = Pick<ConnectionPool, 'docker'> & Partial<Pick<ConnectionPool, 'connection'>>;

export function connectionState(pool: AppPool, serverId: string): ConnectionStateDto | null {
  return pool.connection?.(serverId).state ?? null;
}

/**
 * While the connection is re-established after a drop, a request waits for the whole backoff
 * (minutes). A settings check should not: it says at once that the server is not answering.
 */
export function reconnectingError(
  state: ConnectionStateDto | null,
  serverName: string,
  prefix: string,
  suffix: string,
): MistError | null {
  if (state?.status !== 'reconnecting') return null;
  const reason = state.reason ? ` (last error: ${sentence(state.reason.message).replace(/\.$/, '')})` : '';
  return new MistError(
    state.reason?.code ?? 'host-unreachable',
    `${prefix}: the SSH connection to ${serverName} dropped and is being re-established, attempt ${state.attempt}${reason}. ${suffix}`,
  );
}
