import { lazy, Suspense } from 'react';
import type { AppDto } from '../../../shared/dto/app';
import { canRollBackTo, triggerLabel } from '../../../shared/rollback';
import { useDeploymentList, useLiveDeployment } from '../hooks/useDeployments';
import { isFinished, waitingFor } from '../lib/deploy-stages';
import { formatDuration } from '../lib/format';
import { appRoute, routeHash } from '../lib/route';
import { commitTitle } from '../lib/time';
import { CommitLink } from './CommitLink';
import { CancelDeployment } from './CancelDeployment';
import { RollbackButton } from './RollbackButton';
import { DeployStages } from './DeployStages';
import { DeploymentStatusBadge } from './DeploymentStatusBadge';
import { ErrorNotice } from './ErrorNotice';

// xterm is the largest dependency: loaded when a build log is first shown.
const LogTerminal = lazy(() => import('./LogTerminal').then((module) => ({ default: module.LogTerminal })));

/** One deployment: its stages and build log, live while it runs; Cancel while it has not finished. */
export function DeploymentView({ app, deploymentId }: { app: AppDto; deploymentId: string }) {
  const live = useLiveDeployment(deploymentId);
  const deployment = live.deployment;
  const queued = deployment?.status === 'pending';
  const list = useDeploymentList(app.id, { refreshWhileQueued: queued });
  const ahead = deployment && list.data ? waitingFor(deployment, list.data) : null;

  return (
    <section className="panel deployment-view" aria-labelledby="deployment-heading">
      <p>
        <a href={routeHash(appRoute(app.id, 'deployments'))}>← All deployments</a>
      </p>
      {live.isPending && <p className="muted">Loading…</p>}
      {live.error && <ErrorNotice error={live.error} />}
      {deployment && (
        <>
          <div className="panel-header">
            <h2 id="deployment-heading">
              Deployment #{deployment.number} <DeploymentStatusBadge status={deployment.status} />
            </h2>
            {!isFinished(deployment.status) && <CancelDeployment deployment={deployment} />}
            {canRollBackTo(app.type, deployment) && <RollbackButton deployment={deployment} />}
          </div>
          <p className="muted deployment-meta">
            {deployment.commitHash ? (
              <>
                <CommitLink gitUrl={app.gitUrl} hash={deployment.commitHash} /> {commitTitle(deployment.commitMessage)}
                {deployment.commitAuthor ? ` — ${deployment.commitAuthor}` : ''}
              </>
            ) : (
              'Commit not resolved yet'
            )}{' '}
            · {triggerLabel(deployment)}
            {deployment.durationMs !== null ? ` · ${formatDuration(deployment.durationMs)}` : ''}
            {deployment.image ? (
              <>
                {' '}
                · <code>{deployment.image}</code>
              </>
            ) : null}
          </p>
          {queued && (
            <p className="notice" role="status" data-testid="deployment-queued">
              {ahead
                ? `Waiting for deployment #${ahead.number} to finish.`
                : (live.message ?? 'Queued: waiting for a free build slot on the server.')}
            </p>
          )}
          <DeployStages deployment={deployment} appType={app.type} />
          {deployment.error && (
            <div className="notice notice-danger" role="alert" data-testid="deployment-error">
              <p>{deployment.error}</p>
            </div>
          )}
          {live.streamError && !isFinished(deployment.status) && <ErrorNotice error={live.streamError.message} />}
          <h3 className="log-heading" id="build-log-heading">
            Build log
          </h3>
          <Suspense fallback={<p className="muted">Loading the terminal…</p>}>
            <LogTerminal
              lines={live.lines}
              label={`Build log of deployment #${deployment.number}`}
              fileBase={`${app.name}-deployment-${deployment.number}`}
            />
          </Suspense>
        </>
      )}
    </section>
  );
}
