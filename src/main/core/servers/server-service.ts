import type {
  ConnectionStateDto,
  DockerReclaimDto,
  DockerSpaceDto,
  HostKeyProbeDto,
  ServerDto,
  SshConfigHostDto,
} from '../../../shared/dto/server';
import { formatBytes } from '../../../shared/format-bytes';
import { pluralize } from '../../../shared/pluralize';
import { MistError } from '../../../shared/errors';
import type { AddServerInput, AuthInput, HostKeyDecision, UpdateServerInput } from '../../../shared/schemas/server';
import { newId } from '../ids';
import type { SecretStore } from '../secrets/secret-store';
import type { ConnectionPool } from '../ssh/connection-pool';
import { expandHome, readKnownHosts } from '../ssh/connect-target';
import { openTcpChannel } from '../ssh/channels';
import { probeHostKey } from '../ssh/probe-host-key';
import { readSshConfigHosts } from '../ssh/ssh-config-hosts';
import type { AuditRecordInput } from '../audit/audit-log';
import type { ProjectsRepo } from '../store/projects-repo';
import { dockerSpace, reclaimDockerSpace } from './docker-space';
import { toServerDto, type NewServer, type ServerRecord, type ServersRepo } from '../store/servers-repo';

export interface ServerServiceDeps {
  projects: Pick<ProjectsRepo, 'listByServer'>;
  /** Every change to a server is recorded (never a password or passphrase: DTOs carry none). */
  audit: { record(entry: AuditRecordInput): void };
  /** Deploys running on a server now (a clean-up waits for them). */
  deploysRunningOn?: (serverId: string) => number;
  repo: ServersRepo;
  secrets: SecretStore;
  pool: ConnectionPool;
  knownHostsPath: string | null;
  sshConfigPath: string;
}

/** Adding, editing and removing servers, with their secrets and host keys kept consistent. */
export class ServerService {
  constructor(private readonly deps: ServerServiceDeps) {}

  list(): ServerDto[] {
    return this.deps.repo.list().map(toServerDto);
  }

  get(id: string): ServerDto {
    return toServerDto(this.record(id));
  }

  /** Finds a server by id or (for the CLI) by name. */
  resolve(idOrName: string): ServerDto {
    const record = this.deps.repo.findById(idOrName) ?? this.deps.repo.findByName(idOrName);
    if (!record) throw new MistError('not-found', `No server named ${idOrName}.`);
    return toServerDto(record);
  }

  async probeHostKey(input: {
    host: string;
    port: number;
    proxyJumpServerId: string | null;
  }): Promise<HostKeyProbeDto> {
    const sock = input.proxyJumpServerId
      ? await openTcpChannel(this.deps.pool.connection(this.record(input.proxyJumpServerId).id), input.host, input.port)
      : undefined;
    try {
      return await probeHostKey({
        host: input.host,
        port: input.port,
        knownHosts: readKnownHosts(this.deps.knownHostsPath),
        ...(sock ? { sock } : {}),
      });
    } finally {
      sock?.destroy();
    }
  }

  /**
   * Saves a server after the user answered the host-key prompt, then connects once to prove the
   * credentials work. If that fails, nothing is kept (no row, no secret) and the error says why.
   */
  async add(input: AddServerInput): Promise<ServerDto> {
    const { repo, pool } = this.deps;
    if (repo.findByName(input.name)) throw new MistError('conflict', `A server named ${input.name} already exists.`);
    if (input.proxyJumpServerId) this.record(input.proxyJumpServerId);
    const id = newId();
    const secretRef = await this.storeSecret(id, input.auth);
    try {
      repo.insert({ id, ...this.fieldsFrom(input, secretRef, input.hostKey) });
      if (input.hostKey.trust === 'once') pool.acceptHostKeyOnce(id, input.hostKey.fingerprint);
      await pool.connection(id).acquire();
      const added = this.get(id);
      this.audit(
        'server.add',
        added,
        `Added server ${added.name} (${added.user}@${added.host}:${added.port})`,
        null,
        added,
      );
      return added;
    } catch (error) {
      pool.forget(id);
      repo.remove(id);
      if (secretRef) await this.deps.secrets.delete(secretRef).catch(() => {});
      throw error;
    }
  }

