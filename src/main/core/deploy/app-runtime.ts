import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { AppDto, AppStatusDto, AppUsageDto, ContainerLogLineDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import { listComposeContainers, servicesOf, summarizeServices } from '../compose/compose-status';
import { followAppLogs, type AppLogsInput } from '../logs/app-logs';
import { readAppUsage } from '../metrics/app-usage';
import type { LogFollower } from '../logs/container-logs';
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
    if (app.type === 'compose') return this.composeStatus(app);
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
        restartCount: info.RestartCount ?? 0,
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
    const docker = this.deps.pool.docker(app.serverId);
    // a compose app: every service's container, through the Docker API (the same for compose v1 and v2)
    const ids =
      app.type === 'compose' ? (await listComposeContainers(docker, appId)).map((c) => c.Id) : [containerName(appId)];
    if (ids.length === 0)
      throw new MistError('not-found', `${app.name} has no containers on its server; deploy it first.`);
    // compose containers carry their own stop timeout (stop_grace_period): Docker applies it when none is given
    const stopTimeout = app.type === 'compose' ? undefined : 10;
    await Promise.all(ids.map((id) => controlContainer(docker.getContainer(id), action, app.name, stopTimeout)));
    this.deps.audit.record({
      action: `app.${action}`,
      targetType: 'app',
      targetId: appId,
      appId,
      summary: `${action} ${app.name}`,
    });
    return this.status(appId);
  }

  /** Follows the app's container log (compose apps: every service, or the one asked for). */
  logs(
    appId: string,
    input: AppLogsInput,
    signal: AbortSignal,
    onLines: (lines: ContainerLogLineDto[]) => void,
  ): LogFollower {
    const app = this.deps.apps.get(appId);
    return followAppLogs(this.deps.pool.docker(app.serverId), app, input, signal, onLines);
  }

  /** What the app's running containers use now (CPU, memory, network): one sample each. */
  usage(appId: string): Promise<AppUsageDto> {
    const app = this.deps.apps.get(appId);
    return readAppUsage(this.deps.pool.docker(app.serverId), app);
  }

  /** A compose app: its services' containers, found by the compose project label. */
  private async composeStatus(app: AppDto): Promise<AppStatusDto> {
    const containers = await listComposeContainers(this.deps.pool.docker(app.serverId), app.id);
    const { status, summary, services } = summarizeServices(servicesOf(containers));
    const deployed = containers.length > 0 || this.deps.deployments.active(app.id) !== null;
    return {
      appId: app.id,
      status: deployed ? status : 'not-deployed',
      containerState: null,
      startedAt: null,
      exitCode: null,
      services,
      summary,
    };
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
      // Our own containers carry mist.app; a compose app's carry only compose's project label
      // (mist-{appId}). Docker ANDs label filters, so each kind has its own events stream.
      const kinds = [
        { label: 'mist.managed=true', appId: /"mist\.app":"([a-z0-9]+)"/ },
        { label: 'com.docker.compose.project', appId: /"com\.docker\.compose\.project":"mist-([a-z0-9]+)"/ },
      ];
      Promise.all(
        kinds.map(async ({ label, appId: pattern }) => {
          const stream = (await this.deps.pool
            .docker(serverId)
            .getEvents({ filters: { type: ['container'], label: [label] } })) as Readable;
          if (stopped) return stream.destroy();
          streams.push(stream);
          stream.on('data', (chunk: Buffer) => {
            for (const line of chunk.toString('utf8').split('\n')) {
              const appId = pattern.exec(line)?.[1];
              if (appId) report(appId);
            }
          });
        }),
      ).catch(() => watchedServers.delete(serverId)); // try again when an app of it is included
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

async function controlContainer(
  container: Dockerode.Container,
  action: 'start' | 'stop' | 'restart',
  appName: string,
  stopTimeoutS: number | undefined,
): Promise<void> {
  const options = stopTimeoutS === undefined ? {} : { t: stopTimeoutS };
  try {
    if (action === 'start') await container.start();
    else if (action === 'stop') await container.stop(options);
    else await container.restart(options);
  } catch (error) {
    const code = (error as { statusCode?: number }).statusCode;
    if (code === 404) throw new MistError('not-found', `${appName} has no container on its server; deploy it first.`);
    if (code !== 304)
      throw new MistError('docker-error', `Could not ${action} ${appName}: ${(error as Error).message}`);
    // 304: already in the asked state
  }
}
