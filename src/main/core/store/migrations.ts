/**
 * Versioned schema migrations, applied in order at start-up. Never edit a shipped migration:
 * add a new one. `PRAGMA user_version` records the last applied version.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'servers',
    sql: `
      CREATE TABLE servers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        host TEXT NOT NULL,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        user TEXT NOT NULL,
        auth_kind TEXT NOT NULL CHECK (auth_kind IN ('key', 'agent', 'password')),
        key_path TEXT,
        -- the keychain account holding the passphrase or password; never the secret itself
        secret_ref TEXT,
        proxy_jump_server_id TEXT REFERENCES servers(id) ON DELETE RESTRICT,
        host_key_fingerprint TEXT,
        docker_socket_path TEXT NOT NULL DEFAULT '/var/run/docker.sock',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
];
