import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppModule, type AppModule } from '../../src/main/core/apps/app-module';
import type { SecretStore } from '../../src/main/core/secrets/secret-store';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { ServersRepo } from '../../src/main/core/store/servers-repo';
import type { AppDto } from '../../src/shared/dto/app';
import { MistError } from '../../src/shared/errors';

/** An in-memory keychain that can be told to fail (the real keychain is covered elsewhere). */
class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  /** Fail the n-th next set (1 = the very next one). */
  failSetAt = 0;
  failDeletes = false;
  async get(ref: string) {
    return this.entries.get(ref) ?? null;
  }
  async set(ref: string, value: string) {
    if (this.failSetAt > 0 && --this.failSetAt === 0) throw keychainDown();
    this.entries.set(ref, value);
  }
  async delete(ref: string) {
    if (this.failDeletes) throw keychainDown();
    this.entries.delete(ref);
  }
  async availability() {
    return { available: true, reason: null };
  }
}

function keychainDown() {
  return new MistError('keychain-unavailable', 'Could not store a secret in the OS keychain: it is locked.');
}

let dir: string;
let db: Database;
let secrets: MemorySecretStore;
let mod: AppModule;
let app: AppDto;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mist-env-'));
  db = openDatabase(join(dir, 'mist.sqlite'));
  secrets = new MemorySecretStore();
  const servers = new ServersRepo(db);
  servers.insert({
    id: 'srv1',
    name: 'box',
    host: '127.0.0.1',
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
  });
  const docker = { getContainer: () => ({ remove: async () => {} }) };
  mod = createAppModule({ db, secrets, pool: { docker: () => docker as unknown as Dockerode }, servers });
  const project = mod.projects.create({ name: 'shop', serverId: 'srv1' });
  app = await mod.apps.create({ projectId: project.id, name: 'web', type: 'web' } as never);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function configVersion(): number {
  return (db.prepare('SELECT config_version AS v FROM apps WHERE id = ?').get(app.id) as { v: number }).v;
}

function envRows() {
  return db.prepare('SELECT key, value, secret_ref, scope FROM env_vars ORDER BY key').all();
}

/** Every row of every table, as text. */
function wholeDatabase(): string {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>;
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['apps', 'env_vars', 'audit_log', 'deployments']));
  return tables.map((t) => `${t.name}: ${JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all())}`).join('\n');
}

async function rejection(promise: Promise<unknown>): Promise<MistError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MistError);
  return error as MistError;
}

