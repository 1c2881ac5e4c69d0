import type { CheckItemDto, ServerCheckDto, ServerDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import type { ConnectionPool } from '../ssh/connection-pool';
import { execRemote } from '../ssh/remote-exec';

const GIB = 1024 ** 3;
import { TRAEFIK_NETWORK } from '../../../shared/traefik-labels';

type Item = Omit<CheckItemDto, 'fix'> & { fix?: string | null };
const item = (entry: Item): CheckItemDto => ({ ...entry, fix: entry.fix ?? null });

/**
 * Everything a deploy will need from a server, checked in one pass over its one connection:
 * the engine and its API version, access to the socket (with the exact fix), compose, git, free
 * disk under Docker's data root, and whether Traefik and its network are there.
 */
export async function checkServer(server: ServerDto, pool: ConnectionPool): Promise<ServerCheckDto> {
  const started = Date.now();
  const conn = pool.connection(server.id);
  await conn.acquire(); // connection failures are the caller's error, not a check item
  const items: CheckItemDto[] = [
    item({
      id: 'ssh',
      status: 'ok',
      title: 'SSH',
      detail: `Connected as ${server.user} to ${server.host}:${server.port}.`,
    }),
  ];
  const result: ServerCheckDto = {
    serverId: server.id,
    checkedAt: new Date().toISOString(),
    durationMs: 0,
    ok: false,
    items,
    docker: null,
    compose: null,
    git: null,
    disk: null,
    traefik: { network: false, container: null },
  };
  const run = (argv: string[]) => execRemote(conn, argv, { timeoutMs: 20_000 });

  const docker = pool.docker(server.id);
  const [engine, compose, git] = await Promise.all([
    Promise.all([docker.version(), docker.info()]).then(
      ([version, info]) => ({ version, info }),
      (error: unknown) => ({ error: asMistError(error) }),
    ),
    detectCompose(run),
    run(['git', '--version']).catch(() => null),
  ]);

  if ('error' in engine) {
    items.push(dockerFailure(engine.error, server));
  } else {
    const { version, info } = engine;
    result.docker = {
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      dataRoot: (info as { DockerRootDir?: string }).DockerRootDir ?? '/var/lib/docker',
    };
    items.push(
      item({
        id: 'docker-engine',
        status: 'ok',
        title: 'Docker engine',
        detail: `Docker ${version.Version} (API ${version.ApiVersion}) on ${version.Os}/${version.Arch}.`,
      }),
      item({
        id: 'docker-socket',
        status: 'ok',
        title: 'Docker socket',
        detail: `${server.user} can use ${server.dockerSocketPath} (via ${pool.dockerRoute(server.id)}).`,
      }),
    );
  }

  result.compose = compose;
  items.push(
    compose
      ? item({
          id: 'compose',
          status: 'ok',
          title: 'Docker Compose',
          detail: `${compose.kind === 'v2' ? 'Compose plugin (v2)' : 'docker-compose (v1)'} ${compose.version}.`,
        })
      : item({
          id: 'compose',
          status: 'warn',
          title: 'Docker Compose',
          detail: 'Neither the compose plugin nor docker-compose was found; compose apps will not deploy.',
          fix: 'sudo apt-get install docker-compose-plugin',
        }),
  );

  const gitVersion = git && git.exitCode === 0 ? /git version (\S+)/.exec(git.stdout)?.[1] : undefined;
  result.git = gitVersion ? { version: gitVersion } : null;
  items.push(
    gitVersion
      ? item({ id: 'git', status: 'ok', title: 'git', detail: `git ${gitVersion}.` })
      : item({
          id: 'git',
          status: 'fail',
          title: 'git',
          detail: 'git is not installed; deploys clone repositories on the server.',
          fix: 'sudo apt-get install git',
        }),
  );

  if (result.docker) {
    result.disk = await freeDisk(run, result.docker.dataRoot);
    items.push(diskItem(result.disk, result.docker.dataRoot));
    await checkTraefik(pool, server.id, result);
  }

  result.durationMs = Date.now() - started;
  result.ok = items.every((entry) => entry.status !== 'fail');
  return result;
}

type Run = (argv: string[]) => ReturnType<typeof execRemote>;

async function detectCompose(run: Run): Promise<ServerCheckDto['compose']> {
  const v2 = await run(['docker', 'compose', 'version', '--short']).catch(() => null);
  if (v2?.exitCode === 0 && v2.stdout.trim()) return { kind: 'v2', version: v2.stdout.trim() };
  const v1 = await run(['docker-compose', 'version', '--short']).catch(() => null);
  if (v1?.exitCode === 0 && v1.stdout.trim()) return { kind: 'v1', version: v1.stdout.trim() };
  return null;
}

async function freeDisk(run: Run, path: string): Promise<ServerCheckDto['disk']> {
  // df -P: one line per filesystem, sizes in 1024-byte blocks; the data root may not be readable, its parent is
  const df = await run(['df', '-Pk', path]).catch(() => null);
  const fields = df?.exitCode === 0 ? df.stdout.trim().split('\n').at(-1)?.split(/\s+/) : undefined;
  if (!fields || fields.length < 4) return null;
  return { path, totalBytes: Number(fields[1]) * 1024, freeBytes: Number(fields[3]) * 1024 };
}

function diskItem(disk: ServerCheckDto['disk'], dataRoot: string): CheckItemDto {
  if (!disk)
    return item({
      id: 'disk',
      status: 'warn',
      title: 'Disk space',
      detail: `Could not read free space under ${dataRoot}.`,
    });
  const free = `${(disk.freeBytes / GIB).toFixed(1)} GiB free of ${(disk.totalBytes / GIB).toFixed(1)} GiB under ${dataRoot}`;
  if (disk.freeBytes < 1 * GIB)
    return item({
      id: 'disk',
      status: 'fail',
      title: 'Disk space',
      detail: `${free}: builds will fail.`,
      fix: 'docker system prune',
    });
  if (disk.freeBytes < 5 * GIB)
    return item({
      id: 'disk',
      status: 'warn',
      title: 'Disk space',
      detail: `${free}: builds may run out.`,
      fix: 'docker system prune',
    });
  return item({ id: 'disk', status: 'ok', title: 'Disk space', detail: `${free}.` });
}

async function checkTraefik(pool: ConnectionPool, serverId: string, result: ServerCheckDto): Promise<void> {
  const docker = pool.docker(serverId);
  const [networks, containers] = await Promise.all([
    docker.listNetworks({ filters: { name: [TRAEFIK_NETWORK] } }),
    docker.listContainers({ all: true }),
  ]);
  result.traefik.network = networks.some((n) => n.Name === TRAEFIK_NETWORK);
  const traefik = containers.find((c) => /(^|\/)traefik(:|$)/.test(c.Image));
  result.traefik.container = traefik
    ? { name: (traefik.Names[0] ?? '').replace(/^\//, ''), state: traefik.State }
    : null;
  result.items.push(
    result.traefik.network
      ? item({ id: 'traefik-network', status: 'ok', title: 'Traefik network', detail: `${TRAEFIK_NETWORK} exists.` })
      : item({
          id: 'traefik-network',
          status: 'warn',
          title: 'Traefik network',
          detail: `${TRAEFIK_NETWORK} does not exist yet; it is created on the first deploy or by Prepare server.`,
        }),
    result.traefik.container
      ? item({
          id: 'traefik-container',
          status: result.traefik.container.state === 'running' ? 'ok' : 'warn',
          title: 'Traefik',
          detail: `Container ${result.traefik.container.name} is ${result.traefik.container.state}.`,
        })
      : item({
          id: 'traefik-container',
          status: 'warn',
          title: 'Traefik',
          detail: 'No Traefik container; web apps with domains need it (Prepare server installs it).',
        }),
  );
}

function dockerFailure(error: MistError, server: ServerDto): CheckItemDto {
  if (error.code === 'docker-permission-denied') {
    return item({
      id: 'docker-socket',
      status: 'fail',
      title: 'Docker socket',
      detail: error.message,
      fix: `sudo usermod -aG docker ${server.user}`,
    });
  }
  if (error.code === 'docker-not-installed') {
    return item({
      id: 'docker-engine',
      status: 'fail',
      title: 'Docker engine',
      detail: error.message,
      fix: 'sudo apt-get install docker.io && sudo systemctl enable --now docker',
    });
  }
  return item({ id: 'docker-engine', status: 'fail', title: 'Docker engine', detail: error.message });
}

function asMistError(error: unknown): MistError {
  if (error instanceof MistError) return error;
  return new MistError('docker-error', `The Docker engine answered with an error: ${(error as Error).message}`);
}
