/**
 * What the command palette lists: every app across all servers and projects (`project/app`, with
 * the server and type as detail), and the actions on one app. Pure (unit-tested in
 * renderer-palette-items.test.ts); components/CommandPalette.tsx ranks and shows them.
 */
import type { AppDto, ProjectDto } from '../../../shared/dto/app';
import type { ServerDto } from '../../../shared/dto/server';
import type { PaletteItem } from '../../../shared/fuzzy-match';
import { appTabsFor, appTypeName } from './app-tabs';

export interface AppPaletteItem extends PaletteItem {
  app: AppDto;
  serverName: string;
}

export type PaletteActionKind =
  'open' | 'deploy' | 'rollback' | 'restart' | 'stop' | 'logs' | 'shell' | 'open-domain' | 'server' | 'settings';

export interface PaletteAction extends PaletteItem {
  kind: PaletteActionKind;
  /** For open-domain: the host name to open (https). */
  host?: string;
}

/** One item per app, in sidebar order (server, project, app name), labelled `project/app`. */
export function appPaletteItems(
  apps: readonly AppDto[],
  projects: readonly ProjectDto[],
  servers: readonly ServerDto[],
): AppPaletteItem[] {
  const projectNames = new Map(projects.map((project) => [project.id, project.name]));
  const serverNames = new Map(servers.map((server) => [server.id, server.name]));
  const serverOrder = new Map(servers.map((server, index) => [server.id, index]));
  const items = apps.map((app) => {
    const serverName = serverNames.get(app.serverId) ?? 'unknown server';
    return {
      id: app.id,
      label: `${projectNames.get(app.projectId) ?? '?'}/${app.name}`,
      detail: `${serverName} · ${appTypeName(app.type)}`,
      app,
      serverName,
    };
  });
  return items.sort(
    (a, b) =>
      (serverOrder.get(a.app.serverId) ?? Infinity) - (serverOrder.get(b.app.serverId) ?? Infinity) ||
      compare(a.label, b.label),
  );
}

/** Whether the app can be deployed now (a database runs its template's image; others need a repository). */
export function isDeployable(app: AppDto): boolean {
  return app.type === 'database' || app.gitUrl !== null;
}

export function hasAppTab(app: AppDto, tab: string): boolean {
  return appTabsFor(app.type).some((entry) => entry.id === tab);
}

/**
 * The actions on `app`, in the order the palette lists them. Deploy only when the app can be
 * deployed; Roll back for web and service apps; Logs and Shell when its type has those tabs; one "Open …" per domain (hosts as DNS
 * knows them, shown as the user wrote them).
 */
export function paletteActions(
  app: AppDto,
  serverName: string,
  domains: readonly { host: string; displayHost: string }[] = [],
): PaletteAction[] {
  const actions: PaletteAction[] = [{ id: 'open', kind: 'open', label: 'Open', detail: 'Overview' }];
  if (isDeployable(app)) actions.push({ id: 'deploy', kind: 'deploy', label: 'Deploy', keywords: ['build'] });
  if (app.type === 'web' || app.type === 'service')
    actions.push({
      id: 'rollback',
      kind: 'rollback',
      label: 'Roll back',
      detail: 'to the deployment before, without a build',
      keywords: ['revert', 'undo', 'previous'],
    });
  actions.push(
    { id: 'restart', kind: 'restart', label: 'Restart', detail: 'the container' },
    { id: 'stop', kind: 'stop', label: 'Stop', detail: 'the container' },
  );
  if (hasAppTab(app, 'logs'))
    actions.push({ id: 'logs', kind: 'logs', label: 'Logs', detail: 'container logs', keywords: ['tail'] });
  if (hasAppTab(app, 'shell'))
    actions.push({
      id: 'shell',
      kind: 'shell',
      label: 'Shell',
      detail: 'in the container',
      keywords: ['exec', 'terminal'],
    });
  for (const domain of domains)
    actions.push({
      id: `open-domain:${domain.host}`,
      kind: 'open-domain',
      label: `Open ${domain.displayHost}`,
      detail: `https://${domain.host}`,
      keywords: ['domain', 'browser'],
      host: domain.host,
    });
  actions.push(
    { id: 'server', kind: 'server', label: 'Go to server', detail: serverName },
    { id: 'settings', kind: 'settings', label: 'Settings', detail: 'General', keywords: ['general', 'rename'] },
  );
  return actions;
}

/** The address Open domain opens: always https (Traefik redirects http there anyway). */
export function domainUrl(host: string): string {
  return `https://${host}/`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Rows the palette shows at most: more than fit on screen is work for nothing on every keystroke
 * (rendering and laying out rows is most of a keystroke's cost); narrowing the query finds the rest.
 */
export const PALETTE_LIMIT = 20;
