import type { AppDto, DeploymentDto } from '../../../shared/dto/app';
import { navigate } from '../hooks/useHashRoute';
import { useDeploymentList } from '../hooks/useDeployments';
import { useNow } from '../hooks/useNow';
import { isFinished } from '../lib/deploy-stages';
import { formatDuration } from '../lib/format';
import { routeHash, appRoute } from '../lib/route';
import { commitTitle, formatRelativeTime, shortHash } from '../lib/time';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';
import { ErrorNotice } from './ErrorNotice';

/** Every deployment of the app: number, commit, status, duration, when. A row opens its build log. */
export function DeploymentHistory({ app }: { app: AppDto }) {
  const list = useDeploymentList(app.id);
  const running = list.data?.some((deployment) => !isFinished(deployment.status)) ?? false;
  const now = useNow(running ? 1000 : 30_000);

  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">Deployments</h2>
      {list.error && <ErrorNotice error={list.error} />}
      {list.isPending && <p className="muted">Loading…</p>}
      {list.data && list.data.length === 0 && <p className="muted">No deployments yet. Deploy builds the first one.</p>}
      {list.data && list.data.length > 0 && (
        <table className="history">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Commit</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((deployment) => (
              <HistoryRow key={deployment.id} deployment={deployment} now={now} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function HistoryRow({ deployment, now }: { deployment: DeploymentDto; now: number }) {
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
        <code>{shortHash(deployment.commitHash)}</code> <span>{commitTitle(deployment.commitMessage, 60)}</span>
      </td>
      <td>
        <DeploymentStatusBadge status={deployment.status} />
      </td>
      <td>{duration === null ? '—' : formatDuration(duration)}</td>
      <td title={new Date(deployment.createdAt).toLocaleString()}>{formatRelativeTime(deployment.createdAt, now)}</td>
    </tr>
  );
}
