import { overridePath } from '../compose/compose-override';
import { checkoutDir } from '../deploy/remote-git';
import { execChecked } from '../ssh/remote-exec';
import type { AppPool } from './server-reachability';

/** Removing a large checkout takes a while on a slow disk. */
const REMOVE_TIMEOUT_MS = 120_000;
const MOVE_TIMEOUT_MS = 30_000;

/** What lives beside an app's checkout on the server: the compose override, an interrupted clone. */
function checkoutPaths(projectId: string, appName: string): string[] {
  const dir = checkoutDir(projectId, appName);
  return [dir, `${dir}.partial`, overridePath(dir)];
}

/**
 * Removes the app's checkout on its server (and what lives beside it), once the app is deleted.
 * False when the pool has no SSH connection to run it on (a test's Docker-only pool).
 */
export async function removeCheckout(
  pool: AppPool,
  app: { serverId: string; projectId: string; name: string },
): Promise<boolean> {
  if (!pool.connection) return false;
  await execChecked(pool.connection(app.serverId), ['rm', '-rf', '--', ...checkoutPaths(app.projectId, app.name)], {
    timeoutMs: REMOVE_TIMEOUT_MS,
  });
  return true;
}

/**
 * After a rename: moves the checkout (and its compose override) to the new name's place, so the
 * next deploy fetches instead of cloning again and no old copy stays behind. Nothing moves when
 * the new place is taken or there is no checkout yet.
 */
export async function moveCheckout(
  pool: AppPool,
  app: { serverId: string; projectId: string },
  from: string,
  to: string,
): Promise<void> {
  if (!pool.connection) return;
  const [oldDir, , oldOverride] = checkoutPaths(app.projectId, from);
  const [newDir, , newOverride] = checkoutPaths(app.projectId, to);
  const script = `if [ -d "$1" ] && [ ! -e "$2" ]; then mv -- "$1" "$2"; if [ -f "$3" ]; then mv -f -- "$3" "$4"; fi; fi`;
  await execChecked(
    pool.connection(app.serverId),
    ['sh', '-c', script, 'sh', oldDir!, newDir!, oldOverride!, newOverride!],
    {
      timeoutMs: MOVE_TIMEOUT_MS,
    },
  );
}
