import type { DeploymentDto, DeploymentStatus } from './dto/app';
import type { ConnectionStatus, ServerDto } from './dto/server';
import { formatDuration, formatRelativeTime } from './format-duration';

/**
 * What the tray shows, as data: the icon, the tooltip and the menu. Pure, so the Electron shell
 * only turns it into a Tray and a Menu, and every word of it is unit-tested.
 */

export type TrayIcon = 'idle' | 'deploying' | 'failed';
/** The theme of the menu bar / task bar the icon sits on. */
export type TrayTheme = 'light' | 'dark';

export type TrayAction =
  | { kind: 'open-server'; serverId: string }
  | { kind: 'open-deployment'; deploymentId: string }
  | { kind: 'open-window' }
  | { kind: 'quit' };

/** A heading is a disabled label above a section; an item runs its action when clicked. */
export type MenuItemModel =
  { type: 'heading'; label: string } | { type: 'item'; label: string; action: TrayAction } | { type: 'separator' };

export interface TrayServer extends Pick<ServerDto, 'id' | 'name'> {
  status: ConnectionStatus;
}

/** A deployment with the names it is shown by; a whole DeploymentDto fits. */
export type TrayDeployment = Pick<
  DeploymentDto,
  'id' | 'number' | 'status' | 'createdAt' | 'finishedAt' | 'durationMs'
> & {
  projectName: string;
  appName: string;
};

export interface TrayState {
  servers: readonly TrayServer[];
  /** Deployments still queued, building or deploying. */
  running: readonly TrayDeployment[];
  /** Recently finished deployments, in any order (sorted here by finishedAt). */
  recent: readonly TrayDeployment[];
  /** Epoch milliseconds, for elapsed times and "… ago". */
  now: number;
}

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  menu: MenuItemModel[];
}

/** How many finished deployments the menu lists. */
export const TRAY_RECENT_LIMIT = 5;
/** Beyond this many running deployments the menu says "+ N more" (a long queue would fill the screen). */
export const TRAY_RUNNING_LIMIT = 8;

const PRODUCT = 'Mist Desktop';

const RUNNING_WORDS: Partial<Record<DeploymentStatus, string>> = {
  pending: 'queued',
  building: 'building',
  deploying: 'deploying',
};

const FINISHED_MARKS: Partial<Record<DeploymentStatus, string>> = { success: '✓', failed: '✗', cancelled: '⊘' };

const SERVER_WORDS: Record<ConnectionStatus, string> = {
  idle: 'not connected',
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting…',
  failed: 'connection failed',
};

export function trayModel(state: TrayState): TrayModel {
  // Sorted and filtered here so a caller's slightly stale list (a deployment that just finished
  // still in `running`) cannot show a deployment in both sections.
  const running = state.running
    .filter((d) => RUNNING_WORDS[d.status] !== undefined)
    .sort((a, b) => time(a.createdAt) - time(b.createdAt));
  const recent = state.recent
    .filter((d) => FINISHED_MARKS[d.status] !== undefined)
    .sort((a, b) => time(b.finishedAt) - time(a.finishedAt))
    .slice(0, TRAY_RECENT_LIMIT);

  const icon = trayIcon(running, recent);
  return { icon, tooltip: tooltip(icon, state.servers, running, recent), menu: menu(state, running, recent) };
}

/** The image for an icon state on a light or dark bar, e.g. "tray-deploying-dark.png". */
export function trayIconFile(icon: TrayIcon, theme: TrayTheme): string {
  return `tray-${icon}-${theme}.png`;
}

/** Deploying wins; otherwise a failure stays visible until a newer deployment finishes. A cancel is no failure. */
function trayIcon(running: readonly TrayDeployment[], recent: readonly TrayDeployment[]): TrayIcon {
  if (running.length > 0) return 'deploying';
  return recent[0]?.status === 'failed' ? 'failed' : 'idle';
}

function tooltip(
  icon: TrayIcon,
  servers: readonly TrayServer[],
  running: readonly TrayDeployment[],
  recent: readonly TrayDeployment[],
): string {
  if (icon === 'deploying') {
    const what = running.length === 1 ? `deploying ${title(running[0]!)}` : `${running.length} deployments running`;
    return `${PRODUCT} — ${what}`;
  }
  if (icon === 'failed') return `${PRODUCT} — ${title(recent[0]!)} failed`;
  if (servers.length === 0) return PRODUCT;
  const connected = servers.filter((s) => s.status === 'connected').length;
  return `${PRODUCT} — ${connected} of ${servers.length} ${servers.length === 1 ? 'server' : 'servers'} connected`;
}

function menu(
  state: TrayState,
  running: readonly TrayDeployment[],
  recent: readonly TrayDeployment[],
): MenuItemModel[] {
  const items: MenuItemModel[] = [{ type: 'heading', label: 'Servers' }];
  if (state.servers.length === 0) {
    items.push({ type: 'item', label: 'No servers yet — add one…', action: { kind: 'open-window' } });
  }
  for (const server of state.servers) {
    items.push({
      type: 'item',
      label: `${server.name} · ${SERVER_WORDS[server.status]}`,
      action: { kind: 'open-server', serverId: server.id },
    });
  }

  if (running.length > 0) {
    items.push({ type: 'separator' }, { type: 'heading', label: 'Deploying' });
    for (const d of running.slice(0, TRAY_RUNNING_LIMIT)) {
      const elapsed = formatDuration(Math.max(0, state.now - time(d.createdAt)));
      items.push({ type: 'item', label: `${title(d)} ${RUNNING_WORDS[d.status]}… ${elapsed}`, action: open(d) });
    }
    if (running.length > TRAY_RUNNING_LIMIT) {
      const more = running.length - TRAY_RUNNING_LIMIT;
      items.push({ type: 'item', label: `+ ${more} more`, action: { kind: 'open-window' } });
    }
  }

  if (recent.length > 0) {
    items.push({ type: 'separator' }, { type: 'heading', label: 'Recent deployments' });
    for (const d of recent) {
      const parts = [`${FINISHED_MARKS[d.status]} ${title(d)}`];
      if (d.durationMs !== null) parts.push(formatDuration(d.durationMs));
      if (d.finishedAt !== null) parts.push(formatRelativeTime(d.finishedAt, state.now));
      items.push({ type: 'item', label: parts.join(' · '), action: open(d) });
    }
  }

  items.push(
    { type: 'separator' },
    { type: 'item', label: `Open ${PRODUCT}`, action: { kind: 'open-window' } },
    { type: 'item', label: 'Quit', action: { kind: 'quit' } },
  );
  return items;
}

/** "shop/web #12" */
function title(d: TrayDeployment): string {
  return `${d.projectName}/${d.appName} #${d.number}`;
}

function open(d: TrayDeployment): TrayAction {
  return { kind: 'open-deployment', deploymentId: d.id };
}

/** Epoch milliseconds of an ISO time; a missing or bad one sorts as the oldest. */
function time(iso: string | null): number {
  const at = iso === null ? NaN : Date.parse(iso);
  return Number.isNaN(at) ? 0 : at;
}
