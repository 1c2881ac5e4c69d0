import http from 'node:http';
import { inspect } from 'node:util';
import type { Duplex } from 'node:stream';
import { MistError } from '../../../shared/errors';
import { asSocketLike } from '../ssh/channel-socket';
import { openExecChannel, openStreamLocalChannel } from '../ssh/channels';
import type { ServerConnection } from '../ssh/server-connection';
import { quoteArgv } from '../ssh/shell-quote';
import { diagnoseDockerAccess, type DockerRoute } from './docker-access';

export interface DockerTarget {
  serverName: string;
  user: string;
  socketPath: string;
}

/**
 * An http.Agent whose connections are SSH channels to the server's Docker socket, all on the one
 * SSH connection, kept alive between requests. Stream-local forwarding first; when the server
 * refuses it, `docker system dial-stdio` on an exec channel of the same connection.
 */
export class SshDockerAgent extends http.Agent {
  private route: DockerRoute = 'stream-local';
  private readonly onTransportClosed = ({ dropped }: { dropped: boolean }) => this.dropSockets(dropped);

  constructor(
    private readonly conn: ServerConnection,
    private readonly target: () => DockerTarget,
  ) {
    // As many idle sockets kept as may be open: a burst wider than the idle pool would otherwise close
    // the extras and pay a channel-open round trip for each of them on the next burst.
    super({ keepAlive: true, maxSockets: 32, maxFreeSockets: 32 });
    conn.on('transport-closed', this.onTransportClosed);
  }

  /**
   * docker-modem runs util.inspect(requestOptions, { depth: null }) on every request, debug on or
   * not; without this, that walks the whole ssh2 connection (0.3–1.7 s a call with a full pool).
   */
  [inspect.custom](): string {
    return `SshDockerAgent { route: ${this.route} }`;
  }

  get currentRoute(): DockerRoute {
    return this.route;
  }

  override createConnection(_options: unknown, callback: (error: Error | null, socket?: Duplex) => void): undefined {
    this.openDockerChannel().then(
      (channel) => callback(null, asSocketLike(channel)),
      (error: Error) => callback(error),
    );
    return undefined;
  }

  // Node's Agent calls these when a socket goes back to the pool and when it is taken out again
  // (the typings say void, but keepSocketAlive's boolean decides whether the socket is kept).
  override keepSocketAlive(socket: Duplex): void {
    this.conn.park(socket);
    return super.keepSocketAlive(socket);
  }

  override reuseSocket(socket: Duplex, request: http.ClientRequest): void {
    this.conn.unpark(socket);
    super.reuseSocket(socket, request);
  }

  /**
   * A connection to the Docker socket outside the agent's pools, for a stream read without Node's
   * HTTP client (see logs/raw-log-request.ts). When the SSH transport goes away it fails with the
   * reason, as the pooled ones do (an ssh2 channel on a dead transport never closes by itself).
   */
  async openUnpooled(): Promise<Duplex> {
    const channel = await this.openDockerChannel();
    const onTransportClosed = () => this.failInFlight(channel);
    this.conn.once('transport-closed', onTransportClosed);
    channel.once('close', () => this.conn.off('transport-closed', onTransportClosed));
    return channel;
  }

  override destroy(): void {
    this.conn.off('transport-closed', this.onTransportClosed);
    super.destroy();
  }

  private async openDockerChannel(): Promise<Duplex> {
    const { socketPath } = this.target();
    if (this.route === 'dial-stdio') return this.openDialStdio();
    try {
      return await openStreamLocalChannel(this.conn, socketPath);
    } catch (error) {
      if (error instanceof MistError) throw error; // the connection itself failed
      const { serverName, user } = this.target();
      const diagnosis = await diagnoseDockerAccess(this.conn, serverName, user, socketPath);
      if ('error' in diagnosis) throw diagnosis.error;
      this.route = diagnosis.route;
      return this.openDialStdio();
    }
  }

  private async openDialStdio(): Promise<Duplex> {
    const channel = await openExecChannel(this.conn, quoteArgv(['docker', 'system', 'dial-stdio']));
    channel.stderr.resume(); // never let a chatty stderr stall the channel
    return channel;
  }

  /**
   * Forgets pooled sockets when their SSH transport goes away (and, when the network dropped it,
   * the busy ones too). 'agentRemove' takes a socket out of Node's pools: an ssh2 channel on a dead
   * transport never emits 'close' by itself, so the agent would otherwise hand it out again.
   */
  private dropSockets(includeBusy: boolean): void {
    for (const sockets of Object.values(this.freeSockets)) {
      for (const socket of [...(sockets ?? [])]) this.unpool(socket);
    }
    if (!includeBusy) return;
    for (const sockets of Object.values(this.sockets)) {
      for (const socket of [...(sockets ?? [])]) {
        this.failInFlight(socket);
        this.unpool(socket);
      }
    }
  }

  /** A request in flight on a dropped transport fails with the real reason, not a bare "socket hang up". */
  private failInFlight(socket: Duplex): void {
    const { serverName } = this.target();
    socket.emit(
      'error',
      new MistError('host-unreachable', `The SSH connection to ${serverName} dropped during a Docker request.`),
    );
  }

  private unpool(socket: Duplex): void {
    socket.destroy(); // ends it first: Node only unpools free sockets that are no longer writable
    socket.emit('agentRemove');
  }
}
