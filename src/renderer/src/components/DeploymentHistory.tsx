import type { AppDto } from '../../../shared/dto/app';
import { useDeploymentList } from '../hooks/useDeployments';
import { useNow } from '../hooks/useNow';
import { isFinished } from '../lib/deploy-stages';
import { DeploymentHistoryRow } from './DeploymentHistoryRow';
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
              <DeploymentHistoryRow key={deployment.id} deployment={deployment} now={now} gitUrl={app.gitUrl} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