describe('setting variables', () => {
  it('adds and upserts plain variables with their scope (default both)', async () => {
    const listed = await mod.env.set(app.id, [
      { key: 'PORT', value: '3000' },
      { key: 'NODE_ENV', value: 'production', scope: 'runtime' },
    ]);
    expect(listed.map(({ key, value, secret, scope }) => ({ key, value, secret, scope }))).toEqual([
      { key: 'NODE_ENV', value: 'production', secret: false, scope: 'runtime' },
      { key: 'PORT', value: '3000', secret: false, scope: 'both' },
    ]);
    await mod.env.set(app.id, [{ key: 'PORT', value: '8080', scope: 'build' }]);
    expect(mod.env.list(app.id).find((v) => v.key === 'PORT')).toMatchObject({ value: '8080', scope: 'build' });
    expect(await mod.env.reveal(app.id, 'PORT')).toBe('8080');
  });

  it('keeps a secret value only in the keychain, masked in the list, revealed on demand (and audited)', async () => {
    await mod.env.set(app.id, [{ key: 'DB_PASSWORD', value: 'pa55-w0rd!', secret: true }]);
    expect(mod.env.list(app.id)).toEqual([expect.objectContaining({ key: 'DB_PASSWORD', value: null, secret: true })]);
    expect(envRows()).toEqual([
      { key: 'DB_PASSWORD', value: null, secret_ref: `app/${app.id}/env/DB_PASSWORD`, scope: 'both' },
    ]);
    expect(secrets.entries.get(`app/${app.id}/env/DB_PASSWORD`)).toBe('pa55-w0rd!');
    expect(await mod.env.reveal(app.id, 'DB_PASSWORD')).toBe('pa55-w0rd!');
    const reveal = mod.audit.list({ appId: app.id, limit: 1 })[0]!;
    expect(reveal).toMatchObject({
      action: 'env.reveal',
      summary: 'Revealed the secret variable DB_PASSWORD of shop/web.',
    });
  });

  it('moves a value between SQLite and the keychain when the secret flag changes', async () => {
    const ref = `app/${app.id}/env/API_KEY`;
    await mod.env.set(app.id, [{ key: 'API_KEY', value: 'plain-one' }]);
    await mod.env.set(app.id, [{ key: 'API_KEY', value: 'now-secret', secret: true }]);
    expect(envRows()).toEqual([{ key: 'API_KEY', value: null, secret_ref: ref, scope: 'both' }]);
    expect(secrets.entries.get(ref)).toBe('now-secret');
    await mod.env.set(app.id, [{ key: 'API_KEY', value: 'plain-again' }]);
    expect(envRows()).toEqual([{ key: 'API_KEY', value: 'plain-again', secret_ref: null, scope: 'both' }]);
    expect(secrets.entries.has(ref)).toBe(false);
  });

  it('refuses bad keys and values, and a key given twice', async () => {
    for (const key of ['1ABC', 'A-B', 'A B', '$(id)', 'A;B', 'A\nB', '`x`', '']) {
      expect((await rejection(mod.env.set(app.id, [{ key, value: 'v' }]))).code, key).toBe('invalid-input');
    }
    expect((await rejection(mod.env.set(app.id, [{ key: 'A', value: 'a\0b' }]))).message).toMatch(/NUL/);
    expect((await rejection(mod.env.set(app.id, [{ key: 'A', value: 'x'.repeat(70_000) }]))).message).toMatch(/64 KiB/);
    const twice = await rejection(
      mod.env.set(app.id, [
        { key: 'A', value: '1' },
        { key: 'A', value: '2' },
      ]),
    );
    expect(twice.message).toBe('A is given twice.');
    expect((await rejection(mod.env.set('nope', [{ key: 'A', value: '1' }]))).code).toBe('not-found');
    expect(envRows()).toEqual([]);
  });

  it('stores hostile values verbatim: they are data, never executed', async () => {
    const hostile = `it's "quoted" $(rm -rf /) \`id\`; echo pwned\nline2`;
    await mod.env.set(app.id, [
      { key: 'HOSTILE', value: hostile },
      { key: 'HOSTILE_SECRET', value: hostile, secret: true },
    ]);
    expect(await mod.env.reveal(app.id, 'HOSTILE')).toBe(hostile);
    expect(await mod.env.resolved(app.id, 'runtime')).toEqual([
      { key: 'HOSTILE', value: hostile, secret: false },
      { key: 'HOSTILE_SECRET', value: hostile, secret: true },
    ]);
  });

  it('saves nothing when the keychain fails, undoing the secrets already stored in that call', async () => {
    await mod.env.set(app.id, [{ key: 'OLD', value: 'old-secret', secret: true }]);
    const before = configVersion();
    secrets.failSetAt = 3;
    const error = await rejection(
      mod.env.set(app.id, [
        { key: 'OLD', value: 'new-secret', secret: true },
        { key: 'NEW', value: 'new-one', secret: true },
        { key: 'THIRD', value: 'third', secret: true },
        { key: 'PLAIN', value: 'p' },
      ]),
    );
    expect(error.code).toBe('keychain-unavailable');
    expect(envRows()).toEqual([{ key: 'OLD', value: null, secret_ref: `app/${app.id}/env/OLD`, scope: 'both' }]);
    expect([...secrets.entries]).toEqual([[`app/${app.id}/env/OLD`, 'old-secret']]);
    expect(configVersion()).toBe(before);

    secrets.failDeletes = true; // secret → plain cannot delete the keychain entry: nothing changes
    expect((await rejection(mod.env.set(app.id, [{ key: 'OLD', value: 'plain' }]))).code).toBe('keychain-unavailable');
    expect(envRows()).toEqual([{ key: 'OLD', value: null, secret_ref: `app/${app.id}/env/OLD`, scope: 'both' }]);
    expect((await rejection(mod.env.delete(app.id, 'OLD'))).code).toBe('keychain-unavailable');
    expect(mod.env.list(app.id)).toHaveLength(1);
    expect(configVersion()).toBe(before);
  });
});

