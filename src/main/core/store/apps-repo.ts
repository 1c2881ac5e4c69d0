import type { AppDto, AppType, DeployKeyDto, RestartPolicy } from '../../../shared/dto/app';
import { normalizeGitUrl } from '../../../shared/app-rules';
import { sha256Fingerprint } from '../ssh/fingerprint';
import type { Database } from './database';

/** An app as the core (the deploy pipeline) needs it: the DTO plus what a deploy reads. */
export type AppRecord = AppDto & {
  projectName: string;
  /** Bumped by every change a deploy applies; a deployment records the version it deployed. */
  configVersion: number;
  /** normalizeGitUrl(gitUrl).url: what git clones, or null when no repository is set. */
  gitCloneUrl: string | null;
};

interface AppRow {
  id: string;
  project_id: string;
  name: string;
  type: AppType;
  description: string;
  port: number;
  git_url: string | null;
  branch: string;
  dockerfile_path: string;
  root_dir: string;
  cpu_limit: number | null;
  memory_mb: number | null;
  restart_policy: RestartPolicy;
  log_max_size_mb: number;
  log_max_files: number;
  health_check_path: string | null;
  health_check_timeout_s: number;
  config_version: number;
  git_token_ref: string | null;
  deploy_key_public: string | null;
  template_id: string | null;
  template_tag: string | null;
  volume_name: string | null;
  publish_port: 0 | 1;
  compose_file: string | null;
  public_service: string | null;
  public_port: number | null;
  auto_deploy: 0 | 1;
  watch_interval_s: number;
  created_at: string;
  updated_at: string;
  server_id: string;
  project_name: string;
  redeploy_pending: 0 | 1;
}

/** The settings a user edits (everything but identity, project and bookkeeping). */
export interface AppSettings {
  name: string;
  description: string;
  port: number;
  gitUrl: string | null;
  branch: string;
  dockerfilePath: string;
  rootDir: string;
  cpuLimit: number | null;
  memoryMb: number | null;
  restartPolicy: RestartPolicy;
  /** Docker's log rotation for the container (compose apps: stored, unused). */
  logMaxSizeMb: number;
  logMaxFiles: number;
  /** Web and service apps: the path a new container must answer (null: no HTTP check), and for how long to try. */
  healthCheckPath: string | null;
  healthCheckTimeoutS: number;
  /** Database apps: the image tag. */
  templateTag: string | null;
  publishPort: boolean;
  /** Compose apps. */
  composeFile: string | null;
  publicService: string | null;
  publicPort: number | null;
  /** Deploy new commits of the branch by itself, checking every `watchIntervalS` seconds. */
  autoDeploy: boolean;
  watchIntervalS: number;
}

export interface NewApp extends AppSettings {
  id: string;
  projectId: string;
  type: AppType;
  /** Database apps: fixed at creation. */
  templateId: string | null;
  volumeName: string | null;
}

// redeploy_pending: the active deployment deployed an older configuration than the current one.
const SELECT = `
  SELECT a.*, p.server_id, p.name AS project_name,
    EXISTS (SELECT 1 FROM deployments d WHERE d.app_id = a.id AND d.active = 1 AND d.config_version < a.config_version)
      AS redeploy_pending
  FROM apps a JOIN projects p ON p.id = a.project_id`;

function deployKeyOf(publicKey: string): DeployKeyDto {
  const blob = Buffer.from(publicKey.split(/\s+/)[1] ?? '', 'base64');
  return { publicKey, fingerprint: sha256Fingerprint(blob) };
}

function toRecord(row: AppRow): AppRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    serverId: row.server_id,
    name: row.name,
    type: row.type,
    description: row.description,
    port: row.port,
    gitUrl: row.git_url,
    hasGitToken: row.git_token_ref !== null,
    deployKey: row.deploy_key_public === null ? null : deployKeyOf(row.deploy_key_public),
    branch: row.branch,
    dockerfilePath: row.dockerfile_path,
    rootDir: row.root_dir,
    cpuLimit: row.cpu_limit,
    memoryMb: row.memory_mb,
    restartPolicy: row.restart_policy,
    logRetention: { maxSizeMb: row.log_max_size_mb, maxFiles: row.log_max_files },
    healthCheck: { path: row.health_check_path, timeoutS: row.health_check_timeout_s },
    internalAddress: `app-${row.id}:${row.port}`,
    redeployPending: row.redeploy_pending === 1,
    database:
      row.type === 'database'
        ? {
            templateId: row.template_id!,
            tag: row.template_tag!,
            volumeName: row.volume_name!,
            publishPort: row.publish_port === 1,
          }
        : null,
    compose:
      row.type === 'compose'
        ? { file: row.compose_file!, publicService: row.public_service, publicPort: row.public_port }
        : null,
    autoDeploy: { enabled: row.auto_deploy === 1, intervalS: row.watch_interval_s },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    projectName: row.project_name,
    configVersion: row.config_version,
    gitCloneUrl: row.git_url === null ? null : (normalizeGitUrl(row.git_url)?.url ?? null),
  };
}

export function toAppDto(record: AppRecord): AppDto {
  const { projectName: _projectName, configVersion: _configVersion, gitCloneUrl: _gitCloneUrl, ...dto } = record;
  return dto;
}

/** The apps table, and nothing else (server and project name come from the project). */
export class AppsRepo {
  constructor(private readonly db: Database) {}

