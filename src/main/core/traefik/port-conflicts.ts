import type Dockerode from 'dockerode';
import { execRemote } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';

export interface PortListener {
  port: number;
  /** The program name `ss -p` shows, or null when the SSH user may not see it. */
  process: string | null;
}

/**
 * Parses `ss -ltnpH` output: `LISTEN 0 4096 0.0.0.0:80 0.0.0.0:* users:(("nginx",pid=1,fd=6))`.
 * Pure. One entry per line; IPv4 and IPv6 (`[::]:80`, `*:80`) addresses alike.
 */
export function parseSsListeners(text: string): PortListener[] {
  const listeners: PortListener[] = [];
  for (const line of text.split('\n')) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 5) continue;
    const local = columns[3]!;
    const port = Number(local.slice(local.lastIndexOf(':') + 1));
    if (!Number.isInteger(port) || port <= 0) continue;
    const users = /users:\(\("([^"]+)"/.exec(line);
    listeners.push({ port, process: users ? users[1]! : null });
  }
  return listeners;
}

/**
 * Who holds the given host ports on the server, in words ("port 80 is published by container
 * "web" (nginx:1)"), ignoring the container `ownContainerId` (our own Traefik). Containers come
 * from Docker; anything else from `ss` over the SSH connection. Empty when all ports are free.
 * `notes` collects what could not be checked.
 */
export async function findPortConflicts(
  docker: Dockerode,
  conn: ServerConnection,
  ports: readonly number[],
  ownContainerId: string | null,
  notes: string[],
): Promise<string[]> {
  const conflicts: string[] = [];
  const claimed = new Set<number>();
  for (const container of await docker.listContainers()) {
    if (container.Id === ownContainerId) {
      for (const binding of container.Ports) if (binding.PublicPort) claimed.add(binding.PublicPort);
      continue;
    }
    const name = (container.Names[0] ?? container.Id.slice(0, 12)).replace(/^\//, '');
    for (const port of ports) {
      if (container.Ports.some((binding) => binding.PublicPort === port)) {
        conflicts.push(`port ${port} is published by container "${name}" (${container.Image})`);
        claimed.add(port);
      }
    }
  }

  const unclaimed = ports.filter((port) => !claimed.has(port));
  if (unclaimed.length === 0) return conflicts;
  const filter = unclaimed.map((port) => `sport = :${port}`).join(' or ');
  const result = await execRemote(conn, ['ss', '-ltnpH', filter], { timeoutMs: 15_000 }).catch((error: Error) => ({
    exitCode: -1,
    stdout: '',
    stderr: error.message,
  }));
  if (result.exitCode !== 0) {
    notes.push(`Could not check for other programs on ports ${unclaimed.join(', ')}: ${result.stderr.trim()}`);
    return conflicts;
  }
  const listeners = parseSsListeners(result.stdout).filter((listener) => unclaimed.includes(listener.port));
  let user: string | null = null;
  for (const port of unclaimed) {
    const found = listeners.filter((listener) => listener.port === port);
    if (found.length === 0) continue;
    const named = found.find((listener) => listener.process !== null);
    if (named) {
      conflicts.push(`port ${port} is in use by the process "${named.process}"`);
    } else {
      user ??= await remoteUser(conn);
      conflicts.push(`port ${port} is in use by a process (not visible to ${user})`);
    }
  }
  return conflicts;
}

async function remoteUser(conn: ServerConnection): Promise<string> {
  const result = await execRemote(conn, ['id', '-un'], { timeoutMs: 10_000 }).catch(() => null);
  const name = result?.exitCode === 0 ? result.stdout.trim() : '';
  return name || 'the SSH user';
}
