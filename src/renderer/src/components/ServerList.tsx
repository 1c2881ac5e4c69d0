import type { AppDto, ProjectDto } from '../../../shared/dto/app';
import type { ServerDto } from '../../../shared/dto/server';
import type { AppStatuses } from '../lib/app-status';
import type { ConnectionStates } from '../lib/connection-states';
import { serverAddress } from '../lib/format';
import type { Route } from '../lib/route';
import { ProjectTree } from './ProjectTree';
import { StatusDot } from './StatusDot';

interface ServerListProps {
  servers: ServerDto[];
  states: ConnectionStates;
  projects: ProjectDto[];
  apps: AppDto[];
  statuses: AppStatuses;
  route: Route;
  onNavigate: (route: Route) => void;
}

/** The sidebar's servers (name, user@host, live connection dot), each with its projects and apps. */
export function ServerList({ servers, states, projects, apps, statuses, route, onNavigate }: ServerListProps) {
  if (servers.length === 0) return <p className="muted sidebar-empty">No servers yet.</p>;
  return (
    <ul className="server-list">
      {servers.map((server) => (
        <li key={server.id}>
          <button
            type="button"
            className="server-item"
            aria-current={route.page === 'server' && route.serverId === server.id ? 'page' : undefined}
            onClick={() => onNavigate({ page: 'server', serverId: server.id })}
          >
            <span className="server-item-text">
              <span className="server-item-name">{server.name}</span>
              <span className="server-item-address">{serverAddress(server)}</span>
            </span>
            {/* After the text so the button's name starts with the server's; CSS shows it first. */}
            <StatusDot status={states[server.id]?.status ?? 'idle'} />
          </button>
          <ProjectTree
            projects={projects.filter((project) => project.serverId === server.id)}
            apps={apps}
            statuses={statuses}
            route={route}
            onNavigate={onNavigate}
          />
        </li>
      ))}
    </ul>
  );
}
