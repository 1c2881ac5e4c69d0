import type { AppDto, ProjectDto } from '../../../shared/dto/app';
import type { AppStatuses } from '../lib/app-status';
import type { Route } from '../lib/route';
import { AppStatusDot } from './AppStatusDot';

interface ProjectTreeProps {
  projects: ProjectDto[];
  apps: AppDto[];
  statuses: AppStatuses;
  route: Route;
  onNavigate: (route: Route) => void;
}

/** A server's projects in the sidebar, each with its apps and their live status dots. */
export function ProjectTree({ projects, apps, statuses, route, onNavigate }: ProjectTreeProps) {
  if (projects.length === 0) return null;
  return (
    <ul className="project-tree">
      {projects.map((project) => (
        <li key={project.id}>
          <button
            type="button"
            className="tree-item project-item"
            aria-current={route.page === 'project' && route.projectId === project.id ? 'page' : undefined}
            onClick={() => onNavigate({ page: 'project', projectId: project.id })}
          >
            <span className="tree-icon" aria-hidden="true">
              ▸
            </span>
            <span className="tree-name">{project.name}</span>
          </button>
          <ul className="app-tree">
            {apps
              .filter((app) => app.projectId === project.id)
              .map((app) => (
                <li key={app.id}>
                  <button
                    type="button"
                    className="tree-item app-item"
                    aria-current={route.page === 'app' && route.appId === app.id ? 'page' : undefined}
                    onClick={() => onNavigate({ page: 'app', appId: app.id, tab: 'overview', deploymentId: null })}
                  >
                    <span className="tree-name">{app.name}</span>
                    <AppStatusDot status={statuses[app.id]?.status} />
                  </button>
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
