import { homedir } from 'node:os';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import type { ApiHandlers } from './api/api-handlers';
import { createHandlers } from './api/create-handlers';
import { databasePath, defaultDataDir } from './paths';
import { KeychainSecretStore, type SecretStore } from './secrets/secret-store';
import { ServerService } from './servers/server-service';
import { ConnectionPool } from './ssh/connection-pool';
import type { ConnectionTimings } from './ssh/server-connection';
import { openDatabase, type Database } from './store/database';
import { ServersRepo } from './store/servers-repo';

export interface CoreOptions {
  /** Data directory; defaults to MIST_HOME or the per-user data directory. */
  home?: string;
  shell?: 'electron' | 'web';
  /** Keychain service name (tests use their own so they never touch the user's entries). */
  keychainService?: string;
  secretStore?: SecretStore;
  /** Defaults to ~/.ssh/known_hosts; null ignores known_hosts. */
  knownHostsPath?: string | null;
  sshConfigPath?: string;
  /** Unattended CLI use: a password or passphrase from the environment instead of the keychain. */
  secretOverride?: string | null;
  timings?: Partial<ConnectionTimings>;
}

/** Everything the shells need, wired once: store, secrets, connections, services and the API. */
export interface Core {
  dataDir: string;
  db: Database;
  secrets: SecretStore;
  pool: ConnectionPool;
  servers: ServerService;
  handlers: ApiHandlers;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions = {}): Promise<Core> {
  const dataDir = options.home ?? defaultDataDir();
  const db = openDatabase(databasePath(dataDir));
  const secrets = options.secretStore ?? new KeychainSecretStore(options.keychainService);
  const repo = new ServersRepo(db);
  const knownHostsPath =
    options.knownHostsPath === undefined ? join(homedir(), '.ssh', 'known_hosts') : options.knownHostsPath;
  const pool = new ConnectionPool({
    servers: repo,
    secrets,
    knownHostsPath,
    secretOverride: options.secretOverride ?? null,
    ...(options.timings ? { timings: options.timings } : {}),
  });
  const servers = new ServerService({
    repo,
    secrets,
    pool,
    knownHostsPath,
    sshConfigPath: options.sshConfigPath ?? join(homedir(), '.ssh', 'config'),
  });
  const handlers = createHandlers({
    servers,
    pool,
    secrets,
    info: { version: packageJson.version, shell: options.shell ?? 'web', dataDir },
  });
  return {
    dataDir,
    db,
    secrets,
    pool,
    servers,
    handlers,
    async close() {
      pool.closeAll();
      db.close();
    },
  };
}
