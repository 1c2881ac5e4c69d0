import type { AuditEntryDto } from '../../../shared/dto/app';
import type { Database } from './database';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target_type: AuditEntryDto['targetType'];
  target_id: string;
  app_id: string | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

export type NewAuditEntry = Omit<AuditEntryDto, 'id'>;

function parse(json: string | null): unknown {
  return json === null ? null : (JSON.parse(json) as unknown);
}

function toDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    appId: row.app_id,
    summary: row.summary,
    before: parse(row.before_json),
    after: parse(row.after_json),
  };
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Removes `value` from the audited env var entries (an object or an array of them) named `key`. */
function withoutValue(state: unknown, key: string): { state: unknown; changed: boolean } {
  if (Array.isArray(state)) {
    const parts = state.map((entry) => withoutValue(entry, key));
    return { state: parts.map((part) => part.state), changed: parts.some((part) => part.changed) };
  }
  if (state && typeof state === 'object' && (state as { key?: unknown }).key === key && 'value' in state) {
    const { value: _value, ...rest } = state as Record<string, unknown>;
    return { state: { ...rest, valueRedacted: true }, changed: true };
  }
  return { state, changed: false };
}

/**
 * The audit_log table, and nothing else. Entries are only ever added; the one exception is
 * `redactEnvValue`, which removes a value that has since become a secret.
 */
export class AuditRepo {
  constructor(private readonly db: Database) {}

  insert(entry: NewAuditEntry): number {
    const result = this.db
      .prepare(
        `INSERT INTO audit_log (at, actor, action, target_type, target_id, app_id, summary, before_json, after_json)
         VALUES (@at, @actor, @action, @targetType, @targetId, @appId, @summary, @beforeJson, @afterJson)`,
      )
      .run({
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        appId: entry.appId,
        summary: entry.summary,
        beforeJson: json(entry.before),
        afterJson: json(entry.after),
      });
    return Number(result.lastInsertRowid);
  }

  /**
   * A variable became secret: its earlier plain values leave the audit log (the entries keep that it
   * changed, and `valueRedacted: true`). Returns how many entries were rewritten.
   */
  redactEnvValue(appId: string, key: string): number {
    const rows = this.db
      .prepare(`SELECT id, before_json, after_json FROM audit_log WHERE app_id = ? AND action LIKE 'env.%'`)
      .all(appId) as Array<Pick<AuditRow, 'id' | 'before_json' | 'after_json'>>;
    const update = this.db.prepare('UPDATE audit_log SET before_json = ?, after_json = ? WHERE id = ?');
    let rewritten = 0;
    for (const row of rows) {
      const before = withoutValue(parse(row.before_json), key);
      const after = withoutValue(parse(row.after_json), key);
      if (!before.changed && !after.changed) continue;
      update.run(json(before.state), json(after.state), row.id);
      rewritten++;
    }
    return rewritten;
  }

  /** Newest first; one app's entries, or everything. */
  list(input: { appId?: string; limit: number }): AuditEntryDto[] {
    const rows = (
      input.appId === undefined
        ? this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(input.limit)
        : this.db
            .prepare('SELECT * FROM audit_log WHERE app_id = ? ORDER BY id DESC LIMIT ?')
            .all(input.appId, input.limit)
    ) as AuditRow[];
    return rows.map(toDto);
  }
}