describe('config_version', () => {
  it('is bumped by every change (set, import, delete) and not by a set that changes nothing', async () => {
    expect(configVersion()).toBe(1);
    await mod.env.set(app.id, [{ key: 'A', value: '1' }]);
    expect(configVersion()).toBe(2);
    await mod.env.set(app.id, [{ key: 'A', value: '1' }]);
    expect(configVersion()).toBe(2);
    await mod.env.set(app.id, [{ key: 'A', value: '1', scope: 'build' }]);
    expect(configVersion()).toBe(3);
    await mod.env.set(app.id, [{ key: 'S', value: 'x', secret: true }]);
    await mod.env.set(app.id, [{ key: 'S', value: 'x', secret: true }]);
    expect(configVersion()).toBe(4);
    await mod.env.set(app.id, [{ key: 'S', value: 'y', secret: true }]);
    expect(configVersion()).toBe(5);
    await mod.env.import(app.id, 'B=2');
    expect(configVersion()).toBe(6);
    await mod.env.delete(app.id, 'B');
    expect(configVersion()).toBe(7);
    expect((await rejection(mod.env.delete(app.id, 'B'))).message).toBe('shop/web has no variable B.');
    expect(configVersion()).toBe(7);
  });
});

describe('importing .env text', () => {
  it('imports comments, quotes and export lines; reports bad lines by number and imports the rest', async () => {
    const text = [
      '# database',
      'export DB_HOST=db.internal',
      "SINGLE='literal $HOME \\n'",
      'DOUBLE="two\\nlines"',
      'MULTI="first',
      'second"',
      'INLINE=value # a comment',
      '',
      'not a variable',
      '1BAD=x',
      'DB_HOST=db.override',
      'UNTERMINATED="oops', // (an unterminated double quote runs to the end of the text)
    ].join('\n');
    const result = await mod.env.import(app.id, text, false, 'runtime');
    expect(result.errors).toEqual([
      { line: 9, message: 'expected KEY=value' },
      { line: 10, message: '"1BAD" is not a valid variable name' },
      { line: 12, message: 'unterminated double quote in UNTERMINATED' },
    ]);
    expect(result.imported).toBe(5);
    const values = Object.fromEntries(mod.env.list(app.id).map((v) => [v.key, [v.value, v.scope]]));
    expect(values).toEqual({
      DB_HOST: ['db.override', 'runtime'],
      SINGLE: ['literal $HOME \\n', 'runtime'],
      DOUBLE: ['two\nlines', 'runtime'],
      MULTI: ['first\nsecond', 'runtime'],
      INLINE: ['value', 'runtime'],
    });
    expect(mod.audit.list({ appId: app.id, limit: 1 })[0]!.action).toBe('env.import');
  });

  it('imports as secrets when asked, and imports nothing (no bump) when every line is bad', async () => {
    const result = await mod.env.import(app.id, 'TOKEN="s3cr3t value"\nexport KEY=abc', true, 'build');
    expect(result).toEqual({ imported: 2, errors: [] });
    expect(mod.env.list(app.id).every((v) => v.secret && v.value === null && v.scope === 'build')).toBe(true);
    expect(secrets.entries.get(`app/${app.id}/env/TOKEN`)).toBe('s3cr3t value');
    const version = configVersion();
    expect(await mod.env.import(app.id, 'nope\n# only a comment')).toEqual({
      imported: 0,
      errors: [{ line: 1, message: 'expected KEY=value' }],
    });
    expect(configVersion()).toBe(version);
  });

  it('reports a value that is too long with its line', async () => {
    const result = await mod.env.import(app.id, `OK=1\nexport BIG=${'x'.repeat(70_000)}`);
    expect(result.imported).toBe(1);
    expect(result.errors).toEqual([{ line: 2, message: 'BIG: a value is at most 64 KiB' }]);
  });
});