  async update(input: UpdateServerInput): Promise<ServerDto> {
    const { repo, pool } = this.deps;
    const current = this.record(input.id);
    if (input.name && input.name.toLowerCase() !== current.name.toLowerCase() && repo.findByName(input.name)) {
      throw new MistError('conflict', `A server named ${input.name} already exists.`);
    }
    if (input.proxyJumpServerId) this.assertNoJumpCycle(input.id, input.proxyJumpServerId);
    const addressChanged =
      (input.host !== undefined && input.host !== current.host) ||
      (input.port !== undefined && input.port !== current.port) ||
      (input.proxyJumpServerId !== undefined && input.proxyJumpServerId !== current.proxyJumpServerId);

    let secretRef = current.secretRef;
    if (input.auth) {
      const newRef = await this.storeSecret(input.id, input.auth);
      if (current.secretRef && newRef !== current.secretRef) await this.deps.secrets.delete(current.secretRef);
      secretRef = newRef;
    }
    const merged = {
      name: input.name ?? current.name,
      host: input.host ?? current.host,
      port: input.port ?? current.port,
      user: input.user ?? current.user,
      auth: input.auth ?? current.auth,
      proxyJumpServerId: input.proxyJumpServerId !== undefined ? input.proxyJumpServerId : current.proxyJumpServerId,
      dockerSocketPath: input.dockerSocketPath ?? current.dockerSocketPath,
      forwardAgent: input.forwardAgent ?? current.forwardAgent,
      publicAddress: input.publicAddress !== undefined ? input.publicAddress : current.publicAddress,
    };
    // A new address presents its own key: forget the old one unless the user accepted the new one.
    const hostKey: HostKeyDecision | null = input.hostKey ?? null;
    const fields = this.fieldsFrom(merged, secretRef, hostKey);
    if (!hostKey && !addressChanged) fields.hostKeyFingerprint = current.hostKeyFingerprint;
    repo.update(input.id, fields);
    if (hostKey?.trust === 'once') pool.acceptHostKeyOnce(input.id, hostKey.fingerprint);
    pool.settingsChanged(input.id);
    const updated = this.get(input.id);
    this.audit('server.update', updated, `Changed server ${updated.name}`, toServerDto(current), updated);
    return updated;
  }

  async remove(id: string): Promise<void> {
    const record = this.record(id);
    const dependents = this.deps.repo.dependents(id);
    if (dependents.length > 0) {
      throw new MistError(
        'conflict',
        `${record.name} is the jump host of ${dependents.map((s) => s.name).join(', ')}; change those first.`,
      );
    }
    const projects = this.deps.projects.listByServer(id);
    if (projects.length > 0) {
      throw new MistError(
        'conflict',
        `${record.name} still hosts the project(s) ${projects.map((p) => p.name).join(', ')}; delete or move them first.`,
      );
    }
    this.deps.pool.forget(id);
    this.deps.repo.remove(id);
    if (record.secretRef) await this.deps.secrets.delete(record.secretRef).catch(() => {});
    this.audit('server.remove', toServerDto(record), `Removed server ${record.name}`, toServerDto(record), null);
  }

  acceptHostKey(id: string, decision: HostKeyDecision): ServerDto {
    this.record(id);
    if (decision.trust === 'remember') this.deps.repo.setHostKeyFingerprint(id, decision.fingerprint);
    else this.deps.pool.acceptHostKeyOnce(id, decision.fingerprint);
    this.deps.pool.settingsChanged(id);
    const server = this.get(id);
    this.audit(
      'server.host-key',
      server,
      `Accepted host key ${decision.fingerprint} for ${server.name} (${decision.trust === 'remember' ? 'remembered' : 'this session'})`,
      null,
      { fingerprint: decision.fingerprint, trust: decision.trust },
    );
    return server;
  }

  async connect(id: string): Promise<ConnectionStateDto> {
    this.record(id);
    const connection = this.deps.pool.connection(id);
    await connection.acquire();
    return connection.state;
  }

