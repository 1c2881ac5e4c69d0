import { MistError } from '../../../shared/errors';
import { isAbort, messageOf, sentence } from './error-text';
import { connectionState, reconnectingError, type AppPool } from './server-reachability';

/** How long removing an app's container may take. */
export const CONTAINER_REMOVE_TIMEOUT_MS = 60_000;

/** The one container an app runs as on its server. */
export function appContainerName(appId: string): string {
  return `app-${appId}`;
}

function statusCode(error: unknown): number | undefined {
  return (error as { statusCode?: number } | null)?.statusCode;
}

/**
 * Force-removes the app's container if it exists (404 means there is none: fine). Any other failure
 * is thrown with a message that says the app was kept.
 */
export async function removeAppContainer(
  pool: AppPool,
  serverId: string,
  appId: string,
  describe: { appPath: string; serverName: string },
  timeoutMs = CONTAINER_REMOVE_TIMEOUT_MS,
): Promise<'removed' | 'absent'> {
  const name = appContainerName(appId);
  const prefix = `Could not remove the container ${name} of ${describe.appPath} on ${describe.serverName}`;
  const kept = 'The app was kept; nothing was deleted.';
  const reconnecting = reconnectingError(connectionState(pool, serverId), describe.serverName, prefix, kept);
  if (reconnecting) throw reconnecting;
  try {
    await pool
      .docker(serverId)
      .getContainer(name)
      .remove({ force: true, abortSignal: AbortSignal.timeout(timeoutMs) });
    return 'removed';
  } catch (error) {
    if (statusCode(error) === 404) return 'absent';
    if (error instanceof MistError) throw new MistError(error.code, `${prefix}: ${sentence(error.message)} ${kept}`);
    if (isAbort(error)) {
      throw new MistError('timeout', `${prefix}: Docker did not answer within ${timeoutMs / 1000} s. ${kept}`);
    }
    throw new MistError('docker-error', `${prefix}: ${sentence(messageOf(error))} ${kept}`);
  }
}
