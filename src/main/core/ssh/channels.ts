import type { ClientChannel, ExecOptions } from 'ssh2';
import { MistError } from '../../../shared/errors';
import type { ServerConnection } from './server-connection';

/** Opening channels on a server's one connection; every channel is tracked so it keeps it open. */

export async function openExecChannel(
  conn: ServerConnection,
  commandLine: string,
  options: { forwardAgent?: boolean } = {},
): Promise<ClientChannel> {
  const client = await conn.acquire();
  return new Promise((resolve, reject) => {
    // agent forwarding is asked per command, so only the commands that need it (git) get it
    // (ssh2 supports `agentForward` per exec; its typings do not list it)
    const execOptions = { agentForward: options.forwardAgent === true } as ExecOptions;
    client.exec(commandLine, execOptions, (error, channel) => {
      if (error) reject(new MistError('ssh-error', `Could not start a remote command: ${error.message}`));
      else resolve(conn.track(channel));
    });
  });
}

/** A channel to a Unix socket on the server (OpenSSH `direct-streamlocal@openssh.com`). */
export async function openStreamLocalChannel(conn: ServerConnection, socketPath: string): Promise<ClientChannel> {
  const client = await conn.acquire();
  return new Promise((resolve, reject) => {
    client.openssh_forwardOutStreamLocal(socketPath, (error, channel) => {
      if (error) reject(error);
      else resolve(conn.track(channel));
    });
  });
}

/** A channel to a TCP address as seen from the server (`direct-tcpip`), e.g. for ProxyJump. */
export async function openTcpChannel(conn: ServerConnection, host: string, port: number): Promise<ClientChannel> {
  const client = await conn.acquire();
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
      if (error)
        reject(new MistError('host-unreachable', `The jump host could not reach ${host}:${port}: ${error.message}`));
      else resolve(conn.track(channel));
    });
  });
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
