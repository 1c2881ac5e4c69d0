import type Dockerode from 'dockerode';
import { MistError } from '../../../shared/errors';
import { TRAEFIK_NETWORK } from '../../../shared/traefik-labels';
import type { LogRetentionDto } from '../../../shared/dto/app';
import { containerLogConfig } from './container-logging';
import { describeEarlyExit, exitCodeFromEvents, exitRightAfterStart, watchNextExit } from './early-exit';

export interface ContainerSpec {
  appId: string;
  /** Container name while the previous one still runs. */
  candidateName: string;
  image: string;
  port: number;
  publishPort: boolean;
  env: Array<{ key: string; value: string }>;
  labels: Record<string, string>;
  restartPolicy: string;
  cpuLimit: number | null;
  memoryMb: number | null;
  /** How much of its output Docker keeps (see container-logging.ts). */
  logRetention: LogRetentionDto;
  /** The container's command (CMD), when the image's default is not what the app runs. */
  cmd?: string[];
  /** Named volumes mounted into the container (a database's data). */
  volumes?: Array<{ name: string; target: string }>;
  /**
   * The old container must stop before the new one starts even without a shared host port: two
   * database servers must never open the same data files at once.
   */
  exclusive?: boolean;
  /** Docker's own health check (shown by `docker ps` and the app status). */
  healthcheck?: { test: string[]; intervalS: number; timeoutS: number; retries: number; startPeriodS: number };
}

/** Runs after the new container survived its settle time; throwing rolls back to the old one. */
export type ReadinessCheck = (container: Dockerode.Container, log: (line: string) => void) => Promise<void>;

export function containerName(appId: string): string {
  return `app-${appId}`;
}

/**
 * Replaces the app's container without ever leaving it with nothing serving: the new container is
 * created first (a bad config fails here, old one untouched); then it starts — after stopping the
 * old one only when both need the same host port — and must still be running after a moment. If it
 * is not, it is removed, the old one is started again, and the error carries its last log lines.
 */
export async function replaceContainer(
  docker: Dockerode,
  spec: ContainerSpec,
  log: (line: string) => void,
  ready?: ReadinessCheck,
): Promise<{ containerId: string }> {
  const finalName = containerName(spec.appId);
  await ensureNetwork(docker, log);
  // independent round trips, taken together
  const [old, candidate] = await Promise.all([
    inspectOrNull(docker.getContainer(finalName)),
    createCandidate(docker, spec),
  ]);
  log(`Created container ${spec.candidateName} from ${spec.image}.`);
  const oldRunning = old?.State.Running === true;
  const mustStopOldFirst = (spec.publishPort || spec.exclusive === true) && oldRunning;
  const retiredName = `${finalName}-retired`;
  let oldRetired: Promise<boolean> = Promise.resolve(false);
  try {
    if (mustStopOldFirst) {
      log(
        spec.exclusive
          ? `Stopping ${finalName} first, so only one container opens the data at a time…`
          : `Stopping ${finalName} to free port ${spec.port}…`,
      );
      await docker.getContainer(finalName).stop({ t: 10 });
    }
    // Listen for its next exit before starting it: with a restart policy a crashing container never
    // looks "not running" for long, but each crash is an exit.
    const nextExit = watchNextExit(candidate);
    await candidate.start().catch((error: Error) => {
      nextExit.stop();
      throw error;
    });
    // while the new one settles, move the old one aside (its name is needed next)
    if (old) oldRetired = renameAside(docker, old.Id, retiredName).then(() => true);
    oldRetired.catch(() => {}); // observed below; never an unhandled rejection while the new one settles
    const exit = await exitRightAfterStart(candidate, nextExit.exited).finally(nextExit.stop);
    if (exit !== null) {
      // a wait can say 0 (or nothing) for a crash: Docker's events know the code then
      const codeKnown = exit.code !== null && exit.code !== 0;
      const [lastLogs, eventCode] = await Promise.all([
        tailLogs(candidate),
        codeKnown ? null : exitCodeFromEvents(docker, candidate).catch(() => null),
      ]);
      const reported = { ...exit, code: eventCode ?? exit.code };
      throw new MistError(
        'docker-error',
        `${describeEarlyExit(reported)}${lastLogs ? ` Its last output:\n${lastLogs}` : ''}`,
      );
    }
    await oldRetired;
    await ready?.(candidate, log);
  } catch (error) {
    await candidate.remove({ force: true }).catch(() => {});
    if (old && (await oldRetired.catch(() => false))) {
      await docker
        .getContainer(old.Id)
        .rename({ name: finalName })
        .catch(() => {});
    }
    if (mustStopOldFirst) {
      await docker
        .getContainer(old!.Id)
        .start()
        .then(() => log(`Restarted the previous container ${finalName}.`))
        .catch((e: Error) => log(`Could not restart the previous container: ${e.message}`));
    }
    throw error instanceof MistError
      ? error
      : new MistError('docker-error', `Starting the new container failed: ${(error as Error).message}`);
  }

  if (old) {
    await Promise.all([candidate.rename({ name: finalName }), docker.getContainer(old.Id).remove({ force: true })]);
    log(`Removed the previous container.`);
  } else {
    await candidate.rename({ name: finalName });
  }
  log(`${finalName} is running.`);
  return { containerId: candidate.id };
}

