import type { DeploymentDto } from './dto/app';
import { formatDuration } from './format-duration';

/**
 * The desktop notification for a finished deployment, as data (the Electron shell shows it).
 * Pure: which deployments notify, and with which words, is decided and tested here.
 */

/**
 * all: every finished deployment; failures: only failed ones; none: never.
 * A cancelled deployment is not a failure: someone stopped it on purpose, usually the person
 * who would be notified, so 'failures' stays quiet about it.
 */
export type DeployNotificationSetting = 'all' | 'failures' | 'none';

export interface DeployNotification {
  title: string;
  body: string;
  action: { kind: 'open-deployment'; deploymentId: string };
}

/** How much of the error a notification shows; the deployment view has the rest. */
export const NOTIFICATION_ERROR_MAX = 120;

export function deployNotification(
  deployment: Pick<DeploymentDto, 'id' | 'number' | 'status' | 'durationMs' | 'error'> &
    Partial<Pick<DeploymentDto, 'rollbackOf'>>,
  names: { projectName: string; appName: string },
  setting: DeployNotificationSetting,
): DeployNotification | null {
  const { status } = deployment;
  // Only finished deployments notify: the progress in between is in the window and the tray.
  if (status !== 'success' && status !== 'failed' && status !== 'cancelled') return null;
  if (setting === 'none' || (setting === 'failures' && status !== 'failed')) return null;

  const rollbackOf = deployment.rollbackOf ?? null;
  // a rollback says which deployment it went back to
  const name = `${names.projectName}/${names.appName} #${deployment.number}${rollbackOf === null ? '' : ` (rollback to #${rollbackOf})`}`;
  const duration = deployment.durationMs === null ? null : formatDuration(deployment.durationMs);
  const action = { kind: 'open-deployment', deploymentId: deployment.id } as const;

  switch (status) {
    case 'success':
      return {
        title:
          rollbackOf === null
            ? `${name} deployed`
            : `${names.projectName}/${names.appName} rolled back to #${rollbackOf}`,
        body: `${duration ? `Live after ${duration}` : 'Live'}${rollbackOf === null ? '' : ` as #${deployment.number}, without a build`}.`,
        action,
      };
    case 'cancelled':
      return { title: `${name} cancelled`, body: duration ? `Cancelled after ${duration}.` : 'Cancelled.', action };
    case 'failed': {
      const first = firstErrorLine(deployment.error);
      const lines = [duration ? `Failed after ${duration}.` : 'Failed.', first ?? 'Open it to read the log.'];
      return { title: `${name} failed`, body: lines.join('\n'), action };
    }
  }
}

/** The first line with text in it, trimmed and cut to NOTIFICATION_ERROR_MAX characters. */
export function firstErrorLine(text: string | null, max = NOTIFICATION_ERROR_MAX): string | null {
  if (text === null) return null;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    // Cut by code points, so an emoji or other astral character is never split in half.
    const chars = Array.from(line);
    return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
  }
  return null;
}
