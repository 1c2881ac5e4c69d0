import type { AppDto } from '../../../shared/dto/app';
import { useAppStatus } from '../hooks/useAppStatuses';
import { useDeploymentList } from '../hooks/useDeployments';
import { useNow } from '../hooks/useNow';
import { appStatusLabel } from '../lib/app-status';
import { deploymentStatusLabel } from '../lib/deploy-stages';
import { commitTitle, formatRelativeTime, formatUptime, shortHash } from '../lib/time';
import { AppControls } from './AppControls';
import { ComposeServices } from './ComposeServices';
import { CopyableCode } from './CopyableCode';
import { DatabaseConnection } from './DatabaseConnection';
import { ErrorNotice } from './ErrorNotice';
import { UsagePanel } from './UsagePanel';

/** Docker's restarts of the container under its restart policy (a crash loop shows here). */
function restartsLabel(count: number): string {
  if (count === 0) return 'none';
  return `${count} ${count === 1 ? 'time' : 'times'}, by its restart policy (see Logs for why)`;
}

/** Status with container facts, the internal address, Start / Stop / Restart and the active deployment. */
export function OverviewTab({ app }: { app: AppDto }) {
  const { status, error } = useAppStatus(app.id);
  const running = status?.status === 'running';
  const now = useNow(1000, running);
  const deployments = useDeploymentList(app.id);
  const active = deployments.data?.find((deployment) => deployment.active);

  return (
    <>
      <section className="panel" aria-labelledby="status-heading">
        <div className="panel-header">
          <h2 id="status-heading">Status</h2>
          <AppControls app={app} status={status?.status} />
        </div>
        {error && <ErrorNotice error={error} />}
        <dl className="facts">
          <dt>Status</dt>
          <dd data-testid="overview-status">{appStatusLabel(status?.status)}</dd>
          <dt>{app.type === 'compose' ? 'Services' : 'Container'}</dt>
          <dd data-testid="container-state">
            {app.type === 'compose' ? (status?.summary ?? 'none') : (status?.containerState ?? 'none')}
          </dd>
          <dt>Uptime</dt>
          <dd data-testid="uptime">
            {running && status?.startedAt ? formatUptime(now - new Date(status.startedAt).getTime()) : '—'}
          </dd>
          <dt>Exit code</dt>
          <dd data-testid="exit-code">{status?.exitCode ?? '—'}</dd>
          {status?.restartCount !== undefined && (
            <>
              <dt>Restarts</dt>
              <dd data-testid="restart-count" className={status.restartCount > 0 ? 'warning-text' : undefined}>
                {restartsLabel(status.restartCount)}
              </dd>
            </>
          )}
        </dl>
      </section>

      <UsagePanel app={app} running={running || status?.status === 'partial'} />

      {app.type === 'compose' && <ComposeServices app={app} services={status?.services ?? []} />}
      {app.type === 'database' && <DatabaseConnection app={app} />}
      {app.type !== 'compose' && app.type !== 'database' && (
        <section className="panel" aria-labelledby="address-heading">
          <h2 id="address-heading">Internal address</h2>
          <p className="muted">Other apps on this server reach this one here:</p>
          <CopyableCode text={app.internalAddress} label="Copy address" />
        </section>
      )}

      <section className="panel" aria-labelledby="active-heading">
        <h2 id="active-heading">Active deployment</h2>
        {deployments.error && <ErrorNotice error={deployments.error} />}
        {active ? (
          <p>
            <a href={`#/apps/${encodeURIComponent(app.id)}/deployments/${encodeURIComponent(active.id)}`}>
              #{active.number}
            </a>{' '}
            {active.commitHash ? (
              <>
                <code>{shortHash(active.commitHash)}</code> {commitTitle(active.commitMessage)}
              </>
            ) : (
              <code>{active.image}</code>
            )}{' '}
            <span className="muted">
              ({deploymentStatusLabel(active.status)}, {formatRelativeTime(active.createdAt, now)})
            </span>
          </p>
        ) : (
          <p className="muted">
            {app.type === 'database'
              ? 'Not deployed yet. Deploy pulls the image on the server and starts the database.'
              : 'Not deployed yet. Deploy builds the image on the server and starts it.'}
          </p>
        )}
      </section>
    </>
  );
}
