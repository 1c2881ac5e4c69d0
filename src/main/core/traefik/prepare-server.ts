import type Dockerode from 'dockerode';
import type { PrepareServerResultDto } from '../../../shared/dto/domain';
import { MistError } from '../../../shared/errors';
import { TRAEFIK_NETWORK } from '../../../shared/traefik-labels';
import { containerLogConfig } from '../deploy/container-logging';
import type { ServerConnection } from '../ssh/server-connection';
import { findPortConflicts } from './port-conflicts';
import { DASHBOARD_PORT, isValidAcmeEmail, traefikCommand } from './traefik-command';

export const TRAEFIK_IMAGE = 'traefik:v3.3'; // pinned v3 minor
export const TRAEFIK_CONTAINER = 'mist-traefik';
export const TRAEFIK_ACME_VOLUME = 'mist-traefik-acme';
export const DOCKER_SOCKET_BIND = '/var/run/docker.sock:/var/run/docker.sock:ro';
/**
 * Traefik's own output (its access log is off, so mostly certificate renewals and errors) kept in
 * Docker's rotated `local` driver: Docker's default file would grow for as long as the server runs.
 */
export const TRAEFIK_LOG_RETENTION = { maxSizeMb: 10, maxFiles: 3 } as const;

export interface PrepareServerOptions {
  serverName: string;
  acmeEmail: string;
  /** Default TRAEFIK_IMAGE; tests pass a locally built stand-in. */
  image?: string;
  /** Host ports for `web` and `websecure`; default 80 and 443 (tests use free ports). */
  ports?: { http: number; https: number };
  log?: (line: string) => void;
}

/** The result without `serverId`, which the caller adds. */
export type PrepareServerResult = Omit<PrepareServerResultDto, 'serverId'>;

/**
 * Makes a server ready for web apps behind Traefik; idempotent and re-runnable to upgrade:
 * the `traefik-net` network, the Traefik image (pulled, or the one already present when the pull
 * fails) and the `mist-traefik` container. Ports 80/443 held by anything else: nothing changes and
 * a `conflict` error names the holder.
 */
export async function prepareServer(
  docker: Dockerode,
  conn: ServerConnection,
  options: PrepareServerOptions,
): Promise<PrepareServerResult> {
  const image = options.image ?? TRAEFIK_IMAGE;
  const ports = options.ports ?? { http: 80, https: 443 };
  const log = options.log ?? (() => {});
  const messages: string[] = [];
  if (!isValidAcmeEmail(options.acmeEmail)) {
    throw new MistError('invalid-input', `"${options.acmeEmail}" is not a valid e-mail address for Let's Encrypt.`);
  }

  const existing = await inspectOrNull(docker.getContainer(TRAEFIK_CONTAINER));
  log(`Checking that ports ${ports.http} and ${ports.https} are free on ${options.serverName}…`);
  const conflicts = await findPortConflicts(docker, conn, [ports.http, ports.https], existing?.Id ?? null, messages);
  if (conflicts.length > 0) {
    throw new MistError(
      'conflict',
      `Traefik needs ports ${ports.http} and ${ports.https} on ${options.serverName}, but ${conflicts.join('; ')}. Nothing was changed.`,
    );
  }

  const network = await ensureNetwork(docker);
  log(network === 'created' ? `Created the network ${TRAEFIK_NETWORK}.` : `The network ${TRAEFIK_NETWORK} exists.`);

  const imageSource = await pullImage(docker, image, log, messages);
  const imageId = (await docker.getImage(image).inspect()).Id;

  const spec = containerSpec(image, options.acmeEmail, ports);
  let traefik: PrepareServerResult['traefik'];
  if (existing && sameSettings(existing, spec, imageId)) {
    traefik = 'unchanged';
    if (!existing.State.Running) {
      await docker.getContainer(existing.Id).start();
      messages.push(`Started ${TRAEFIK_CONTAINER}, which was stopped.`);
    }
    log(`${TRAEFIK_CONTAINER} is up to date.`);
  } else {
    if (existing) {
      log(`Replacing ${TRAEFIK_CONTAINER} with the new settings…`);
      await docker.getContainer(existing.Id).remove({ force: true });
    }
    await docker.createVolume({ Name: TRAEFIK_ACME_VOLUME, Labels: { 'mist.managed': 'true' } });
    const created = await docker.createContainer(spec);
    await created.start();
    traefik = existing ? 'updated' : 'created';
    log(`${TRAEFIK_CONTAINER} ${traefik}.`);
  }
  messages.push(
    `Traefik (${image}) serves ports ${ports.http} and ${ports.https}; its dashboard listens on the server's ` +
      `127.0.0.1:${DASHBOARD_PORT} only.`,
  );
  return { network, traefik, image, imageSource, messages };
}

