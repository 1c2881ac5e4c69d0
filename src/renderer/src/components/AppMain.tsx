import type { Route } from '../lib/route';
import { AppPage } from './AppPage';
import { GitHubPage } from './GitHubPage';
import { ProjectPage } from './ProjectPage';
import { ServerPage } from './ServerPage';
import { SettingsPage } from './SettingsPage';
import { Welcome } from './Welcome';

interface AppMainProps {
  route: Route;
  hasServers: boolean;
  onAddServer: () => void;
  navigate: (route: Route) => void;
}

/** The main pane: the page the route names. */
export function AppMain({ route, hasServers, onAddServer, navigate }: AppMainProps) {
  switch (route.page) {
    case 'server':
      return <ServerPage serverId={route.serverId} onRemoved={() => navigate({ page: 'home' })} />;
    case 'project':
      return <ProjectPage key={route.projectId} projectId={route.projectId} />;
    case 'settings':
      return <SettingsPage />;
    case 'github':
      return <GitHubPage />;
    case 'app':
      return <AppPage key={route.appId} appId={route.appId} tab={route.tab} deploymentId={route.deploymentId} />;
    default:
      return <Welcome hasServers={hasServers} onAdd={onAddServer} />;
  }
}
