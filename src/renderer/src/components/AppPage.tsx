import { useAppStatus } from '../hooks/useAppStatuses';
import { navigate } from '../hooks/useHashRoute';
import { useApp, useProject } from '../hooks/useProjects';
import { appStatusLabel } from '../lib/app-status';
import { appTabsFor, appTypeName } from '../lib/app-tabs';
import type { AppTab } from '../lib/route';
import { ActivityTab } from './ActivityTab';
import { AppSettingsTab } from './AppSettingsTab';
import { AppStatusDot } from './AppStatusDot';
import { DeployButton } from './DeployButton';
import { DeploymentsTab } from './DeploymentsTab';
import { DomainsTab } from './DomainsTab';
import { EnvironmentTab } from './EnvironmentTab';
import { ErrorNotice } from './ErrorNotice';
import { LogsTab } from './LogsTab';
import { OverviewTab } from './OverviewTab';
import { ShellTab } from './ShellTab';
import { PinButton } from './PinButton';
import { Tabs } from './Tabs';

interface AppPageProps {
  appId: string;
  tab: AppTab;
  deploymentId: string | null;
}

/** An app: status and Deploy in the header, then Overview, Deployments and the settings tabs. */
export function AppPage({ appId, tab, deploymentId }: AppPageProps) {
  const { app, isPending, error } = useApp(appId);
  const { project } = useProject(app?.projectId ?? '');
  const { status } = useAppStatus(appId);

  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="muted">Loading…</p>;
  if (!app) return <p className="muted">This app is not in your list any more.</p>;

  return (
    <article className="page app-page" aria-labelledby="app-title">
      <header className="page-header">
        <div>
          <p className="breadcrumb muted">
            {project ? <a href={`#/projects/${encodeURIComponent(project.id)}`}>{project.name}</a> : 'Project'} /{' '}
            {appTypeName(app.type)}
          </p>
          <h1 id="app-title">{app.name}</h1>
          <p className="app-status-line" data-testid="app-status" aria-live="polite">
            <AppStatusDot status={status?.status} />
            <span>{appStatusLabel(status?.status)}</span>
          </p>
        </div>
        <div className="actions">
          <PinButton appId={app.id} />
          <DeployButton app={app} />
        </div>
      </header>
      {app.redeployPending && (
        <p className="notice notice-warn" role="status" data-testid="redeploy-pending">
          Redeploy pending: the settings changed since the running deployment. Deploy to apply them.
        </p>
      )}
      <Tabs
        label="App sections"
        tabs={appTabsFor(app.type)}
        selected={tab}
        panelId="app-tab-panel"
        onSelect={(next) => navigate({ page: 'app', appId, tab: next, deploymentId: null })}
      />
      <section className="tab-panel" id="app-tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' && <OverviewTab app={app} />}
        {tab === 'deployments' && <DeploymentsTab app={app} deploymentId={deploymentId} />}
        {tab === 'logs' && <LogsTab app={app} />}
        {(tab === 'general' || tab === 'git' || tab === 'build' || tab === 'resources' || tab === 'database') && (
          <AppSettingsTab key={tab} app={app} section={tab} />
        )}
        {tab === 'environment' && <EnvironmentTab app={app} />}
        {tab === 'domains' && <DomainsTab app={app} />}
        {tab === 'activity' && <ActivityTab app={app} />}
        {tab === 'shell' && <ShellTab app={app} />}
      </section>
    </article>
  );
}