/** The container Traefik runs in. Exported for tests. */
export function containerSpec(
  image: string,
  acmeEmail: string,
  ports: { http: number; https: number },
): Dockerode.ContainerCreateOptions {
  return {
    name: TRAEFIK_CONTAINER,
    Image: image,
    Cmd: traefikCommand(acmeEmail),
    Labels: { 'mist.managed': 'true', 'mist.role': 'traefik' },
    ExposedPorts: { '80/tcp': {}, '443/tcp': {}, [`${DASHBOARD_PORT}/tcp`]: {} },
    HostConfig: {
      RestartPolicy: { Name: 'unless-stopped' },
      LogConfig: containerLogConfig(TRAEFIK_LOG_RETENTION),
      PortBindings: {
        '80/tcp': [{ HostIp: '', HostPort: String(ports.http) }],
        '443/tcp': [{ HostIp: '', HostPort: String(ports.https) }],
        [`${DASHBOARD_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(DASHBOARD_PORT) }],
      },
      Binds: [DOCKER_SOCKET_BIND, `${TRAEFIK_ACME_VOLUME}:/letsencrypt`],
      NetworkMode: TRAEFIK_NETWORK,
    },
  };
}

function sameSettings(
  existing: Dockerode.ContainerInspectInfo,
  spec: Dockerode.ContainerCreateOptions,
  imageId: string,
): boolean {
  return (
    existing.Image === imageId &&
    existing.Config.Image === spec.Image &&
    JSON.stringify(existing.Config.Cmd ?? []) === JSON.stringify(spec.Cmd) &&
    portsKey(existing.HostConfig.PortBindings) === portsKey(spec.HostConfig?.PortBindings) &&
    // a Traefik made before its logs were bounded is recreated once, on the next prepare
    logKey(existing.HostConfig.LogConfig) === logKey(spec.HostConfig?.LogConfig)
  );
}

/** PortBindings in a canonical form (Docker may reorder keys or fill in HostIp). */
function portsKey(bindings: unknown): string {
  const entries = Object.entries((bindings ?? {}) as Record<string, { HostIp?: string; HostPort?: string }[] | null>);
  return JSON.stringify(
    entries
      .map(([port, list]) => [port, (list ?? []).map((b) => `${b.HostIp ?? ''}:${b.HostPort ?? ''}`).sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function logKey(config: { Type?: string; Config?: Record<string, string> } | undefined): string {
  const options = Object.entries(config?.Config ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([config?.Type ?? '', options]);
}

async function ensureNetwork(docker: Dockerode): Promise<'created' | 'exists'> {
  const networks = await docker.listNetworks({ filters: { name: [TRAEFIK_NETWORK] } });
  if (networks.some((network) => network.Name === TRAEFIK_NETWORK)) return 'exists';
  await docker.createNetwork({ Name: TRAEFIK_NETWORK, Driver: 'bridge', Labels: { 'mist.managed': 'true' } });
  return 'created';
}

/** Pulls `image`, following the progress stream to its end; falls back to a copy already present. */
async function pullImage(
  docker: Dockerode,
  image: string,
  log: (line: string) => void,
  messages: string[],
): Promise<'pulled' | 'present'> {
  log(`Pulling ${image}…`);
  try {
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (error: Error | null) => (error ? reject(error) : resolve()),
        (event: { status?: string; id?: string; progress?: string; error?: string }) => {
          if (event.error) return;
          if (event.status && !event.progress) log(event.id ? `${event.id}: ${event.status}` : event.status);
        },
      );
    });
    return 'pulled';
  } catch (error) {
    const reason = dockerReason(error);
    const present = await inspectOrNull(docker.getImage(image));
    if (!present) {
      throw new MistError('docker-error', `Could not pull ${image}, and it is not on the server: ${reason}`, {
        image,
      });
    }
    const note = `Could not pull ${image} (${reason}); using the copy already on the server.`;
    messages.push(note);
    log(note);
    return 'present';
  }
}

function dockerReason(error: unknown): string {
  const withJson = error as { json?: { message?: string }; message?: string };
  return (withJson.json?.message ?? withJson.message ?? String(error)).replace(/^\(HTTP code \d+\)[^-]*- /, '').trim();
}

async function inspectOrNull<T>(target: { inspect(): Promise<T> }): Promise<T | null> {
  try {
    return await target.inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}