/** Renames a container out of the way; a leftover of an interrupted deploy under that name goes first. */
async function renameAside(docker: Dockerode, id: string, name: string): Promise<void> {
  try {
    await docker.getContainer(id).rename({ name });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    await removeIfExists(docker.getContainer(name));
    await docker.getContainer(id).rename({ name });
  }
}

/** Creates the new container; a leftover of an interrupted deploy with its name is removed first. */
async function createCandidate(docker: Dockerode, spec: ContainerSpec): Promise<Dockerode.Container> {
  try {
    return await docker.createContainer(createOptions(spec));
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    await removeIfExists(docker.getContainer(spec.candidateName));
    return docker.createContainer(createOptions(spec));
  }
}

function createOptions(spec: ContainerSpec): Dockerode.ContainerCreateOptions {
  const portKey = `${spec.port}/tcp`;
  return {
    name: spec.candidateName,
    Image: spec.image,
    Env: spec.env.map(({ key, value }) => `${key}=${value}`),
    Labels: spec.labels,
    ExposedPorts: { [portKey]: {} },
    HostConfig: {
      RestartPolicy: { Name: spec.restartPolicy === 'no' ? '' : spec.restartPolicy },
      NetworkMode: TRAEFIK_NETWORK,
      LogConfig: containerLogConfig(spec.logRetention),
      ...(spec.cpuLimit ? { NanoCpus: Math.round(spec.cpuLimit * 1e9) } : {}),
      ...(spec.memoryMb ? { Memory: spec.memoryMb * 1024 * 1024 } : {}),
      ...(spec.publishPort ? { PortBindings: { [portKey]: [{ HostPort: String(spec.port) }] } } : {}),
      ...(spec.volumes?.length ? { Binds: spec.volumes.map((v) => `${v.name}:${v.target}`) } : {}),
    },
    ...(spec.cmd ? { Cmd: spec.cmd } : {}),
    ...(spec.healthcheck
      ? {
          Healthcheck: {
            Test: ['CMD', ...spec.healthcheck.test],
            Interval: spec.healthcheck.intervalS * 1e9,
            Timeout: spec.healthcheck.timeoutS * 1e9,
            Retries: spec.healthcheck.retries,
            StartPeriod: spec.healthcheck.startPeriodS * 1e9,
          },
        }
      : {}),
    // Reachable as app-{id} on the network from the start, even before the rename.
    NetworkingConfig: { EndpointsConfig: { [TRAEFIK_NETWORK]: { Aliases: [containerName(spec.appId)] } } },
  };
}

/** Servers (Docker clients) where the network is known to exist: checked once per client. */
const networkReady = new WeakSet<Dockerode>();

export async function ensureNetwork(docker: Dockerode, log: (line: string) => void): Promise<void> {
  if (networkReady.has(docker)) return;
  const networks = await docker.listNetworks({ filters: { name: [TRAEFIK_NETWORK] } });
  if (!networks.some((n) => n.Name === TRAEFIK_NETWORK)) {
    try {
      await docker.createNetwork({ Name: TRAEFIK_NETWORK, Driver: 'bridge' });
      log(`Created the ${TRAEFIK_NETWORK} network.`);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 409) throw error; // created meanwhile
    }
  }
  networkReady.add(docker);
}

async function inspectOrNull(container: Dockerode.Container): Promise<Dockerode.ContainerInspectInfo | null> {
  try {
    return await container.inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

async function removeIfExists(container: Dockerode.Container): Promise<void> {
  await container.remove({ force: true }).catch((error: { statusCode?: number }) => {
    if (error.statusCode !== 404) throw error;
  });
}

/** The container's last 20 lines of output, as text ('' when they cannot be read). */
export async function tailLogs(container: Dockerode.Container): Promise<string> {
  try {
    const buffer = (await container.logs({ stdout: true, stderr: true, tail: 20, follow: false })) as unknown as Buffer;
    return demuxToText(buffer).trim();
  } catch {
    return '';
  }
}

/** Docker's multiplexed log format: 8-byte headers (stream, size) before each frame. */
export function demuxToText(buffer: Buffer): string {
  let text = '';
  let offset = 0;
  while (offset + 8 <= buffer.length && buffer[offset]! <= 2 && buffer.readUInt16BE(offset + 1) === 0) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return offset === 0 ? buffer.toString('utf8') : text;
}