  list(projectId?: string): AppRecord[] {
    const rows = (
      projectId === undefined
        ? this.db.prepare(`${SELECT} ORDER BY p.name, a.name`).all()
        : this.db.prepare(`${SELECT} WHERE a.project_id = ? ORDER BY a.name`).all(projectId)
    ) as AppRow[];
    return rows.map(toRecord);
  }

  findById(id: string): AppRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AppRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Whether a deployment of the app waits or runs (its checkout is in use). */
  isDeploying(appId: string): boolean {
    return (
      this.db
        .prepare(
          "SELECT 1 FROM deployments WHERE app_id = ? AND status IN ('pending', 'building', 'deploying') LIMIT 1",
        )
        .get(appId) !== undefined
    );
  }

  findByName(projectId: string, name: string): AppRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE a.project_id = ? AND a.name = ?`).get(projectId, name) as
      AppRow | undefined;
    return row ? toRecord(row) : null;
  }

  insert(app: NewApp, now = new Date().toISOString()): AppRecord {
    this.db
      .prepare(
        `INSERT INTO apps (id, project_id, name, type, description, port, git_url, branch, dockerfile_path, root_dir,
           cpu_limit, memory_mb, restart_policy, config_version, created_at, updated_at,
           template_id, template_tag, volume_name, publish_port, compose_file, public_service, public_port,
           auto_deploy, watch_interval_s, log_max_size_mb, log_max_files, health_check_path, health_check_timeout_s)
         VALUES (@id, @projectId, @name, @type, @description, @port, @gitUrl, @branch, @dockerfilePath, @rootDir,
           @cpuLimit, @memoryMb, @restartPolicy, 1, @now, @now,
           @templateId, @templateTag, @volumeName, @publishPort, @composeFile, @publicService, @publicPort,
           @autoDeploy, @watchIntervalS, @logMaxSizeMb, @logMaxFiles, @healthCheckPath, @healthCheckTimeoutS)`,
      )
      .run({ ...app, publishPort: app.publishPort ? 1 : 0, autoDeploy: app.autoDeploy ? 1 : 0, now });
    return this.findById(app.id)!;
  }

  /** Saves the settings; `bumpConfig` when a deploy would apply the change. */
  update(id: string, settings: AppSettings, bumpConfig: boolean, now = new Date().toISOString()): AppRecord {
    this.db
      .prepare(
        `UPDATE apps SET name = @name, description = @description, port = @port, git_url = @gitUrl, branch = @branch,
           dockerfile_path = @dockerfilePath, root_dir = @rootDir, cpu_limit = @cpuLimit, memory_mb = @memoryMb,
           restart_policy = @restartPolicy, template_tag = @templateTag, publish_port = @publishPort,
           compose_file = @composeFile, public_service = @publicService, public_port = @publicPort,
           auto_deploy = @autoDeploy, watch_interval_s = @watchIntervalS,
           log_max_size_mb = @logMaxSizeMb, log_max_files = @logMaxFiles,
           health_check_path = @healthCheckPath, health_check_timeout_s = @healthCheckTimeoutS,
           config_version = config_version + @bump, updated_at = @now
         WHERE id = @id`,
      )
      .run({
        ...settings,
        publishPort: settings.publishPort ? 1 : 0,
        autoDeploy: settings.autoDeploy ? 1 : 0,
        id,
        bump: bumpConfig ? 1 : 0,
        now,
      });
    return this.findById(id)!;
  }

  /** A change outside the apps row that a deploy applies (e.g. an env var). */
  /** Records (or clears) the keychain reference of the app's git access token. */
  setGitTokenRef(id: string, ref: string | null, now = new Date().toISOString()): void {
    this.db.prepare('UPDATE apps SET git_token_ref = ?, updated_at = ? WHERE id = ?').run(ref, now, id);
  }

  /** Records (or clears) the public half of the app's deploy key. */
  setDeployKey(id: string, publicKey: string | null, now = new Date().toISOString()): void {
    this.db.prepare('UPDATE apps SET deploy_key_public = ?, updated_at = ? WHERE id = ?').run(publicKey, now, id);
  }

  gitTokenRef(id: string): string | null {
    const row = this.db.prepare('SELECT git_token_ref FROM apps WHERE id = ?').get(id) as
      { git_token_ref: string | null } | undefined;
    return row?.git_token_ref ?? null;
  }

  /** The branch head the auto-deploy watcher last acted on (null: never, or auto-deploy was turned off). */
  watchLastSha(id: string): string | null {
    const row = this.db.prepare('SELECT watch_last_sha FROM apps WHERE id = ?').get(id) as
      { watch_last_sha: string | null } | undefined;
    return row?.watch_last_sha ?? null;
  }

  setWatchLastSha(id: string, sha: string | null): void {
    this.db.prepare('UPDATE apps SET watch_last_sha = ? WHERE id = ?').run(sha, id);
  }

  bumpConfigVersion(id: string, now = new Date().toISOString()): void {
    this.db.prepare('UPDATE apps SET config_version = config_version + 1, updated_at = ? WHERE id = ?').run(now, id);
  }

  /** Removes the app; its env vars and deployments (and their logs) go with it (ON DELETE CASCADE). */
  remove(id: string): void {
    this.db.prepare('DELETE FROM apps WHERE id = ?').run(id);
  }
}