  sshConfigHosts(path?: string): SshConfigHostDto[] {
    const servers = this.deps.repo.list();
    const hosts = readSshConfigHosts(expandHome(path ?? this.deps.sshConfigPath));
    return hosts.map((h) => {
      const jumpHost = h.proxyJump ? hosts.find((other) => other.alias === h.proxyJump) : undefined;
      const jumpServer = jumpHost
        ? servers.find((s) => s.host === jumpHost.host && s.port === jumpHost.port)
        : h.proxyJump
          ? servers.find((s) => s.name === h.proxyJump)
          : undefined;
      return {
        ...h,
        proxyJumpServerId: jumpServer?.id ?? null,
        alreadySaved: servers.some(
          (s) => s.host === h.host && s.port === h.port && (h.user === null || s.user === h.user),
        ),
      };
    });
  }

  /** What Docker keeps on the server's disk. */
  dockerSpace(id: string): Promise<DockerSpaceDto> {
    const server = this.record(id);
    return dockerSpace(server.id, this.deps.pool.docker(server.id));
  }

  /** Removes the dangling images (and the unused build cache when asked), recorded in the audit log. */
  async reclaimDockerSpace(id: string, what: { buildCache: boolean }): Promise<DockerReclaimDto> {
    const server = this.get(id);
    if ((this.deps.deploysRunningOn?.(server.id) ?? 0) > 0) {
      throw new MistError(
        'conflict',
        `A deploy is running on ${server.name}: clean up once it has finished (a build's newest layers look unused while it runs).`,
      );
    }
    const result = await reclaimDockerSpace(server.id, this.deps.pool.docker(server.id), what);
    const removed = `${pluralize(result.removedImages, 'dangling image')}${what.buildCache ? ' and the unused build cache' : ''}`;
    this.audit(
      'server.reclaim-space',
      server,
      `Freed ${formatBytes(result.reclaimedBytes)} on ${server.name}: ${removed}`,
      null,
      result,
    );
    return result;
  }

  private audit(action: string, server: ServerDto, summary: string, before: unknown, after: unknown): void {
    this.deps.audit.record({ action, targetType: 'server', targetId: server.id, appId: null, summary, before, after });
  }

  private record(id: string): ServerRecord {
    const record = this.deps.repo.findById(id);
    if (!record) throw new MistError('not-found', `No server with id ${id}.`);
    return record;
  }

  private fieldsFrom(
    input: Pick<
      AddServerInput,
      'name' | 'host' | 'port' | 'user' | 'proxyJumpServerId' | 'dockerSocketPath' | 'forwardAgent' | 'publicAddress'
    > & {
      auth: AuthInput | ServerDto['auth'];
    },
    secretRef: string | null,
    hostKey: HostKeyDecision | null,
  ): Omit<NewServer, 'id'> {
    return {
      name: input.name,
      host: input.host,
      port: input.port,
      user: input.user,
      authKind: input.auth.kind,
      keyPath: input.auth.kind === 'key' ? input.auth.keyPath : null,
      secretRef,
      proxyJumpServerId: input.proxyJumpServerId,
      hostKeyFingerprint: hostKey?.trust === 'remember' ? hostKey.fingerprint : null,
      dockerSocketPath: input.dockerSocketPath,
      forwardAgent: input.forwardAgent,
      publicAddress: input.publicAddress,
    };
  }

  /** Puts the password or passphrase in the keychain first: if that fails, nothing is saved. */
  private async storeSecret(serverId: string, auth: AuthInput): Promise<string | null> {
    const value = auth.kind === 'password' ? auth.password : auth.kind === 'key' ? auth.passphrase : undefined;
    if (value === undefined) return null;
    const ref = `server/${serverId}/${auth.kind === 'password' ? 'password' : 'passphrase'}`;
    await this.deps.secrets.set(ref, value);
    return ref;
  }

  private assertNoJumpCycle(serverId: string, jumpId: string): void {
    const seen = new Set([serverId]);
    let next: string | null = jumpId;
    while (next) {
      if (seen.has(next))
        throw new MistError('invalid-input', 'That jump host would route through this server itself.');
      seen.add(next);
      next = this.record(next).proxyJumpServerId;
    }
  }
}
