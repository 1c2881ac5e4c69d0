/**
 * Where the user is, kept in the address hash so a reload stays put. Pure (unit-tested in
 * renderer-route.test.ts):
 *   #/servers/ID · #/projects/ID · #/apps/ID[/TAB] · #/apps/ID/deployments/DEPLOYMENT_ID · #/settings · #/github
 */

export const APP_TABS = [
  'overview',
  'deployments',
  'logs',
  'general',
  'git',
  'build',
  'resources',
  'database',
  'environment',
  'domains',
  'activity',
  'shell',
] as const;
export type AppTab = (typeof APP_TABS)[number];

export type Route =
  | { page: 'home' }
  | { page: 'settings' }
  | { page: 'github' }
  | { page: 'server'; serverId: string }
  | { page: 'project'; projectId: string }
  | { page: 'app'; appId: string; tab: AppTab; deploymentId: string | null };

function isAppTab(value: string | undefined): value is AppTab {
  return (APP_TABS as readonly string[]).includes(value ?? '');
}

function decode(part: string | undefined): string | null {
  if (!part) return null;
  try {
    return decodeURIComponent(part) || null;
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'github') return { page: 'github' };
  const id = decode(parts[1]);
  if (!id) return { page: 'home' };
  switch (parts[0]) {
    case 'servers':
      return { page: 'server', serverId: id };
    case 'projects':
      return { page: 'project', projectId: id };
    case 'apps': {
      const tab = isAppTab(parts[2]) ? parts[2] : 'overview';
      const deploymentId = tab === 'deployments' ? decode(parts[3]) : null;
      return { page: 'app', appId: id, tab, deploymentId };
    }
    default:
      return { page: 'home' };
  }
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'github':
      return '#/github';
    case 'server':
      return `#/servers/${encodeURIComponent(route.serverId)}`;
    case 'project':
      return `#/projects/${encodeURIComponent(route.projectId)}`;
    case 'app': {
      const base = `#/apps/${encodeURIComponent(route.appId)}`;
      if (route.tab === 'deployments' && route.deploymentId)
        return `${base}/deployments/${encodeURIComponent(route.deploymentId)}`;
      return route.tab === 'overview' ? base : `${base}/${route.tab}`;
    }
  }
}

export const appRoute = (appId: string, tab: AppTab = 'overview', deploymentId: string | null = null): Route => ({
  page: 'app',
  appId,
  tab,
  deploymentId,
});

/** The server the current page belongs to, to pre-select it for a new project. */
export function currentServerId(
  route: Route,
  projects: { id: string; serverId: string }[],
  apps: { id: string; serverId: string }[],
): string | null {
  switch (route.page) {
    case 'server':
      return route.serverId;
    case 'project':
      return projects.find((project) => project.id === route.projectId)?.serverId ?? null;
    case 'app':
      return apps.find((app) => app.id === route.appId)?.serverId ?? null;
    default:
      return null;
  }
}
