import type { AuthMethodDto, ServerDto } from '../../../shared/dto/server';
import type { Database } from './database';

/** A server row as the core needs it: the DTO plus where its secret lives. */
export interface ServerRecord extends ServerDto {
  secretRef: string | null;
}

interface ServerRow {
  id: string;
  name: string;
  host: string;
  port: number;
  user: string;
  auth_kind: 'key' | 'agent' | 'password';
  key_path: string | null;
  secret_ref: string | null;
  proxy_jump_server_id: string | null;
  host_key_fingerprint: string | null;
  docker_socket_path: string;
  forward_agent: number;
  public_address: string | null;
  acme_email: string | null;
  wildcard_domain: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewServer {
  id: string;
  name: string;
  host: string;
  port: number;
  user: string;
  authKind: AuthMethodDto['kind'];
  keyPath: string | null;
  secretRef: string | null;
  proxyJumpServerId: string | null;
  hostKeyFingerprint: string | null;
  dockerSocketPath: string;
  forwardAgent: boolean;
  publicAddress: string | null;
}

function toRecord(row: ServerRow): ServerRecord {
  const auth: AuthMethodDto =
    row.auth_kind === 'key'
      ? { kind: 'key', keyPath: row.key_path ?? '', hasPassphrase: row.secret_ref !== null }
      : { kind: row.auth_kind };
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    port: row.port,
    user: row.user,
    auth,
    proxyJumpServerId: row.proxy_jump_server_id,
    hostKeyFingerprint: row.host_key_fingerprint,
    dockerSocketPath: row.docker_socket_path,
    forwardAgent: row.forward_agent === 1,
    publicAddress: row.public_address,
    acmeEmail: row.acme_email,
    wildcardDomain: row.wildcard_domain,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    secretRef: row.secret_ref,
  };
}

export function toServerDto(record: ServerRecord): ServerDto {
  const { secretRef: _secretRef, ...dto } = record;
  return dto;
}

/** The servers table, and nothing else. */
export class ServersRepo {
  constructor(private readonly db: Database) {}

  list(): ServerRecord[] {
    const rows = this.db.prepare('SELECT * FROM servers ORDER BY name COLLATE NOCASE').all() as ServerRow[];
    return rows.map(toRecord);
  }

  findById(id: string): ServerRecord | null {
    const row = this.db.prepare('SELECT * FROM servers WHERE id = ?').get(id) as ServerRow | undefined;
    return row ? toRecord(row) : null;
  }

  findByName(name: string): ServerRecord | null {
    const row = this.db.prepare('SELECT * FROM servers WHERE name = ? COLLATE NOCASE').get(name) as
      ServerRow | undefined;
    return row ? toRecord(row) : null;
  }

  insert(server: NewServer, now = new Date().toISOString()): ServerRecord {
    this.db
      .prepare(
        `INSERT INTO servers (id, name, host, port, user, auth_kind, key_path, secret_ref, proxy_jump_server_id,
           host_key_fingerprint, docker_socket_path, forward_agent, public_address, created_at, updated_at)
         VALUES (@id, @name, @host, @port, @user, @authKind, @keyPath, @secretRef, @proxyJumpServerId,
           @hostKeyFingerprint, @dockerSocketPath, @forwardAgent, @publicAddress, @now, @now)`,
      )
      .run({ ...server, forwardAgent: server.forwardAgent ? 1 : 0, now });
    return this.findById(server.id)!;
  }

  update(id: string, fields: Omit<NewServer, 'id'>, now = new Date().toISOString()): ServerRecord {
    this.db
      .prepare(
        `UPDATE servers SET name = @name, host = @host, port = @port, user = @user, auth_kind = @authKind,
           key_path = @keyPath, secret_ref = @secretRef, proxy_jump_server_id = @proxyJumpServerId,
           host_key_fingerprint = @hostKeyFingerprint, docker_socket_path = @dockerSocketPath,
           forward_agent = @forwardAgent, public_address = @publicAddress, updated_at = @now
         WHERE id = @id`,
      )
      .run({ ...fields, forwardAgent: fields.forwardAgent ? 1 : 0, id, now });
    return this.findById(id)!;
  }

  /** Traefik settings, written by Prepare server. */
  setTraefikSettings(id: string, settings: { acmeEmail?: string | null; wildcardDomain?: string | null }): void {
    if (settings.acmeEmail !== undefined) {
      this.db
        .prepare('UPDATE servers SET acme_email = ?, updated_at = ? WHERE id = ?')
        .run(settings.acmeEmail, new Date().toISOString(), id);
    }
    if (settings.wildcardDomain !== undefined) {
      this.db
        .prepare('UPDATE servers SET wildcard_domain = ?, updated_at = ? WHERE id = ?')
        .run(settings.wildcardDomain, new Date().toISOString(), id);
    }
  }

  setHostKeyFingerprint(id: string, fingerprint: string | null): void {
    this.db
      .prepare('UPDATE servers SET host_key_fingerprint = ?, updated_at = ? WHERE id = ?')
      .run(fingerprint, new Date().toISOString(), id);
  }

  /** Servers that jump through this one (they block its removal). */
  dependents(id: string): ServerRecord[] {
    const rows = this.db.prepare('SELECT * FROM servers WHERE proxy_jump_server_id = ?').all(id) as ServerRow[];
    return rows.map(toRecord);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM servers WHERE id = ?').run(id);
  }
}
