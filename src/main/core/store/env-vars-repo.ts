import type { EnvScope, EnvVarDto } from '../../../shared/dto/app';
import type { Database } from './database';

/** An env var row: a plain value, or (for a secret) the keychain account holding it. Never both. */
export interface EnvVarRecord {
  appId: string;
  key: string;
  value: string | null;
  secretRef: string | null;
  scope: EnvScope;
  updatedAt: string;
}

interface EnvVarRow {
  app_id: string;
  key: string;
  value: string | null;
  secret_ref: string | null;
  scope: EnvScope;
  updated_at: string;
}

export type EnvVarWrite = { key: string; scope: EnvScope } & (
  { value: string; secretRef: null } | { value: null; secretRef: string }
);

function toRecord(row: EnvVarRow): EnvVarRecord {
  return {
    appId: row.app_id,
    key: row.key,
    value: row.value,
    secretRef: row.secret_ref,
    scope: row.scope,
    updatedAt: row.updated_at,
  };
}

/** As the UI sees it: secret values are null. */
export function toEnvVarDto(record: EnvVarRecord): EnvVarDto {
  const secret = record.secretRef !== null;
  return {
    key: record.key,
    value: secret ? null : record.value,
    secret,
    scope: record.scope,
    updatedAt: record.updatedAt,
  };
}

/** The env_vars table, and nothing else. */
export class EnvVarsRepo {
  constructor(private readonly db: Database) {}

  list(appId: string): EnvVarRecord[] {
    const rows = this.db.prepare('SELECT * FROM env_vars WHERE app_id = ? ORDER BY key').all(appId) as EnvVarRow[];
    return rows.map(toRecord);
  }

  find(appId: string, key: string): EnvVarRecord | null {
    const row = this.db.prepare('SELECT * FROM env_vars WHERE app_id = ? AND key = ?').get(appId, key) as
      EnvVarRow | undefined;
    return row ? toRecord(row) : null;
  }

  upsert(appId: string, write: EnvVarWrite, now = new Date().toISOString()): void {
    this.db
      .prepare(
        `INSERT INTO env_vars (app_id, key, value, secret_ref, scope, updated_at)
         VALUES (@appId, @key, @value, @secretRef, @scope, @now)
         ON CONFLICT (app_id, key) DO UPDATE SET value = excluded.value, secret_ref = excluded.secret_ref,
           scope = excluded.scope, updated_at = excluded.updated_at`,
      )
      .run({ ...write, appId, now });
  }

  remove(appId: string, key: string): void {
    this.db.prepare('DELETE FROM env_vars WHERE app_id = ? AND key = ?').run(appId, key);
  }
}
