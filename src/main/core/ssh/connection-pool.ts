import { EventEmitter } from 'node:events';
import Dockerode from 'dockerode';
import type { ConnectionStateDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import { SshDockerAgent } from '../docker/ssh-docker-agent';
import type { SecretStore } from '../secrets/secret-store';
import type { ServerRecord, ServersRepo } from '../store/servers-repo';
import { OpenSSHAgent, type BaseAgent, type ParsedKey } from 'ssh2';
import { openTcpChannel } from './channels';
import { resolveConnectTarget } from './connect-target';
import { DEFAULT_TIMINGS, ServerConnection, type ConnectionTimings } from './server-connection';

export interface PoolOptions {
  servers: ServersRepo;
  secrets: SecretStore;
  knownHostsPath: string | null;
  secretOverride?: string | null;
  timings?: Partial<ConnectionTimings>;
}

interface Entry {
  connection: ServerConnection;
  agent: SshDockerAgent;
  docker: Dockerode;
}

/** One connection (and one Docker client over it) per server. Emits `state` for every change. */
export class ConnectionPool extends EventEmitter {
  private readonly entries = new Map<string, Entry>();
  private readonly acceptedOnce = new Map<string, string>();
  private readonly timings: ConnectionTimings;

  constructor(private readonly options: PoolOptions) {
    super();
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
  }

  connection(serverId: string): ServerConnection {
    return this.entry(serverId).connection;
  }

  docker(serverId: string): Dockerode {
    return this.entry(serverId).docker;
  }

  dockerRoute(serverId: string): string {
    return this.entry(serverId).agent.currentRoute;
  }

  /** "Accept once": trusted until the app exits, never written down. */
  acceptHostKeyOnce(serverId: string, fingerprint: string): void {
    this.acceptedOnce.set(serverId, fingerprint);
  }

  states(): ConnectionStateDto[] {
    return this.options.servers.list().map(
      (server) =>
        this.entries.get(server.id)?.connection.state ?? {
          serverId: server.id,
          status: 'idle',
          reason: null,
          attempt: 0,
          channels: 0,
          since: Date.now(),
        },
    );
  }

  /** The server's settings changed: use them from the next connection on (live channels finish first). */
  settingsChanged(serverId: string): void {
    this.entries.get(serverId)?.connection.markStale();
  }

  forget(serverId: string): void {
    const entry = this.entries.get(serverId);
    this.acceptedOnce.delete(serverId);
    if (!entry) return;
    this.entries.delete(serverId);
    entry.agent.destroy();
    entry.connection.dispose();
  }

  closeAll(): void {
    for (const serverId of [...this.entries.keys()]) this.forget(serverId);
  }

  private entry(serverId: string): Entry {
    const existing = this.entries.get(serverId);
    if (existing) return existing;
    const server = () => {
      const record = this.options.servers.findById(serverId);
      if (!record) throw new MistError('not-found', `No server with id ${serverId}.`);
      return record;
    };
    const connection = new ServerConnection(serverId, () => this.resolveTarget(server()), this.timings);
    connection.on('state', (state: ConnectionStateDto) => this.emit('state', state));
    const agent = new SshDockerAgent(connection, () => {
      const record = server();
      return { serverName: record.name, user: record.user, socketPath: record.dockerSocketPath };
    });
    // host/port are placeholders: the agent opens every connection itself, so they are never resolved.
    const docker = new Dockerode({
      protocol: 'http',
      host: 'docker.invalid',
      port: 80,
      agent,
    } as Dockerode.DockerOptions);
    const entry = { connection, agent, docker };
    this.entries.set(serverId, entry);
    return entry;
  }

  /**
   * A connection of its own to the server, outside the pool (its state is not shown), whose agent is
   * `agentFor(login agent)`: for git with an app's deploy key (DeployKeyAgent), so the key is
   * forwarded on this connection only. The caller disposes of it.
   */
  dedicated(serverId: string, agentFor: (loginAgent: BaseAgent<ParsedKey> | null) => BaseAgent): ServerConnection {
    const record = this.options.servers.findById(serverId);
    if (!record) throw new MistError('not-found', `No server with id ${serverId}.`);
    return new ServerConnection(
      serverId,
      async () => {
        const target = await this.resolveTarget(record);
        const login = record.auth.kind === 'agent' ? target.config.agent : undefined;
        const loginAgent = typeof login === 'string' ? new OpenSSHAgent(login) : null;
        return { ...target, config: { ...target.config, agent: agentFor(loginAgent) } };
      },
      this.timings,
    );
  }

  private resolveTarget(server: ServerRecord) {
    return resolveConnectTarget(server, {
      secrets: this.options.secrets,
      knownHostsPath: this.options.knownHostsPath,
      secretOverride: this.options.secretOverride ?? null,
      acceptedOnce: (id) => this.acceptedOnce.get(id) ?? null,
      openJumpChannel: (jumpId, host, port) => this.openJump(server.id, jumpId, host, port),
    });
  }

  private async openJump(fromId: string, jumpId: string, host: string, port: number) {
    if (jumpId === fromId) throw new MistError('invalid-input', 'A server cannot jump through itself.');
    return openTcpChannel(this.connection(jumpId), host, port);
  }
}
