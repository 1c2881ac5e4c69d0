import { useState } from 'react';
import { AddServerDialog } from './components/AddServerDialog';
import { AppMain } from './components/AppMain';
import { ErrorNotice } from './components/ErrorNotice';
import { KeyboardCommands } from './components/KeyboardCommands';
import { KeychainBanner } from './components/KeychainBanner';
import { NewProjectDialog } from './components/NewProjectDialog';
import { PaletteButton } from './components/PaletteButton';
import { ServerList } from './components/ServerList';
import { useAppStatuses, useAppStatusesStream } from './hooks/useAppStatuses';
import { useConnectionStates, useConnectionStatesStream } from './hooks/useConnectionStates';
import { useRoute } from './hooks/useHashRoute';
import { useMenuCommands } from './hooks/useMenuCommands';
import { useApps, useProjects } from './hooks/useProjects';
import { useAppInfo, useServers } from './hooks/useServers';
import { appsWatchKey } from './lib/app-status';
import { currentServerId } from './lib/route';

/** The frame: servers with their projects and apps on the left, the chosen page on the right. */
export function App() {
  useConnectionStatesStream();
  useMenuCommands();
  const servers = useServers();
  const projects = useProjects();
  const apps = useApps();
  useAppStatusesStream(appsWatchKey(apps.data));
  const states = useConnectionStates();
  const statuses = useAppStatuses();
  const appInfo = useAppInfo();
  const [route, navigate] = useRoute();
  const [adding, setAdding] = useState(false);
  const [newProject, setNewProject] = useState(false);
  const hasServers = (servers.data?.length ?? 0) > 0;

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="sidebar-header">
          <span className="brand">Mist</span>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add server
          </button>
        </div>
        <div className="sidebar-search">
          <PaletteButton />
        </div>
        <nav aria-label="Servers">
          {servers.error ? (
            <ErrorNotice error={servers.error} />
          ) : (
            <ServerList
              servers={servers.data ?? []}
              states={states}
              projects={projects.data ?? []}
              apps={apps.data ?? []}
              statuses={statuses}
              route={route}
              onNavigate={navigate}
            />
          )}
          {(projects.error ?? apps.error) && <ErrorNotice error={projects.error ?? apps.error} />}
        </nav>
        {hasServers && (
          <div className="sidebar-actions">
            <button type="button" onClick={() => setNewProject(true)}>
              New project
            </button>
          </div>
        )}
        <a className="sidebar-settings" href="#/github" aria-current={route.page === 'github' ? 'page' : undefined}>
          GitHub
        </a>
        <a className="sidebar-settings" href="#/settings" aria-current={route.page === 'settings' ? 'page' : undefined}>
          Settings
        </a>
        {appInfo.data && <p className="sidebar-footer muted">Mist {appInfo.data.version}</p>}
      </aside>
      <main className="main">
        <KeychainBanner />
        <AppMain route={route} hasServers={hasServers} onAddServer={() => setAdding(true)} navigate={navigate} />
      </main>
      {adding && (
        <AddServerDialog
          onClose={() => setAdding(false)}
          onAdded={(server) => {
            setAdding(false);
            navigate({ page: 'server', serverId: server.id });
          }}
        />
      )}
      <KeyboardCommands route={route} />
      {newProject && (
        <NewProjectDialog
          servers={servers.data ?? []}
          defaultServerId={currentServerId(route, projects.data ?? [], apps.data ?? [])}
          onClose={() => setNewProject(false)}
          onCreated={(project) => {
            setNewProject(false);
            navigate({ page: 'project', projectId: project.id });
          }}
        />
      )}
    </div>
  );
}
