import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Database } from '../../src/main/core/store/database';
import { migrations, type Migration } from '../../src/main/core/store/migrations';
import { ServersRepo, toServerDto, type NewServer } from '../../src/main/core/store/servers-repo';

let dir: string;
const open: Database[] = [];

function openAt(file: string, list?: Migration[]): Database {
  const db = list ? openDatabase(file, list) : openDatabase(file);
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mist-store-'));
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the parent directory and the file', () => {
    const file = join(dir, 'nested', 'deeper', 'mist.sqlite');
    openAt(file);
    expect(existsSync(file)).toBe(true);
  });

  it('turns on WAL, foreign keys and a busy timeout', () => {
    const db = openAt(join(dir, 'mist.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('sets user_version to the latest migration', () => {
    const db = openAt(join(dir, 'mist.sqlite'));
    const latest = migrations.at(-1)!.version;
    expect(latest).toBeGreaterThanOrEqual(1);
    expect(schemaVersion(db)).toBe(latest);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
  });

  it('has strictly increasing migration versions starting at 1', () => {
    expect(migrations[0]!.version).toBe(1);
    for (let i = 1; i < migrations.length; i++)
      expect(migrations[i]!.version).toBeGreaterThan(migrations[i - 1]!.version);
  });

  it('works in memory too', () => {
    const db = openAt(':memory:');
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('does not re-run applied migrations on reopen, and applies only new ones', () => {
    const file = join(dir, 'm.sqlite');
    const v1: Migration[] = [
      { version: 1, description: 'table', sql: 'CREATE TABLE t (n INTEGER);' },
      { version: 2, description: 'row', sql: 'INSERT INTO t (n) VALUES (1);' },
    ];
    openAt(file, v1).close();
    // Reopening with the same list: the INSERT must not run again (and CREATE TABLE must not fail).
    const again = openAt(file, v1);
    expect(again.prepare('SELECT COUNT(*) AS c FROM t').get()).toEqual({ c: 1 });
    again.close();

    const v2 = [...v1, { version: 3, description: 'another row', sql: 'INSERT INTO t (n) VALUES (3);' }];
    const upgraded = openAt(file, v2);
    expect(upgraded.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 3 }]);
    expect(schemaVersion(upgraded)).toBe(3);
  });

  it('reopening the real schema keeps the data', () => {
    const file = join(dir, 'mist.sqlite');
    const db = openAt(file);
    new ServersRepo(db).insert(newServer({ id: 's1', name: 'keep' }));
    db.close();
    const reopened = openAt(file);
    expect(new ServersRepo(reopened).findById('s1')?.name).toBe('keep');
  });

  it('rolls back a failing migration and leaves user_version where it was', () => {
    const file = join(dir, 'bad.sqlite');
    const good: Migration = { version: 1, description: 'ok', sql: 'CREATE TABLE ok (n INTEGER);' };
    openAt(file, [good]).close();
    const broken: Migration = {
      version: 2,
      description: 'half done',
      sql: 'CREATE TABLE half (n INTEGER); THIS IS NOT SQL;',
    };
    expect(() => openDatabase(file, [good, broken])).toThrow();
    const check = new BetterSqlite3(file);
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(1);
      expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    } finally {
      check.close();
    }
  });

  it('refuses a store written by a newer schema, with a clear message, and leaves it untouched', () => {
    const file = join(dir, 'future.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer Mist Desktop \(schema 99, this build knows \d+\); upgrade the app/);
    const check = new BetterSqlite3(file);
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(99);
      expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'servers'").get()).toBeUndefined();
    } finally {
      check.close();
    }
  });
});

let serial = 0;
function newServer(overrides: Partial<NewServer> = {}): NewServer {
  serial += 1;
  return {
    id: `srv${serial}`,
    name: `server-${serial}`,
    host: '10.0.0.1',
    port: 22,
    user: 'deploy',
    authKind: 'agent',
    keyPath: null,
    secretRef: null,
    proxyJumpServerId: null,
    hostKeyFingerprint: null,
    dockerSocketPath: '/var/run/docker.sock',
    forwardAgent: false,
    publicAddress: null,
    ...overrides,
  };
}

