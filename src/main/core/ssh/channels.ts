import type { ClientChannel, ExecOptions } from 'ssh2';
import { MistError } from '../../../shared/errors';
import type { ServerConnection } from './server-connection';

/** Opening channels on a server's one connection; every channel is tracked so it keeps it open. */

/**
 * Opens a channel with one of ssh2's callback methods. A connection that died a moment ago (its
 * 'close' not handled yet) makes ssh2 throw or answer "Not connected": that becomes a
 * host-unreachable MistError; any other failure goes through `onError`.
 */
function openChannel(
  conn: ServerConnection,
  open: (callback: (error: Error | undefined, channel: ClientChannel) => void) => void,
  onError: (error: Error) => Error,
): Promise<ClientChannel> {
  const gone = () =>
    new MistError('host-unreachable', 'The SSH connection to the server dropped; it is being re-established.');
  return new Promise((resolve, reject) => {
    try {
      open((error, channel) => {
        if (!error) resolve(conn.track(channel));
        else reject(/Not connected|No response from server/i.test(error.message) ? gone() : onError(error));
      });
    } catch (error) {
      reject(/Not connected/i.test((error as Error).message) ? gone() : onError(error as Error));
    }
  });
}

export async function openExecChannel(
  conn: ServerConnection,
  commandLine: string,
  options: { forwardAgent?: boolean } = {},
): Promise<ClientChannel> {
  const client = await conn.acquire();
  // agent forwarding is asked per command, so only the commands that need it (git) get it
  // (ssh2 supports `agentForward` per exec; its typings do not list it)
  const execOptions = { agentForward: options.forwardAgent === true } as ExecOptions;
  return openChannel(
    conn,
    (callback) => client.exec(commandLine, execOptions, callback),
    (error) => new MistError('ssh-error', `Could not start a remote command: ${error.message}`),
  );
}

/** A channel to a Unix socket on the server (OpenSSH `direct-streamlocal@openssh.com`). */
export async function openStreamLocalChannel(conn: ServerConnection, socketPath: string): Promise<ClientChannel> {
  const client = await conn.acquire();
  // other failures stay plain errors: the Docker agent diagnoses them (no Docker, no permission…)
  return openChannel(
    conn,
    (callback) => client.openssh_forwardOutStreamLocal(socketPath, callback),
    (error) => error,
  );
}

/** A channel to a TCP address as seen from the server (`direct-tcpip`), e.g. for ProxyJump. */
export async function openTcpChannel(conn: ServerConnection, host: string, port: number): Promise<ClientChannel> {
  const client = await conn.acquire();
  return openChannel(
    conn,
    (callback) => client.forwardOut('127.0.0.1', 0, host, port, callback),
    (error) => new MistError('host-unreachable', `The jump host could not reach ${host}:${port}: ${error.message}`),
  );
}

/**
 * Sends a signal to the remote process of an exec channel. ssh2's own `channel.signal()` silently
 * does nothing once we have closed stdin (it checks `writable`), which is exactly when we need it,
 * so the request goes to the protocol directly (after our EOF the channel's state is 'eof').
 * Returns false when the channel is already closing.
 */
export function signalRemoteProcess(channel: ClientChannel, signalName: 'KILL' | 'TERM' | 'INT'): boolean {
  const internals = channel as unknown as {
    outgoing?: { id: number; state: string };
    _client?: { _protocol?: { signal(id: number, name: string): void } };
  };
  const state = internals.outgoing?.state;
  if ((state !== 'open' && state !== 'eof') || !internals._client?._protocol) return false;
  internals._client._protocol.signal(internals.outgoing!.id, signalName);
  return true;
}
