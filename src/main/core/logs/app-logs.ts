import type Dockerode from 'dockerode';
import type { AppDto, ContainerLogLineDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import { composeServiceOf, listComposeContainers } from '../compose/compose-status';
import { containerName } from '../deploy/container-replace';
import {
  abortableDelay,
  followContainerLogs,
  systemLine,
  waitForRun,
  type LogFollower,
  type LogSource,
} from './container-logs';

/** How often an open compose log looks for containers it does not follow yet (a service a deploy added). */
const NEW_CONTAINER_POLL_MS = 2_000;
/**
 * The name compose (1.x and 2) gives the container it recreates, stopped, until it removes it:
 * `{first 12 hex digits of its id}_{its name}`. Not a new container of the app.
 */
const COMPOSE_REPLACED_NAME = /^[0-9a-f]{12}_/;

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
 * goes on when it (or the one a deploy put in its place under its name) runs again. A compose
 * container that appears while the log is open (a service a deploy added) joins it, from its start.
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
      sources = [{ container, name: containerName(app.id) }];
    }
    const prefix = app.type === 'compose' && input.service === undefined;
    // each container is followed by name: across its restarts and a deploy's replacement
    const following = followContainerLogs(sources, { ...input, prefix, reattach: true, signal }, onLines);
    follower = following;
    if (paused) following.pause();
    if (app.type !== 'compose') return following.done;
    const known = new Set(sources.map((source) => source.name));
    await Promise.all([
      following.done,
      addNewContainers(docker, app.id, input.service, known, following, signal, onLines),
    ]);
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
    add(source) {
      follower?.add(source);
    },
    done: done.catch((error: Error) => {
      if (!signal.aborted) onLines([systemLine(undefined, `Cannot read the log: ${error.message}`)]);
    }),
  };
}

/**
 * Until the signal aborts: every few seconds, the compose app's containers not followed yet (their
 * names not in `known`) are added to the follower, each after a line saying it joined.
 */
async function addNewContainers(
  docker: Dockerode,
  appId: string,
  service: string | undefined,
  known: Set<string>,
  follower: LogFollower,
  signal: AbortSignal,
  onLines: (lines: ContainerLogLineDto[]) => void,
): Promise<void> {
  for (;;) {
    await abortableDelay(NEW_CONTAINER_POLL_MS, signal);
    if (signal.aborted) return;
    // the connection may be down for a moment: looked at again next time
    const found = await composeSources(docker, appId, service, { skipReplaced: true }).catch(() => []);
    for (const source of found) {
      if (known.has(source.name) || signal.aborted) continue;
      known.add(source.name);
      onLines([
        systemLine(source.service, `— ${source.name} started while the log was open: its log from the start —`),
      ]);
      follower.add({ ...source, fromStart: true });
    }
  }
}

async function sourcesOf(
  docker: Dockerode,
  app: Pick<AppDto, 'id' | 'name' | 'type'>,
  service: string | undefined,
): Promise<{ sources: (LogSource & { name: string })[]; missing: string | null }> {
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
      ? { sources: [{ container, name: containerName(app.id) }], missing: null }
      : {
          sources: [],
          missing: `${app.name} has no container on its server yet: its log starts here when a deploy runs it.`,
        };
  }
  const sources = await composeSources(docker, app.id, service);
  if (sources.length > 0) return { sources, missing: null };
  return {
    sources,
    missing: service
      ? `${app.name} has no container for the service "${service}".`
      : `${app.name} has no containers on its server; deploy it first.`,
  };
}

/**
 * A compose app's containers (of one service, if given), by service name; with `skipReplaced`, not
 * the stopped ones compose renamed while recreating them.
 */
async function composeSources(
  docker: Dockerode,
  appId: string,
  service: string | undefined,
  { skipReplaced = false } = {},
): Promise<(LogSource & { name: string })[]> {
  // by name (compose's `{project}-{service}-{n}`), which the container compose recreates keeps
  return (await listComposeContainers(docker, appId))
    .map((c) => ({
      name: c.Names[0]?.replace(/^\//, '') ?? c.Id,
      service: composeServiceOf(c) ?? '?',
      running: c.State === 'running',
    }))
    .filter((c) => !skipReplaced || c.running || !COMPOSE_REPLACED_NAME.test(c.name))
    .filter((c) => service === undefined || c.service === service)
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((c) => ({ container: docker.getContainer(c.name), service: c.service, name: c.name }));
}
