import type Dockerode from 'dockerode';
import type { AppDto, ContainerLogLineDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import { listComposeContainers } from '../compose/compose-status';
import { containerName } from '../deploy/container-replace';
import { followContainerLogs, systemLine, waitForRun, type LogFollower, type LogSource } from './container-logs';

export interface AppLogsInput {
  service?: string;
  tail: number;
  timestamps: boolean;
}

/**
 * Follows an app's log: its one container (web, service, database apps), or every service of a
 * compose app (each line prefixed `service | `), or just the one service asked for. Throws at once
 * for a service on a non-compose app; a missing container becomes a `system` line (a single-container
 * app's log then waits for its first container). A container that stops is waited for, and its log
 * goes on when it (or the one a deploy put in its place under its name) runs again.
 */
export function followAppLogs(
  docker: Dockerode,
  app: Pick<AppDto, 'id' | 'name' | 'type'>,
  input: AppLogsInput,
  signal: AbortSignal,
  onLines: (lines: ContainerLogLineDto[]) => void,
): LogFollower {
  if (input.service !== undefined && app.type !== 'compose') {
    throw new MistError('invalid-input', `${app.name} is a ${app.type} app: only compose apps have services.`);
  }
  let follower: LogFollower | null = null;
  let paused = false;
  const done = sourcesOf(docker, app, input.service).then(async ({ sources, missing }) => {
    if (signal.aborted) return;
    if (missing) onLines([systemLine(input.service, missing)]);
    if (missing && app.type !== 'compose') {
      // its log starts with the container its first deploy runs
      const container = docker.getContainer(containerName(app.id));
      if ((await waitForRun(container, null, signal)) === null) return;
      sources = [{ container }];
    }
    const prefix = app.type === 'compose' && input.service === undefined;
    // each container is followed by name: across its restarts and a deploy's replacement
    follower = followContainerLogs(sources, { ...input, prefix, reattach: true, signal }, onLines);
    if (paused) follower.pause();
    return follower.done;
  });
  return {
    pause() {
      paused = true;
      follower?.pause();
    },
    resume() {
      paused = false;
      follower?.resume();
    },
    done: done.catch((error: Error) => {
      if (!signal.aborted) onLines([systemLine(undefined, `Cannot read the log: ${error.message}`)]);
    }),
  };
}

async function sourcesOf(
  docker: Dockerode,
  app: Pick<AppDto, 'id' | 'name' | 'type'>,
  service: string | undefined,
): Promise<{ sources: LogSource[]; missing: string | null }> {
  if (app.type !== 'compose') {
    const container = docker.getContainer(containerName(app.id));
    const exists = await container.inspect().then(
      () => true,
      (error: { statusCode?: number }) => {
        if (error.statusCode === 404) return false;
        throw error;
      },
    );
    return exists
      ? { sources: [{ container }], missing: null }
      : {
          sources: [],
          missing: `${app.name} has no container on its server yet: its log starts here when a deploy runs it.`,
        };
  }
  // by name (compose's `{project}-{service}-{n}`), which the container compose recreates keeps
  const containers = (await listComposeContainers(docker, app.id))
    .map((c) => ({
      name: c.Names[0]?.replace(/^\//, '') ?? c.Id,
      service: c.Labels['com.docker.compose.service'] ?? '?',
    }))
    .filter((c) => service === undefined || c.service === service)
    .sort((a, b) => a.service.localeCompare(b.service));
  const sources = containers.map((c) => ({ container: docker.getContainer(c.name), service: c.service }));
  if (sources.length > 0) return { sources, missing: null };
  return {
    sources,
    missing: service
      ? `${app.name} has no container for the service "${service}".`
      : `${app.name} has no containers on its server; deploy it first.`,
  };
}
