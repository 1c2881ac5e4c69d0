/**
 * Versioned schema migrations, applied in order at start-up. Never edit a shipped migration:
 * add a new one. `PRAGMA user_version` records the last applied version.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
  /**
   * The migration rebuilds a table that others reference (SQLite cannot alter a CHECK): foreign keys
   * are switched off around it, so dropping the old table cascades nothing, and checked before commit.
   */
  rebuildsTables?: true;
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
  {
    version: 2,
    description: 'projects, apps, env vars, deployments, logs, audit log',
    sql: `
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE RESTRICT,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE apps (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE RESTRICT,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('web', 'service')),
        description TEXT NOT NULL DEFAULT '',
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        git_url TEXT,
        branch TEXT NOT NULL,
        dockerfile_path TEXT NOT NULL,
        root_dir TEXT NOT NULL,
        cpu_limit REAL,
        memory_mb INTEGER,
        restart_policy TEXT NOT NULL CHECK (restart_policy IN ('no', 'always', 'on-failure', 'unless-stopped')),
        -- bumped by every change a deploy applies; a deployment records the version it deployed
        config_version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (project_id, name)
      );
      CREATE TABLE env_vars (
        app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        -- plain value, or NULL for a secret (then secret_ref names its keychain entry)
        value TEXT,
        secret_ref TEXT,
        scope TEXT NOT NULL CHECK (scope IN ('both', 'build', 'runtime')),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (app_id, key),
        CHECK ((value IS NULL) <> (secret_ref IS NULL))
      );
      CREATE TABLE deployments (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'building', 'deploying', 'success', 'failed', 'cancelled')),
        trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'cli', 'auto', 'rollback')),
        commit_hash TEXT,
        commit_message TEXT,
        commit_author TEXT,
        image TEXT,
        container_id TEXT,
        config_version INTEGER NOT NULL,
        stages TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        active INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        duration_ms INTEGER,
        UNIQUE (app_id, number)
      );
      CREATE INDEX deployments_by_status ON deployments (status);
      CREATE TABLE deployment_logs (
        deployment_id TEXT NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr', 'system')),
        text TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (deployment_id, seq)
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL CHECK (target_type IN ('server', 'project', 'app')),
        target_id TEXT NOT NULL,
        app_id TEXT,
        summary TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT
      );
      CREATE INDEX audit_by_app ON audit_log (app_id, id);
    `,
  },
  {
    version: 3,
    description: 'opt-in ssh-agent forwarding per server (for private repositories)',
    sql: `ALTER TABLE servers ADD COLUMN forward_agent INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 4,
    description: 'which process runs a deployment (so another Mist process never settles it)',
    sql: `ALTER TABLE deployments ADD COLUMN runner TEXT;`,
  },
  {
    version: 5,
    description: 'domains of web apps; ACME email and wildcard domain per server',
    sql: `
      ALTER TABLE servers ADD COLUMN acme_email TEXT;
      ALTER TABLE servers ADD COLUMN wildcard_domain TEXT;
      CREATE TABLE domains (
        app_id TEXT NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        -- punycode, lower case: unique across every app (a host routes to one app only)
        host TEXT NOT NULL UNIQUE,
        display_host TEXT NOT NULL,
        auto INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        PRIMARY KEY (app_id, host)
      );
    `,
  },
  {
    version: 6,
    description: 'an access token per app for private https repositories (the token lives in the keychain)',
    sql: `ALTER TABLE apps ADD COLUMN git_token_ref TEXT;`,
  },
  {
    version: 7,
    description:
      'database apps (template, version, data volume, published port) and compose apps (file, public service)',
    rebuildsTables: true,
    sql: `
      CREATE TABLE apps_v7 (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE RESTRICT,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('web', 'service', 'database', 'compose')),
        description TEXT NOT NULL DEFAULT '',
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        git_url TEXT,
        branch TEXT NOT NULL,
        dockerfile_path TEXT NOT NULL,
        root_dir TEXT NOT NULL,
        cpu_limit REAL,
        memory_mb INTEGER,
        restart_policy TEXT NOT NULL CHECK (restart_policy IN ('no', 'always', 'on-failure', 'unless-stopped')),
        config_version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        git_token_ref TEXT,
        -- database apps: the template, its image tag, the named data volume, and whether the port is published
        template_id TEXT,
        template_tag TEXT,
        volume_name TEXT,
        publish_port INTEGER NOT NULL DEFAULT 0,
        -- compose apps: the compose file (relative to the root directory) and the service made public
        compose_file TEXT,
        public_service TEXT,
        public_port INTEGER CHECK (public_port BETWEEN 1 AND 65535),
        UNIQUE (project_id, name),
        CHECK ((type = 'database') = (template_id IS NOT NULL AND template_tag IS NOT NULL AND volume_name IS NOT NULL)),
        CHECK ((type = 'compose') = (compose_file IS NOT NULL))
      );
      INSERT INTO apps_v7 (id, project_id, name, type, description, port, git_url, branch, dockerfile_path, root_dir,
        cpu_limit, memory_mb, restart_policy, config_version, created_at, updated_at, git_token_ref)
      SELECT id, project_id, name, type, description, port, git_url, branch, dockerfile_path, root_dir,
        cpu_limit, memory_mb, restart_policy, config_version, created_at, updated_at, git_token_ref
      FROM apps;
      DROP TABLE apps;
      ALTER TABLE apps_v7 RENAME TO apps;
    `,
  },
  {
    version: 8,
    description: 'automatic deploys: a per-app switch, the watch interval, and the branch head last acted on',
    sql: `
      ALTER TABLE apps ADD COLUMN auto_deploy INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE apps ADD COLUMN watch_interval_s INTEGER NOT NULL DEFAULT 60 CHECK (watch_interval_s >= 1);
      ALTER TABLE apps ADD COLUMN watch_last_sha TEXT;
    `,
  },
  {
    version: 9,
    description: "audit entries about the GitHub account (target type 'account')",
    sql: `
      CREATE TABLE audit_log_v9 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL CHECK (target_type IN ('server', 'project', 'app', 'account')),
        target_id TEXT NOT NULL,
        app_id TEXT,
        summary TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT
      );
      INSERT INTO audit_log_v9 SELECT id, at, actor, action, target_type, target_id, app_id, summary, before_json, after_json
        FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_v9 RENAME TO audit_log;
      CREATE INDEX audit_by_app ON audit_log (app_id, id);
    `,
  },
  {
    version: 10,
    description: 'how much container output Docker keeps per app (log file size and count)',
    sql: `
      ALTER TABLE apps ADD COLUMN log_max_size_mb INTEGER NOT NULL DEFAULT 50 CHECK (log_max_size_mb BETWEEN 1 AND 1024);
      ALTER TABLE apps ADD COLUMN log_max_files INTEGER NOT NULL DEFAULT 5 CHECK (log_max_files BETWEEN 1 AND 20);
    `,
  },
  {
    version: 11,
    description: 'a rollback names the deployment whose image it ran again',
    sql: `
      ALTER TABLE deployments ADD COLUMN rollback_of INTEGER CHECK (rollback_of IS NULL OR rollback_of > 0);
    `,
  },
  {
    version: 12,
    description:
      "a web or service app's HTTP health check: the path a new container must answer, and for how long to try",
    sql: `
      ALTER TABLE apps ADD COLUMN health_check_path TEXT;
      ALTER TABLE apps ADD COLUMN health_check_timeout_s INTEGER NOT NULL DEFAULT 60
        CHECK (health_check_timeout_s BETWEEN 5 AND 600);
    `,
  },
  {
    version: 13,
    description: "an app's deploy key: its public half (the private half is in the keychain)",
    sql: `
      ALTER TABLE apps ADD COLUMN deploy_key_public TEXT;
    `,
  },
  {
    version: 14,
    description: 'where visitors reach a server, when that is not the address Mist connects to',
    sql: `
      ALTER TABLE servers ADD COLUMN public_address TEXT;
    `,
  },
];
