import type {
  DeploymentDto,
  DeploymentStatus,
  DeploymentTrigger,
  LogLineDto,
  StageTimingDto,
} from '../../../shared/dto/app';
import type { Database } from './database';

interface DeploymentRow {
  id: string;
  app_id: string;
  number: number;
  status: DeploymentStatus;
  trigger: DeploymentTrigger;
  commit_hash: string | null;
  commit_message: string | null;
  commit_author: string | null;
  image: string | null;
  container_id: string | null;
  config_version: number;
  runner: string | null;
  stages: string;
  error: string | null;
  active: number;
  created_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  rollback_of: number | null;
}

export interface DeploymentRecord extends DeploymentDto {
  containerId: string | null;
  configVersion: number;
  /** `host/pid` of the Mist process running it (the app, the CLI, a web shell). */
  runner: string | null;
}

export type DeploymentChanges = Partial<
  Pick<
    DeploymentRecord,
    | 'status'
    | 'commitHash'
    | 'commitMessage'
    | 'commitAuthor'
    | 'image'
    | 'containerId'
    | 'stages'
    | 'error'
    | 'finishedAt'
    | 'durationMs'
  >
>;

const COLUMNS: Record<keyof DeploymentChanges, string> = {
  status: 'status',
  commitHash: 'commit_hash',
  commitMessage: 'commit_message',
  commitAuthor: 'commit_author',
  image: 'image',
  containerId: 'container_id',
  stages: 'stages',
  error: 'error',
  finishedAt: 'finished_at',
  durationMs: 'duration_ms',
};

function toRecord(row: DeploymentRow): DeploymentRecord {
  return {
    id: row.id,
    appId: row.app_id,
    number: row.number,
    status: row.status,
    trigger: row.trigger,
    commitHash: row.commit_hash,
    commitMessage: row.commit_message,
    commitAuthor: row.commit_author,
    image: row.image,
    containerId: row.container_id,
    configVersion: row.config_version,
    runner: row.runner,
    stages: JSON.parse(row.stages) as StageTimingDto[],
    error: row.error,
    active: row.active === 1,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    rollbackOf: row.rollback_of,
  };
}

export function toDeploymentDto(record: DeploymentRecord): DeploymentDto {
  const { containerId: _containerId, configVersion: _configVersion, runner: _runner, ...dto } = record;
  return dto;
}

/** The deployments and deployment_logs tables. */
export class DeploymentsRepo {
  constructor(private readonly db: Database) {}

  /** Inserts a pending deployment with the next number for its app (atomically). */
  create(input: {
    id: string;
    appId: string;
    trigger: DeploymentTrigger;
    configVersion: number;
    runner?: string;
    /** A rollback: the number of the deployment whose image it runs again. */
    rollbackOf?: number;
  }): DeploymentRecord {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const { next } = this.db
        .prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM deployments WHERE app_id = ?')
        .get(input.appId) as { next: number };
      this.db
        .prepare(
          `INSERT INTO deployments (id, app_id, number, status, trigger, config_version, runner, stages, created_at, rollback_of)
           VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.id,
          input.appId,
          next,
          input.trigger,
          input.configVersion,
          input.runner ?? null,
          JSON.stringify([{ stage: 'queued', startedAt: now, durationMs: null }] satisfies StageTimingDto[]),
          now,
          input.rollbackOf ?? null,
        );
    })();
    return this.get(input.id)!;
  }

  get(id: string): DeploymentRecord | null {
    const row = this.db.prepare('SELECT * FROM deployments WHERE id = ?').get(id) as DeploymentRow | undefined;
    return row ? toRecord(row) : null;
  }

  listForApp(appId: string, limit = 200): DeploymentRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM deployments WHERE app_id = ? ORDER BY number DESC LIMIT ?')
      .all(appId, limit) as DeploymentRow[];
    return rows.map(toRecord);
  }

  active(appId: string): DeploymentRecord | null {
    const row = this.db.prepare('SELECT * FROM deployments WHERE app_id = ? AND active = 1').get(appId) as
      DeploymentRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Deployments a crash may have left half-way. */
  unfinished(): DeploymentRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM deployments WHERE status IN ('pending', 'building', 'deploying')")
      .all() as DeploymentRow[];
    return rows.map(toRecord);
  }

  update(id: string, changes: DeploymentChanges): DeploymentRecord {
    const entries = Object.entries(changes) as Array<[keyof DeploymentChanges, unknown]>;
    if (entries.length > 0) {
      const assignments = entries.map(([key]) => `${COLUMNS[key]} = @${key}`).join(', ');
      const values = Object.fromEntries(
        entries.map(([key, value]) => [key, key === 'stages' ? JSON.stringify(value) : value]),
      );
      this.db.prepare(`UPDATE deployments SET ${assignments} WHERE id = @id`).run({ ...values, id });
    }
    return this.get(id)!;
  }

  /** Marks this deployment as the one serving, and no other deployment of the app. */
  makeActive(appId: string, id: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE deployments SET active = 0 WHERE app_id = ? AND active = 1').run(appId);
      this.db.prepare('UPDATE deployments SET active = 1 WHERE id = ?').run(id);
    })();
  }

  appendLog(deploymentId: string, lines: Array<Omit<LogLineDto, 'seq'>>): LogLineDto[] {
    if (lines.length === 0) return [];
    const insert = this.db.prepare(
      'INSERT INTO deployment_logs (deployment_id, seq, stream, text, at) VALUES (?, ?, ?, ?, ?)',
    );
    return this.db.transaction(() => {
      const { next } = this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM deployment_logs WHERE deployment_id = ?')
        .get(deploymentId) as { next: number };
      return lines.map((line, index) => {
        const stored = { ...line, seq: next + index };
        insert.run(deploymentId, stored.seq, stored.stream, stored.text, stored.at);
        return stored;
      });
    })();
  }

  log(deploymentId: string): LogLineDto[] {
    return this.db
      .prepare('SELECT seq, stream, text, at FROM deployment_logs WHERE deployment_id = ? ORDER BY seq')
      .all(deploymentId) as LogLineDto[];
  }
}
