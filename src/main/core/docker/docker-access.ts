import { MistError } from '../../../shared/errors';
import { execRemote } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';

export type DockerRoute = 'stream-local' | 'dial-stdio';

/**
 * Why the Docker socket could not be opened over SSH, told precisely: no Docker at all, no engine
 * running, a socket the SSH user may not use (with the exact fix), or a server that forbids
 * stream-local forwarding (then `docker system dial-stdio` is the way in, when the CLI exists).
 */
export async function diagnoseDockerAccess(
  conn: ServerConnection,
  serverName: string,
  user: string,
  socketPath: string,
): Promise<{ route: DockerRoute } | { error: MistError }> {
  const script =
    'if [ ! -e "$1" ]; then echo socket=missing; elif [ -r "$1" ] && [ -w "$1" ]; then echo socket=ok; else echo socket=denied; fi; ' +
    'if command -v docker >/dev/null 2>&1; then echo cli=yes; else echo cli=no; fi';
  const probe = await execRemote(conn, ['sh', '-c', script, 'sh', socketPath], { timeoutMs: 15_000 });
  const socket = /socket=(\w+)/.exec(probe.stdout)?.[1];
  const hasCli = /cli=yes/.test(probe.stdout);

  if (socket === 'missing' && !hasCli) {
    return {
      error: new MistError(
        'docker-not-installed',
        `Docker is not installed on ${serverName}: there is no docker command and no engine socket at ${socketPath}. ` +
          "Install the Docker engine (for example your distribution's docker.io package, or Docker's convenience script) and check again.",
        { socketPath },
      ),
    };
  }
  if (socket === 'missing') {
    return {
      error: new MistError(
        'docker-not-installed',
        `The Docker CLI is on ${serverName}, but no engine socket exists at ${socketPath}: the engine is not running. ` +
          "Start it (sudo systemctl enable --now docker) or set the server's Docker socket path.",
        { socketPath },
      ),
    };
  }
  if (socket === 'denied') {
    return {
      error: new MistError(
        'docker-permission-denied',
        `${user} may not use the Docker socket ${socketPath} on ${serverName}. ` +
          `Add the user to the docker group: sudo usermod -aG docker ${user} — then check again (Mist reconnects so the new group applies).`,
        { socketPath, fix: `sudo usermod -aG docker ${user}` },
      ),
    };
  }
  if (hasCli) return { route: 'dial-stdio' };
  return {
    error: new MistError(
      'docker-error',
      `${serverName} refuses SSH stream-local forwarding to ${socketPath} and has no docker CLI for docker system dial-stdio. ` +
        'Allow it in sshd_config (AllowStreamLocalForwarding yes) or install the docker CLI.',
    ),
  };
}
