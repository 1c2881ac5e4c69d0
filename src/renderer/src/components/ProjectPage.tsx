import { useState } from 'react';
import { navigate } from '../hooks/useHashRoute';
import { useAppStatuses } from '../hooks/useAppStatuses';
import { useApps, useProject } from '../hooks/useProjects';
import { useServers } from '../hooks/useServers';
import { appStatusLabel } from '../lib/app-status';
import { AppStatusDot } from './AppStatusDot';
import { DeleteProject } from './DeleteProject';
import { ErrorNotice } from './ErrorNotice';
import { NewAppDialog } from './NewAppDialog';
import { RenameProject } from './RenameProject';

/** A project: its apps with their status, New app, rename and delete. */
export function ProjectPage({ projectId }: { projectId: string }) {
  const { project, isPending, error } = useProject(projectId);
  const apps = useApps();
  const statuses = useAppStatuses();
  const { data: servers } = useServers();
  const [creating, setCreating] = useState(false);

  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="muted">Loading…</p>;
  if (!project) return <p className="muted">This project is not in your list any more.</p>;
  const server = servers?.find((candidate) => candidate.id === project.serverId);
  const projectApps = (apps.data ?? []).filter((app) => app.projectId === project.id);

  return (
    <article className="page" aria-labelledby="project-title">
      <header className="page-header">
        <div>
          <p className="breadcrumb muted">Project on {server?.name ?? 'a removed server'}</p>
          <h1 id="project-title">{project.name}</h1>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New app
          </button>
        </div>
      </header>

      <section className="panel" aria-labelledby="apps-heading">
        <h2 id="apps-heading">Apps</h2>
        {apps.error && <ErrorNotice error={apps.error} />}
        {projectApps.length === 0 ? (
          <p className="muted">
            No apps yet. An app is a git repository with a Dockerfile, built and run on the server.
          </p>
        ) : (
          <ul className="app-cards">
            {projectApps.map((app) => (
              <li key={app.id}>
                <button
                  type="button"
                  className="app-card"
                  onClick={() => navigate({ page: 'app', appId: app.id, tab: 'overview', deploymentId: null })}
                >
                  <span className="app-card-name">{app.name}</span>
                  <span className="app-card-meta muted">
                    {app.type === 'web' ? 'Web' : 'Service'} · port {app.port}
                    {app.gitUrl ? ` · ${app.gitUrl}` : ''}
                  </span>
                  <span className="app-card-status">
                    <AppStatusDot status={statuses[app.id]?.status} />
                    <span aria-hidden="true">{appStatusLabel(statuses[app.id]?.status)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="project-settings-heading">
        <h2 id="project-settings-heading">Settings</h2>
        <RenameProject key={project.name} project={project} />
      </section>

      <section className="panel danger-zone" aria-labelledby="project-delete-heading">
        <h2 id="project-delete-heading">Delete</h2>
        <DeleteProject project={project} appCount={projectApps.length} />
      </section>

      {creating && (
        <NewAppDialog
          project={project}
          onClose={() => setCreating(false)}
          onCreated={(app) => {
            setCreating(false);
            navigate({ page: 'app', appId: app.id, tab: 'overview', deploymentId: null });
          }}
        />
      )}
    </article>
  );
}
