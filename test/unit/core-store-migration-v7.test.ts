import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { migrations } from '../../src/main/core/store/migrations';

/**
 * Migration 7 rebuilds the apps table (SQLite cannot widen a CHECK): every row and every reference
 * from env vars, deployments, logs and domains must survive, and foreign keys must work afterwards.
 */
let dir: string;
const open: Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mist-store-v7-'));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = '2026-11-26T00:00:00.000Z';

function seedVersion6(file: string): void {
  const db = openDatabase(
    file,
    migrations.filter((m) => m.version <= 6),
  );
  db.prepare(
    `INSERT INTO servers (id, name, host, port, user, auth_kind, created_at, updated_at)
     VALUES ('s1', 'box', 'example.test', 22, 'deploy', 'agent', ?, ?)`,
  ).run(NOW, NOW);
  db.prepare(
    `INSERT INTO projects (id, server_id, name, created_at, updated_at) VALUES ('p1', 's1', 'shop', ?, ?)`,
  ).run(NOW, NOW);
  db.prepare(
    `INSERT INTO apps (id, project_id, name, type, port, git_url, branch, dockerfile_path, root_dir, restart_policy,
       config_version, created_at, updated_at, git_token_ref)
     VALUES ('a1', 'p1', 'web', 'web', 3000, 'owner/repo', 'main', './Dockerfile', '', 'unless-stopped', 4, ?, ?, 'tok')`,
  ).run(NOW, NOW);
  db.prepare(`INSERT INTO env_vars (app_id, key, value, scope, updated_at) VALUES ('a1', 'A', '1', 'both', ?)`).run(
    NOW,
  );
  db.prepare(
    `INSERT INTO deployments (id, app_id, number, status, trigger, config_version, created_at)
     VALUES ('d1', 'a1', 1, 'success', 'manual', 4, ?)`,
  ).run(NOW);
  db.prepare(
    `INSERT INTO deployment_logs (deployment_id, seq, stream, text, at) VALUES ('d1', 1, 'system', 'hi', ?)`,
  ).run(NOW);
  db.prepare(
    `INSERT INTO domains (app_id, host, display_host, created_at) VALUES ('a1', 'shop.test', 'shop.test', ?)`,
  ).run(NOW);
  db.close();
}

describe('migration 7 (database and compose apps)', () => {
  it('keeps every app and everything that references it, with foreign keys on afterwards', () => {
    const file = join(dir, 'mist.sqlite');
    seedVersion6(file);
    const db = openDatabase(file);
    open.push(db);

    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const app = db.prepare('SELECT * FROM apps WHERE id = ?').get('a1') as Record<string, unknown>;
    expect(app).toMatchObject({ name: 'web', type: 'web', config_version: 4, git_token_ref: 'tok', publish_port: 0 });
    expect(app.template_id).toBeNull();
    expect(db.prepare('SELECT count(*) AS n FROM env_vars').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM deployment_logs').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM domains').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // references point at the new table: deleting the app cascades to its rows
    db.prepare('DELETE FROM apps WHERE id = ?').run('a1');
    for (const table of ['env_vars', 'deployments', 'deployment_logs', 'domains']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });

  it('accepts the new types only with their own fields', () => {
    const db = openDatabase(':memory:');
    open.push(db);
    db.prepare(
      `INSERT INTO servers (id, name, host, port, user, auth_kind, created_at, updated_at)
      VALUES ('s1', 'box', 'h', 22, 'u', 'agent', ?, ?)`,
    ).run(NOW, NOW);
    db.prepare(
      `INSERT INTO projects (id, server_id, name, created_at, updated_at) VALUES ('p1', 's1', 'shop', ?, ?)`,
    ).run(NOW, NOW);
    const insert = (id: string, type: string, extra: Record<string, unknown>) =>
      db
        .prepare(
          `INSERT INTO apps (id, project_id, name, type, port, branch, dockerfile_path, root_dir, restart_policy,
             created_at, updated_at, template_id, template_tag, volume_name, compose_file)
           VALUES (@id, 'p1', @id, @type, 5432, 'main', './Dockerfile', '', 'unless-stopped', @now, @now,
             @template_id, @template_tag, @volume_name, @compose_file)`,
        )
        .run({
          id,
          type,
          now: NOW,
          template_id: null,
          template_tag: null,
          volume_name: null,
          compose_file: null,
          ...extra,
        });

    expect(() =>
      insert('db1', 'database', { template_id: 'postgres', template_tag: '17', volume_name: 'v' }),
    ).not.toThrow();
    expect(() => insert('db2', 'database', { template_id: 'postgres' })).toThrow(/CHECK/);
    expect(() => insert('c1', 'compose', { compose_file: 'docker-compose.yml' })).not.toThrow();
    expect(() => insert('c2', 'compose', {})).toThrow(/CHECK/);
    expect(() => insert('w1', 'web', { compose_file: 'x.yml' })).toThrow(/CHECK/);
    expect(() => insert('x1', 'worker', {})).toThrow(/CHECK/);
  });
});
