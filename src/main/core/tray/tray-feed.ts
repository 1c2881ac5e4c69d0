import { EventEmitter } from 'node:events';
import type { DeploymentDto, DeploymentEventDto } from '../../../shared/dto/app';
import type { ConnectionStateDto, ConnectionStatus } from '../../../shared/dto/server';
import {
  deployNotification,
  type DeployNotification,
  type DeployNotificationSetting,
} from '../../../shared/deploy-notification';
import { trayModel, TRAY_RECENT_LIMIT, type TrayDeployment, type TrayModel } from '../../../shared/tray-model';

export interface TrayUpdate {
  tray: TrayModel;
  /** Set when a deployment just finished and the notification setting lets it through. */
  notification?: DeployNotification;
}

/** Something that emits `event` (DeploymentEventDto): the DeployService. */
export interface DeployEvents {
  on(event: 'event', listener: (event: DeploymentEventDto) => void): unknown;
  off(event: 'event', listener: (event: DeploymentEventDto) => void): unknown;
}

/** Something that emits `state` (ConnectionStateDto) and lists every server's state: the ConnectionPool. */
export interface ConnectionStates {
  on(event: 'state', listener: (state: ConnectionStateDto) => void): unknown;
  off(event: 'state', listener: (state: ConnectionStateDto) => void): unknown;
  states(): ConnectionStateDto[];
}

export interface TrayFeedDeps {
  deploys: DeployEvents;
  connections: ConnectionStates;
  servers: () => ReadonlyArray<{ id: string; name: string }>;
  /** The names a deployment is shown by; null when its app is gone. */
  names: (appId: string) => { projectName: string; appName: string } | null;
  notifications: () => DeployNotificationSetting;
  now?: () => number;
}

const RUNNING = new Set(['pending', 'building', 'deploying']);
const FINISHED = new Set(['success', 'failed', 'cancelled']);

/**
 * The tray's state, kept by the core: the running and recently finished deployments (from the
 * DeployService's events) and every server's connection state (from the pool). Emits `update`
 * (TrayUpdate) on every change, with the notification for a deployment that just finished; the
 * Electron shell only renders it.
 */
export class TrayFeed extends EventEmitter {
  private readonly running = new Map<string, TrayDeployment>();
  private recent: TrayDeployment[] = [];
  private readonly appOf = new Map<string, string>();
  private readonly statuses = new Map<string, ConnectionStatus>();
  private readonly onDeploy = (event: DeploymentEventDto) => {
    if (event.kind === 'status') this.deployment(event.deployment);
  };
  private readonly onState = (state: ConnectionStateDto) => {
    if (this.statuses.get(state.serverId) === state.status) return;
    this.statuses.set(state.serverId, state.status);
    this.emit('update', { tray: this.model() } satisfies TrayUpdate);
  };

  constructor(private readonly deps: TrayFeedDeps) {
    super();
    for (const state of deps.connections.states()) this.statuses.set(state.serverId, state.status);
    deps.deploys.on('event', this.onDeploy);
    deps.connections.on('state', this.onState);
  }

  /** The tray as it is now (the shell calls this again to refresh elapsed times). */
  model(): TrayModel {
    return trayModel({
      servers: this.deps.servers().map((s) => ({ ...s, status: this.statuses.get(s.id) ?? 'idle' })),
      running: [...this.running.values()],
      recent: this.recent,
      now: (this.deps.now ?? Date.now)(),
    });
  }

  /** The app a deployment shown in the tray belongs to (to open `#/apps/{appId}/deployments/{id}`). */
  appIdOf(deploymentId: string): string | null {
    return this.appOf.get(deploymentId) ?? null;
  }

  stop(): void {
    this.deps.deploys.off('event', this.onDeploy);
    this.deps.connections.off('state', this.onState);
  }

  private deployment(deployment: DeploymentDto): void {
    const names = this.deps.names(deployment.appId);
    if (!names) return;
    const shown: TrayDeployment = { ...pick(deployment), ...names };
    this.appOf.set(deployment.id, deployment.appId);
    let notification: DeployNotification | null = null;
    if (RUNNING.has(deployment.status)) {
      this.running.set(deployment.id, shown);
    } else if (FINISHED.has(deployment.status)) {
      // a repeated final event (reconcile) is no second notification
      const already = this.recent.some((d) => d.id === deployment.id && d.status === deployment.status);
      this.running.delete(deployment.id);
      this.recent = [shown, ...this.recent.filter((d) => d.id !== deployment.id)].slice(0, TRAY_RECENT_LIMIT * 2);
      this.forgetOldApps();
      if (!already) notification = deployNotification(deployment, names, this.deps.notifications());
    } else {
      return;
    }
    this.emit('update', { tray: this.model(), ...(notification ? { notification } : {}) } satisfies TrayUpdate);
  }

  private forgetOldApps(): void {
    const kept = new Set([...this.running.keys(), ...this.recent.map((d) => d.id)]);
    for (const id of this.appOf.keys()) if (!kept.has(id)) this.appOf.delete(id);
  }
}

function pick(d: DeploymentDto): Omit<TrayDeployment, 'projectName' | 'appName'> {
  return {
    id: d.id,
    number: d.number,
    status: d.status,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt,
    durationMs: d.durationMs,
  };
}

/** A TrayFeed over a core's services (what the Electron shell uses). */
export function createTrayFeed(core: {
  deploys: DeployEvents;
  pool: ConnectionStates;
  servers: { list(): ReadonlyArray<{ id: string; name: string }> };
  apps: {
    apps: { get(appId: string): { name: string; projectId: string } };
    projects: { get(projectId: string): { name: string } };
  };
  settings: { get(): { notifications: DeployNotificationSetting } };
}): TrayFeed {
  return new TrayFeed({
    deploys: core.deploys,
    connections: core.pool,
    servers: () => core.servers.list(),
    names: (appId) => {
      try {
        const app = core.apps.apps.get(appId);
        return { appName: app.name, projectName: core.apps.projects.get(app.projectId).name };
      } catch {
        return null; // deleted meanwhile
      }
    },
    notifications: () => core.settings.get().notifications,
  });
}
