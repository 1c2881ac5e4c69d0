import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations';

export type Database = BetterSqlite3.Database;

/** Opens the store: WAL for concurrent readers (app + CLI), foreign keys enforced, schema migrated. */
export function openDatabase(file: string, migrations: Migration[] = allMigrations): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // deleted rows (e.g. a value that was plain before it became secret) are overwritten, not left in free pages
  db.pragma('secure_delete = ON');
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Database, migrations: Migration[]): void {
  const current = schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(
      `The data store was written by a newer Mist Desktop (schema ${current}, this build knows ${newest}); upgrade the app.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF'); // a no-op inside a transaction
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (migration.rebuildsTables) assertForeignKeysHold(db, migration);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
}

function assertForeignKeysHold(db: Database, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new Error(
      `Migration ${migration.version} (${migration.description}) would break ${broken.length} reference(s), ` +
        `e.g. ${first.table} → ${first.parent}; nothing was changed.`,
    );
  }
}