describe('resolved variables for a deploy', () => {
  it('gives each scope its variables (both appears in both), secrets read from the keychain', async () => {
    await mod.env.set(app.id, [
      { key: 'BOTH', value: 'b' },
      { key: 'BUILD_ONLY', value: 'bo', scope: 'build' },
      { key: 'RUNTIME_ONLY', value: 'ro', scope: 'runtime' },
      { key: 'SECRET_BUILD', value: 'sb-value', secret: true, scope: 'build' },
      { key: 'SECRET_BOTH', value: 'sboth-value', secret: true },
      { key: 'EMPTY_SECRET', value: '', secret: true, scope: 'runtime' },
    ]);
    expect(await mod.env.resolved(app.id, 'build')).toEqual([
      { key: 'BOTH', value: 'b', secret: false },
      { key: 'BUILD_ONLY', value: 'bo', secret: false },
      { key: 'SECRET_BOTH', value: 'sboth-value', secret: true },
      { key: 'SECRET_BUILD', value: 'sb-value', secret: true },
    ]);
    expect(await mod.env.resolved(app.id, 'runtime')).toEqual([
      { key: 'BOTH', value: 'b', secret: false },
      { key: 'EMPTY_SECRET', value: '', secret: true },
      { key: 'RUNTIME_ONLY', value: 'ro', secret: false },
      { key: 'SECRET_BOTH', value: 'sboth-value', secret: true },
    ]);
    expect((await mod.env.secretValues(app.id)).sort()).toEqual(['sb-value', 'sboth-value']);
  });

  it('says so when a secret went missing from the keychain', async () => {
    await mod.env.set(app.id, [{ key: 'GONE', value: 'x', secret: true }]);
    secrets.entries.clear();
    const error = await rejection(mod.env.resolved(app.id, 'runtime'));
    expect(error.message).toBe('The secret value of GONE (shop/web) is missing from the keychain; set it again.');
  });
});

describe('secret values never reach SQLite or the audit log', () => {
  it('after every kind of change, no table row and no audit entry contains a secret value', async () => {
    const secretValues = ['sup3r-s3cret-A', 'sup3r-s3cret-B', 'sup3r-s3cret-C', 'sup3r-s3cret-D', 'sup3r-s3cret-E'];
    const [a, b, c, d, e] = secretValues as [string, string, string, string, string];
    await mod.env.set(app.id, [{ key: 'A', value: a, secret: true }]);
    await mod.env.set(app.id, [{ key: 'A', value: b, secret: true, scope: 'build' }]); // secret → secret
    await mod.env.set(app.id, [{ key: 'C', value: 'was-plain' }]);
    await mod.env.set(app.id, [{ key: 'PLAIN', value: 'harmless' }]);
    await mod.env.set(app.id, [{ key: 'C', value: c, secret: true }]); // plain → secret
    await mod.env.import(app.id, `D="${d}"\nexport E='${e}'\n# ${'x'}`, true);
    await mod.env.set(app.id, [{ key: 'P', value: 'will-be-secret' }]);
    await mod.env.set(app.id, [{ key: 'P', value: 'will-be-secret', secret: true }]); // same value, now secret
    await mod.env.reveal(app.id, 'A');
    await mod.env.resolved(app.id, 'build');
    await mod.env.delete(app.id, 'D');
    await mod.apps.update({ id: app.id, port: 4000 });

    const everything = wholeDatabase();
    const madeSecret = ['will-be-secret', 'was-plain'];
    for (const value of [...secretValues, ...madeSecret]) expect(everything).not.toContain(value);
    const audit = JSON.stringify(mod.audit.list({ limit: 1000 }));
    for (const value of [...secretValues, ...madeSecret]) expect(audit).not.toContain(value);
    expect(audit).toContain('harmless'); // plain values are audited with their value

    const plainToSecret = mod.audit
      .list({ appId: app.id, limit: 1000 })
      .find((entry) => entry.summary.startsWith('Set C'))!;
    expect(plainToSecret.before).toEqual([{ key: 'C', secret: false, scope: 'both' }]);
    expect(plainToSecret.after).toEqual([{ key: 'C', secret: true, scope: 'both' }]);
    // the earlier, plain value of a variable made secret was taken out of the older entries too
    const plainP = mod.audit
      .list({ appId: app.id, limit: 1000 })
      .find((entry) => entry.summary === 'Set P on shop/web.')!;
    expect(plainP.after).toEqual([{ key: 'P', secret: false, scope: 'both', valueRedacted: true }]);

    // and the keychain holds exactly the live secrets
    expect([...secrets.entries.values()].sort()).toEqual([b, c, e, 'will-be-secret'].sort());
  });
});
