import type { Readable } from 'node:stream';
import type { AppDto, AppStatusDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import type { ConnectionPool } from '../ssh/connection-pool';
import type { DeploymentsRepo } from '../store/deployments-repo';
import { containerName } from './container-replace';

export interface RuntimeDeps {
  pool: ConnectionPool;
  deployments: DeploymentsRepo;
  apps: { get(appId: string): AppDto; list(): AppDto[] };
  audit: {
    record(entry: { action: string; targetType: 'app'; targetId: string; appId: string; summary: string }): void;
  };
}

/**
 * The running side of an app: its container's state, start/stop/restart, and a live status stream
 * fed by each server's Docker events over its SSH connection (no polling).
 */
export class AppRuntime {
  constructor(private readonly deps: RuntimeDeps) {}

  async status(appId: string): Promise<AppStatusDto> {
    const app = this.deps.apps.get(appId);
    const inFlight = this.deps.deployments
      .listForApp(appId, 5)
      .find((d) => d.status === 'building' || d.status === 'deploying');
    const base = { appId, containerState: null, startedAt: null, exitCode: null };
    if (inFlight) return { ...base, status: inFlight.status === 'building' ? 'building' : 'deploying' };
    try {
      const info = await this.deps.pool.docker(app.serverId).getContainer(containerName(appId)).inspect();
      const state = info.State;
      const status = state.Running
        ? 'running'
        : state.ExitCode !== 0 && state.Status === 'exited'
          ? 'error'
          : 'stopped';
      return {
        appId,
        status,
        containerState: state.Status,
        startedAt: state.StartedAt ?? null,
        exitCode: state.Running ? null : state.ExitCode,
      };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      // a container removed by hand shows the app stopped, not "never deployed"
      const deployed = this.deps.deployments.active(appId) !== null;
      return { ...base, status: deployed ? 'stopped' : 'not-deployed' };
    }
  }

  async control(appId: string, action: 'start' | 'stop' | 'restart'): Promise<AppStatusDto> {
    const app = this.deps.apps.get(appId);
    const container = this.deps.pool.docker(app.serverId).getContainer(containerName(appId));
    try {
      if (action === 'start') await container.start();
      else if (action === 'stop') await container.stop({ t: 10 });
      else await container.restart({ t: 10 });
    } catch (error) {
      const code = (error as { statusCode?: number }).statusCode;
      if (code === 404)
        throw new MistError('not-found', `${app.name} has no container on its server; deploy it first.`);
      if (code !== 304)
        throw new MistError('docker-error', `Could not ${action} ${app.name}: ${(error as Error).message}`);
      // 304: already in the asked state
    }
    this.deps.audit.record({
      action: `app.${action}`,
      targetType: 'app',
      targetId: appId,
      appId,
      summary: `${action} ${app.name}`,
    });
    return this.status(appId);
  }

  /**
   * Calls `onStatus` with every app's status now, then whenever Docker reports an event for one of
   * our containers. `include(appId)` adds an app created later (its server's events are followed
   * from then on). Returns how to stop watching.
   */
  watch(onStatus: (status: AppStatusDto) => void): { stop(): void; include(appId: string): void } {
    const streams: Readable[] = [];
    const watchedServers = new Set<string>();
    let stopped = false;
    const report = (appId: string) => {
      this.status(appId).then(
        (status) => !stopped && onStatus(status),
        () => {}, // a server that is unreachable right now: its connection state tells the user
      );
    };
    const followServer = (serverId: string) => {
      if (watchedServers.has(serverId)) return;
      watchedServers.add(serverId);
      this.deps.pool
        .docker(serverId)
        .getEvents({ filters: { type: ['container'], label: ['mist.managed=true'] } })
        .then((stream) => {
          if (stopped) return (stream as Readable).destroy();
          streams.push(stream as Readable);
          (stream as Readable).on('data', (chunk: Buffer) => {
            for (const line of chunk.toString('utf8').split('\n')) {
              const appId = /"mist\.app":"([a-z0-9]+)"/.exec(line)?.[1];
              if (appId) report(appId);
            }
          });
        })
        .catch(() => watchedServers.delete(serverId)); // try again when an app of it is included
    };
    for (const app of this.deps.apps.list()) {
      report(app.id);
      followServer(app.serverId);
    }
    return {
      stop: () => {
        stopped = true;
        for (const stream of streams) stream.destroy();
      },
      include: (appId) => {
        followServer(this.deps.apps.get(appId).serverId);
        report(appId);
      },
    };
  }
}
