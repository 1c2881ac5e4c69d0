import type { DeploymentDto, DeploymentEventDto, DeploymentStatus, LogLineDto } from '../../shared/dto/app';
import { formatTable } from './format';
import { formatAgo, formatDuration } from './format-apps';
import { triggerLabel } from '../../shared/rollback';

/** Human output for deploys and deployments. Machine output is the DTOs (docs/cli.md). */

export const FINAL_STATUSES: readonly DeploymentStatus[] = ['success', 'failed', 'cancelled'];

export function isFinal(status: DeploymentStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function shortCommit(hash: string | null): string {
  return hash ? hash.slice(0, 7) : '-';
}

function firstLine(text: string | null, max = 50): string {
  const line = (text ?? '').split('\n')[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Newest first; that order is also the JSON output's. */
export function sortDeployments(deployments: DeploymentDto[]): DeploymentDto[] {
  return [...deployments].sort((a, b) => b.number - a.number);
}

export function formatDeploymentTable(ref: string, deployments: DeploymentDto[], now: number): string {
  if (deployments.length === 0) return `No deployments of ${ref} yet. Deploy with: mist deploy ${ref}\n`;
  const rows = sortDeployments(deployments).map((d) => [
    String(d.number),
    d.status,
    d.active ? 'yes' : '',
    shortCommit(d.commitHash),
    triggerLabel(d),
    d.durationMs === null ? '-' : formatDuration(d.durationMs),
    formatAgo(d.createdAt, now),
    firstLine(d.commitMessage) || '-',
  ]);
  return formatTable(['#', 'STATUS', 'ACTIVE', 'COMMIT', 'TRIGGER', 'DURATION', 'STARTED', 'MESSAGE'], rows);
}

/** A stored or streamed log line as printed: its text and one newline. */
export function formatLogLine(line: LogLineDto): string {
  return `${line.text.replace(/\r?\n$/, '')}\n`;
}

/** What the progress printer remembers between events, so each stage and message shows once. */
export interface DeployProgressState {
  stagesShown: number;
  status: DeploymentStatus | null;
  lastMessage: string | null;
}

export function newProgressState(): DeployProgressState {
  return { stagesShown: 0, status: null, lastMessage: null };
}

export function formatDeployStart(ref: string, deployment: DeploymentDto): string {
  if (deployment.rollbackOf !== null) {
    return `Rolling ${ref} back to #${deployment.rollbackOf}: deployment #${deployment.number} (${deployment.status}).\n`;
  }
  return `Deploying ${ref}: deployment #${deployment.number} (${deployment.status}).\n`;
}

/**
 * The lines one status event adds: `==> STAGE` for every stage started since the last event, the
 * event's message (once), and a status change that no stage line explains. Final statuses print
 * nothing here: formatDeployEnd sums them up, and the command reports the error.
 */
export function formatStatusEvent(
  state: DeployProgressState,
  event: Extract<DeploymentEventDto, { kind: 'status' }>,
): string {
  const { deployment, message } = event;
  const lines: string[] = [];
  const newStages = deployment.stages.slice(state.stagesShown);
  state.stagesShown = Math.max(state.stagesShown, deployment.stages.length);
  for (const stage of newStages) lines.push(`==> ${stage.stage}`);
  const statusChanged = state.status !== null && state.status !== deployment.status;
  if (newStages.length === 0 && statusChanged && !isFinal(deployment.status)) {
    lines.push(`==> ${deployment.status}`);
  }
  state.status = deployment.status;
  // a final status's message is its error, which the command's closing `mist:` line reports
  if (message && message !== state.lastMessage && !isFinal(deployment.status)) {
    state.lastMessage = message;
    for (const line of message.replace(/\r?\n$/, '').split('\n')) lines.push(`    ${line}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The closing line: `==> success: shop/web #3 in 14.2 s (commit 3f2a1c9)`. */
export function formatDeployEnd(ref: string, deployment: DeploymentDto): string {
  const took =
    deployment.durationMs === null
      ? ''
      : ` ${deployment.status === 'success' ? 'in' : 'after'} ${formatDuration(deployment.durationMs)}`;
  const commit = deployment.commitHash ? ` (commit ${shortCommit(deployment.commitHash)})` : '';
  return `==> ${deployment.status}: ${ref} deployment #${deployment.number}${took}${commit}\n`;
}

/** The `mist:` line for a deployment that did not succeed. */
export function deployFailureMessage(ref: string, deployment: DeploymentDto): string {
  if (deployment.status === 'cancelled') return `deployment #${deployment.number} of ${ref} was cancelled.`;
  return `deployment #${deployment.number} of ${ref} failed${deployment.error ? `: ${deployment.error}` : '.'}`;
}
