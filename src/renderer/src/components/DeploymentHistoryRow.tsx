import type { DeploymentDto } from '../../../shared/dto/app';
import { navigate } from '../hooks/useHashRoute';
import { isFinished } from '../lib/deploy-stages';
import { formatDuration } from '../lib/format';
import { appRoute, routeHash } from '../lib/route';
import { commitTitle, formatRelativeTime } from '../lib/time';
import { CommitLink } from './CommitLink';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';

/** One deployment in the history; the row (and its number, for the keyboard) opens it. */
export function DeploymentHistoryRow({
  deployment,
  now,
  gitUrl = null,
}: {
  deployment: DeploymentDto;
  now: number;
  /** The app's remote: commit hashes link to GitHub when it is there. */
  gitUrl?: string | null;
}) {
  const route = appRoute(deployment.appId, 'deployments', deployment.id);
  const duration =
    deployment.durationMs ?? (isFinished(deployment.status) ? null : now - new Date(deployment.createdAt).getTime());
  return (
    <tr className="history-row" data-deployment-number={deployment.number} onClick={() => navigate(route)}>
      <td>
        <a href={routeHash(route)} aria-label={`Deployment #${deployment.number}`}>
          #{deployment.number}
        </a>
        {deployment.active && <span className="badge">active</span>}
      </td>
      <td className="commit-cell">
        {deployment.commitHash ? (
          <CommitLink gitUrl={gitUrl} hash={deployment.commitHash} />
        ) : (
          <code>{deployment.image ?? '—'}</code>
        )}{' '}
        <span>{commitTitle(deployment.commitMessage, 60)}</span>
      </td>
      <td>
        <DeploymentStatusBadge status={deployment.status} />
      </td>
      <td>{duration === null ? '—' : formatDuration(duration)}</td>
      <td title={new Date(deployment.createdAt).toLocaleString()}>{formatRelativeTime(deployment.createdAt, now)}</td>
    </tr>
  );
}