describe('ServersRepo', () => {
  let db: Database;
  let repo: ServersRepo;

  beforeEach(() => {
    db = openAt(join(dir, 'mist.sqlite'));
    repo = new ServersRepo(db);
  });

  it('inserts and finds a server by id and by name', () => {
    const inserted = repo.insert(
      newServer({
        id: 'a1',
        name: 'Web-1',
        host: 'web.example.com',
        port: 2222,
        user: 'ops',
        authKind: 'key',
        keyPath: '~/.ssh/id_ed25519',
        secretRef: 'server:a1:passphrase',
        hostKeyFingerprint: 'SHA256:' + 'F'.repeat(43),
        dockerSocketPath: '/run/user/1000/docker.sock',
      }),
      '2025-01-02T03:04:05.000Z',
    );
    expect(inserted).toEqual({
      id: 'a1',
      name: 'Web-1',
      host: 'web.example.com',
      port: 2222,
      user: 'ops',
      auth: { kind: 'key', keyPath: '~/.ssh/id_ed25519', hasPassphrase: true },
      proxyJumpServerId: null,
      hostKeyFingerprint: 'SHA256:' + 'F'.repeat(43),
      dockerSocketPath: '/run/user/1000/docker.sock',
      forwardAgent: false,
      publicAddress: null,
      acmeEmail: null,
      wildcardDomain: null,
      createdAt: '2025-01-02T03:04:05.000Z',
      updatedAt: '2025-01-02T03:04:05.000Z',
      secretRef: 'server:a1:passphrase',
    });
    expect(repo.findById('a1')).toEqual(inserted);
    expect(repo.findByName('web-1')?.id).toBe('a1');
    expect(repo.findByName('WEB-1')?.id).toBe('a1');
    expect(repo.findById('nope')).toBeNull();
    expect(repo.findByName('nope')).toBeNull();
  });

  it('maps auth kinds: key without secret has no passphrase; agent and password carry only the kind', () => {
    const key = repo.insert(newServer({ authKind: 'key', keyPath: '/k' }));
    const agent = repo.insert(newServer({ authKind: 'agent' }));
    const password = repo.insert(newServer({ authKind: 'password', secretRef: 'server:x:password' }));
    expect(key.auth).toEqual({ kind: 'key', keyPath: '/k', hasPassphrase: false });
    expect(agent.auth).toEqual({ kind: 'agent' });
    expect(password.auth).toEqual({ kind: 'password' });
    expect(password.secretRef).toBe('server:x:password');
  });

  it('lists servers ordered by name, case-insensitively', () => {
    repo.insert(newServer({ name: 'charlie' }));
    repo.insert(newServer({ name: 'Alpha' }));
    repo.insert(newServer({ name: 'bravo' }));
    expect(repo.list().map((s) => s.name)).toEqual(['Alpha', 'bravo', 'charlie']);
  });

  it('refuses a second server whose name differs only in case', () => {
    repo.insert(newServer({ name: 'prod' }));
    expect(() => repo.insert(newServer({ name: 'PROD' }))).toThrow(/UNIQUE/);
    expect(repo.list()).toHaveLength(1);
  });

  it('refuses a duplicate id', () => {
    repo.insert(newServer({ id: 'dup' }));
    expect(() => repo.insert(newServer({ id: 'dup' }))).toThrow(/UNIQUE|PRIMARY/);
  });

  it('enforces the column checks (port range, auth kind)', () => {
    expect(() => repo.insert(newServer({ port: 0 }))).toThrow(/CHECK/);
    expect(() => repo.insert(newServer({ port: 65536 }))).toThrow(/CHECK/);
    expect(() => repo.insert(newServer({ authKind: 'certificate' as NewServer['authKind'] }))).toThrow(/CHECK/);
  });

  it('updates every field, keeps createdAt and moves updatedAt', () => {
    const original = repo.insert(newServer({ id: 'u1', name: 'before' }), '2025-01-01T00:00:00.000Z');
    const { id: _id, ...fields } = newServer({
      name: 'after',
      host: '10.9.9.9',
      port: 2200,
      user: 'root',
      authKind: 'password',
      secretRef: 'server:u1:password',
      hostKeyFingerprint: 'SHA256:' + 'Z'.repeat(43),
      dockerSocketPath: '/srv/docker.sock',
    });
    const updated = repo.update('u1', fields, '2025-06-01T00:00:00.000Z');
    expect(updated).toMatchObject({
      id: 'u1',
      name: 'after',
      host: '10.9.9.9',
      port: 2200,
      user: 'root',
      auth: { kind: 'password' },
      secretRef: 'server:u1:password',
      hostKeyFingerprint: 'SHA256:' + 'Z'.repeat(43),
      dockerSocketPath: '/srv/docker.sock',
      createdAt: original.createdAt,
      updatedAt: '2025-06-01T00:00:00.000Z',
    });
    expect(repo.findById('u1')).toEqual(updated);
  });

  it('an update cannot take another server name in a different case', () => {
    repo.insert(newServer({ id: 'x1', name: 'one' }));
    const two = repo.insert(newServer({ id: 'x2', name: 'two' }));
    const { id: _id, secretRef, auth: _auth, createdAt: _c, updatedAt: _u, ...rest } = two;
    expect(() => repo.update('x2', { ...rest, name: 'ONE', authKind: 'agent', keyPath: null, secretRef })).toThrow(
      /UNIQUE/,
    );
    expect(repo.findById('x2')?.name).toBe('two');
  });

  it('sets and clears the host key fingerprint', () => {
    repo.insert(newServer({ id: 'h1' }));
    repo.setHostKeyFingerprint('h1', 'SHA256:' + 'H'.repeat(43));
    expect(repo.findById('h1')?.hostKeyFingerprint).toBe('SHA256:' + 'H'.repeat(43));
    repo.setHostKeyFingerprint('h1', null);
    expect(repo.findById('h1')?.hostKeyFingerprint).toBeNull();
  });

  it('removes a server', () => {
    repo.insert(newServer({ id: 'r1' }));
    repo.remove('r1');
    expect(repo.findById('r1')).toBeNull();
    expect(() => repo.remove('r1')).not.toThrow();
  });

  it('a proxy jump must reference an existing server', () => {
    expect(() => repo.insert(newServer({ proxyJumpServerId: 'ghost' }))).toThrow(/FOREIGN KEY/);
  });

  it('refuses to delete a server others jump through, and lists them as dependents', () => {
    repo.insert(newServer({ id: 'bastion', name: 'bastion' }));
    repo.insert(newServer({ id: 'app1', name: 'app1', proxyJumpServerId: 'bastion' }));
    repo.insert(newServer({ id: 'app2', name: 'app2', proxyJumpServerId: 'bastion' }));
    expect(
      repo
        .dependents('bastion')
        .map((s) => s.id)
        .sort(),
    ).toEqual(['app1', 'app2']);
    expect(repo.dependents('app1')).toEqual([]);
    expect(() => repo.remove('bastion')).toThrow(/FOREIGN KEY/);
    expect(repo.findById('bastion')).not.toBeNull();
    repo.remove('app1');
    repo.remove('app2');
    repo.remove('bastion');
    expect(repo.list()).toEqual([]);
  });
});

describe('toServerDto', () => {
  it('never exposes secretRef, and keeps everything else', () => {
    const db = openAt(':memory:');
    const record = new ServersRepo(db).insert(
      newServer({ id: 'd1', authKind: 'key', keyPath: '/k', secretRef: 'keychain-account-SECRET-REF' }),
    );
    const dto = toServerDto(record);
    expect('secretRef' in dto).toBe(false);
    expect(JSON.stringify(dto)).not.toContain('keychain-account-SECRET-REF');
    const { secretRef: _secretRef, ...expected } = record;
    expect(dto).toEqual(expected);
    expect(dto.auth).toEqual({ kind: 'key', keyPath: '/k', hasPassphrase: true });
    // The record itself is not mutated.
    expect(record.secretRef).toBe('keychain-account-SECRET-REF');
  });
});
