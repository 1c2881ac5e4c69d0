import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppModule, type AppModule } from '../../src/main/core/apps/app-module';
import type { SecretStore } from '../../src/main/core/secrets/secret-store';
import { AppsRepo } from '../../src/main/core/store/apps-repo';
import { openDatabase, type Database } from '../../src/main/core/store/database';
import { ServersRepo } from '../../src/main/core/store/servers-repo';
import { MistError } from '../../src/shared/errors';
import { createAppInputSchema, createProjectInputSchema, type CreateAppInput } from '../../src/shared/schemas/app';
import { rejection } from '../support/rejection';

/** The keychain is covered elsewhere: this is the logic around the store. */
class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, string>();
  async get(ref: string) {
    return this.entries.get(ref) ?? null;
  }
  async set(ref: string, value: string) {
    this.entries.set(ref, value);
  }
  async delete(ref: string) {
    this.entries.delete(ref);
  }
  async availability() {
    return { available: true, reason: null };
  }
}

const GIB = 1024 ** 3;

/** A stand-in for the server's Docker engine: 4 cores, 8 GiB, and a container remover we can steer. */
function fakeDocker() {
  const removed: string[] = [];
  const docker = {
    info: vi.fn(async (): Promise<unknown> => ({ NCPU: 4, MemTotal: 8 * GIB })),
    removeResult: null as null | { statusCode: number; message: string },
    getContainer: vi.fn((name: string) => ({
      remove: vi.fn(async (options: { force?: boolean }) => {
        expect(options.force).toBe(true);
        if (docker.removeResult) throw Object.assign(new Error(docker.removeResult.message), docker.removeResult);
        removed.push(name);
      }),
    })),
    removed,
  };
  return docker;
}

let dir: string;
let db: Database;
let secrets: MemorySecretStore;
let docker: ReturnType<typeof fakeDocker>;
let mod: AppModule;
let serverId: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mist-apps-'));
  db = openDatabase(join(dir, 'mist.sqlite'));
  secrets = new MemorySecretStore();
  docker = fakeDocker();
  const servers = new ServersRepo(db);
  serverId = 'srv1';
  servers.insert({
    id: serverId,
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
  mod = createAppModule({
    db,
    secrets,
    pool: { docker: () => docker as unknown as Dockerode },
    servers,
  });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function newApp(projectId: string, name: string, extra: Record<string, unknown> = {}) {
  // the service validates (and applies the defaults) itself
  return mod.apps.create({ projectId, name, type: 'web', ...extra } as CreateAppInput);
}

function configVersion(appId: string): number {
  return (db.prepare('SELECT config_version AS v FROM apps WHERE id = ?').get(appId) as { v: number }).v;
}

const HOSTILE_NAMES = [
  "it's",
  'say"hi"',
  '$(id)',
  '`id`',
  'a;rm -rf /',
  'a\nb',
  'Web',
  'UPPER',
  'a'.repeat(64),
  '-web',
  'web-',
  'web_app',
  'web app',
  '../etc',
  '',
];

describe('names', () => {
  it.each(HOSTILE_NAMES)('rejects the project and app name %j', async (name) => {
    expect(createProjectInputSchema.safeParse({ name, serverId }).success).toBe(false);
    expect((await rejection(() => mod.projects.create({ name, serverId }))).code).toBe('invalid-input');
    const project = mod.projects.create({ name: 'shop', serverId });
    expect(createAppInputSchema.safeParse({ projectId: project.id, name, type: 'web' }).success).toBe(false);
    const error = await rejection(mod.apps.create({ projectId: project.id, name, type: 'web' } as never));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/lowercase letters, digits and hyphens/);
    const app = await newApp(project.id, 'web');
    expect((await rejection(mod.apps.update({ id: app.id, name }))).code).toBe('invalid-input');
    expect((await rejection(() => mod.projects.rename({ id: project.id, name }))).code).toBe('invalid-input');
    expect(db.prepare('SELECT name FROM apps').all()).toEqual([{ name: 'web' }]);
    expect(db.prepare('SELECT name FROM projects').all()).toEqual([{ name: 'shop' }]);
  });

  it('accepts 1 and 63 characters of lowercase letters, digits and inner hyphens', async () => {
    const project = mod.projects.create({ name: 'a', serverId });
    const long = 'a1-' + 'b'.repeat(60);
    expect(long).toHaveLength(63);
    expect((await newApp(project.id, long)).name).toBe(long);
    expect((await newApp(project.id, '9')).name).toBe('9');
  });
});

describe('projects', () => {
  it('needs an existing server and a unique name; lists with the app count', async () => {
    expect((await rejection(() => mod.projects.create({ name: 'shop', serverId: 'nope' }))).code).toBe('not-found');
    const shop = mod.projects.create({ name: 'shop', serverId });
    const error = await rejection(() => mod.projects.create({ name: 'shop', serverId }));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('A project named shop already exists.');
    await newApp(shop.id, 'web');
    await newApp(shop.id, 'worker');
    mod.projects.create({ name: 'blog', serverId });
    expect(mod.projects.list().map((p) => [p.name, p.appCount, p.serverId])).toEqual([
      ['blog', 0, serverId],
      ['shop', 2, serverId],
    ]);
    expect(mod.projects.resolve('shop').id).toBe(shop.id);
  });

  it('renames, refusing a taken name, and audits it', () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    mod.projects.create({ name: 'blog', serverId });
    expect(mod.projects.rename({ id: shop.id, name: 'store' }).name).toBe('store');
    expect(() => mod.projects.rename({ id: shop.id, name: 'blog' })).toThrow(/A project named blog already exists/);
    const entry = mod.audit.list({ limit: 10 }).find((e) => e.action === 'project.rename')!;
    expect(entry).toMatchObject({
      targetType: 'project',
      targetId: shop.id,
      before: { name: 'shop' },
      after: { name: 'store' },
    });
  });

  it('refuses to delete a project that holds apps, naming them', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    await newApp(shop.id, 'web');
    await newApp(shop.id, 'worker');
    const error = await rejection(mod.projects.delete({ id: shop.id }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/Project shop still holds the apps web, worker/);
    expect(mod.projects.list()).toHaveLength(1);
    expect(docker.removed).toEqual([]);
  });

  it('with removeApps deletes each app (container, secrets, rows) and then the project', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const web = await newApp(shop.id, 'web');
    const worker = await newApp(shop.id, 'worker', { type: 'service' });
    await mod.env.set(web.id, [{ key: 'TOKEN', value: 's3cr3t-token', secret: true }]);
    await mod.projects.delete({ id: shop.id, removeApps: true });
    expect(docker.removed.sort()).toEqual([`app-${web.id}`, `app-${worker.id}`].sort());
    expect(secrets.entries.size).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM apps').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM env_vars').get()).toEqual({ n: 0 });
    expect(mod.projects.list()).toEqual([]);
    const actions = mod.audit.list({ limit: 20 }).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['project.delete', 'app.delete', 'app.delete']);
  });

  it('deletes an empty project', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    await mod.projects.delete({ id: shop.id });
    expect(mod.projects.list()).toEqual([]);
    expect((await rejection(mod.projects.delete({ id: shop.id }))).code).toBe('not-found');
  });
});

describe('apps', () => {
  it('applies the defaults, the internal address and the server from the project', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web', { gitUrl: 'acme/shop' });
    expect(app).toMatchObject({
      projectId: shop.id,
      serverId,
      type: 'web',
      description: '',
      port: 3000,
      gitUrl: 'acme/shop',
      branch: 'main',
      dockerfilePath: './Dockerfile',
      rootDir: '/',
      cpuLimit: null,
      memoryMb: null,
      restartPolicy: 'unless-stopped',
      logRetention: { maxSizeMb: 50, maxFiles: 5 },
      internalAddress: `app-${app.id}:3000`,
      redeployPending: false,
    });
    expect(app.id).toMatch(/^[a-z0-9]+$/);
    expect(docker.info).not.toHaveBeenCalled(); // no limits: the server is not asked
    const record = mod.apps.record(app.id);
    expect(record).toMatchObject({
      projectName: 'shop',
      configVersion: 1,
      gitCloneUrl: 'https://github.com/acme/shop.git',
    });
    expect(mod.apps.get(app.id)).toEqual(app);
    expect(Object.keys(mod.apps.get(app.id))).not.toContain('configVersion');
    const updated = await mod.apps.update({ id: app.id, port: 8080 });
    expect(updated.internalAddress).toBe(`app-${app.id}:8080`);
  });

  it('keeps names unique per project (another project may reuse one)', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const blog = mod.projects.create({ name: 'blog', serverId });
    const web = await newApp(shop.id, 'web');
    const error = await rejection(newApp(shop.id, 'web'));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Project shop already has an app named web.');
    await expect(newApp(blog.id, 'web')).resolves.toMatchObject({ name: 'web', projectId: blog.id });
    await newApp(shop.id, 'api');
    expect((await rejection(mod.apps.update({ id: web.id, name: 'api' }))).code).toBe('conflict');
    expect(mod.apps.list(shop.id).map((a) => a.name)).toEqual(['api', 'web']);
    expect(mod.apps.list().map((a) => a.name)).toEqual(['web', 'api', 'web']); // by project name, then app
    expect((await rejection(() => mod.apps.list('missing'))).code).toBe('not-found');
  });

  it('resolves project/app paths for the CLI', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const web = await newApp(shop.id, 'web');
    expect(mod.apps.resolvePath('shop/web').id).toBe(web.id);
    expect(mod.apps.resolvePath(web.id).id).toBe(web.id);
    expect(() => mod.apps.resolvePath('shop/api')).toThrow('Project shop has no app named api.');
    expect(() => mod.apps.resolvePath('blog/web')).toThrow('No project named blog.');
    expect(() => mod.apps.resolvePath('shop')).toThrow(/Name an app as PROJECT\/APP/);
  });

  it('rejects hostile branches, paths and git URLs at the service too', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    for (const bad of [
      { branch: '-upload-pack=evil' },
      { branch: 'a b' },
      { branch: 'a\nb' },
      { dockerfilePath: '../../etc/passwd' },
      { dockerfilePath: '/abs/Dockerfile' },
      { rootDir: 'a/../../b' },
      { gitUrl: '--upload-pack=touch /tmp/x' },
      { gitUrl: 'https://host/repo.git id' },
      { gitUrl: 'https://host/repo\n.git' },
    ]) {
      const input = { projectId: shop.id, name: 'web', type: 'web', ...bad } as never;
      const error = await mod.apps.create(input).then(
        () => null,
        (e: unknown) => e as MistError,
      );
      expect(error?.code, JSON.stringify(bad)).toBe('invalid-input');
    }
    expect(mod.apps.list()).toEqual([]);
    // git URLs and branches are argv elements for the deploy pipeline, never shell text: what git itself
    // allows is kept verbatim (and quoted there)
    const app = await newApp(shop.id, 'web', { gitUrl: 'https://host/a;b/$(x).git', branch: 'fix;$(id)' });
    expect(mod.apps.record(app.id)).toMatchObject({ gitCloneUrl: 'https://host/a;b/$(x).git', branch: 'fix;$(id)' });
  });

  it('bumps config_version for changes a deploy applies, not for the description or name, and audits them', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    expect(configVersion(app.id)).toBe(1);
    await mod.apps.update({ id: app.id, description: 'the shop front' });
    await mod.apps.update({ id: app.id, name: 'front' });
    expect(configVersion(app.id)).toBe(1);
    await mod.apps.update({ id: app.id, port: 8080 }); // unchanged values are no change at all
    await mod.apps.update({ id: app.id, port: 8080, branch: 'main' });
    expect(configVersion(app.id)).toBe(2);
    await mod.apps.update({ id: app.id, branch: 'release', restartPolicy: 'always' });
    expect(configVersion(app.id)).toBe(3);

    const updates = mod.audit.list({ appId: app.id, limit: 50 }).filter((e) => e.action === 'app.update');
    expect(updates).toHaveLength(4);
    expect(updates[0]).toMatchObject({
      actor: userInfo().username,
      targetType: 'app',
      targetId: app.id,
      appId: app.id,
      before: { branch: 'main', restartPolicy: 'unless-stopped' },
      after: { branch: 'release', restartPolicy: 'always' },
    });
    expect(updates[0]!.summary).toBe('Changed branch, restartPolicy of shop/front.');
    expect(new Date(updates[0]!.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('keeps the log retention a redeploy applies and checks its range, for compose apps too', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    const updated = await mod.apps.update({ id: app.id, logMaxSizeMb: 10, logMaxFiles: 2 });
    expect(updated.logRetention).toEqual({ maxSizeMb: 10, maxFiles: 2 });
    expect(configVersion(app.id)).toBe(2);
    await expect(mod.apps.update({ id: app.id, logMaxSizeMb: 0 })).rejects.toThrow('a log file is at least 1 MB');
    await expect(mod.apps.update({ id: app.id, logMaxFiles: 21 })).rejects.toThrow('keep at most 20 log files');
    expect(mod.apps.get(app.id).logRetention).toEqual({ maxSizeMb: 10, maxFiles: 2 });
    // a compose app's services without a logging: of their own get it (compose-apps.test.ts)
    const stack = await newApp(shop.id, 'stack', { type: 'compose', gitUrl: 'acme/stack', logMaxFiles: 3 });
    expect(stack.logRetention).toEqual({ maxSizeMb: 50, maxFiles: 3 });
    const resized = await mod.apps.update({ id: stack.id, logMaxSizeMb: 20 });
    expect(resized.logRetention).toEqual({ maxSizeMb: 20, maxFiles: 3 });
    expect(configVersion(stack.id)).toBe(2);
  });

  it("keeps a web or service app's health check, checked; a new path is for the next deploy", async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    expect(app.healthCheck).toEqual({ path: null, timeoutS: 60 });
    const checked = await mod.apps.update({
      id: app.id,
      healthCheckPath: ' /health?ready=1 ',
      healthCheckTimeoutS: 15,
    });
    expect(checked.healthCheck).toEqual({ path: '/health?ready=1', timeoutS: 15 });
    expect(configVersion(app.id)).toBe(2); // Traefik's labels check the path too
    await mod.apps.update({ id: app.id, healthCheckTimeoutS: 20 });
    expect(configVersion(app.id)).toBe(2); // only the deploy waits longer
    await expect(mod.apps.update({ id: app.id, healthCheckPath: 'health' })).rejects.toThrow(
      'a health check path starts with / and has no spaces',
    );
    await expect(mod.apps.update({ id: app.id, healthCheckTimeoutS: 4 })).rejects.toThrow(
      'give the health check at least 5 seconds',
    );
    expect((await mod.apps.update({ id: app.id, healthCheckPath: null })).healthCheck).toEqual({
      path: null,
      timeoutS: 20,
    });
    const worker = await newApp(shop.id, 'worker', { type: 'service', healthCheckPath: '/ready' });
    expect(worker.healthCheck.path).toBe('/ready');
    await expect(
      newApp(shop.id, 'stack', { type: 'compose', gitUrl: 'acme/stack', healthCheckPath: '/health' }),
    ).rejects.toThrow('only web and service apps have an HTTP health check');
    const stack = await newApp(shop.id, 'stack', { type: 'compose', gitUrl: 'acme/stack' });
    await expect(mod.apps.update({ id: stack.id, healthCheckTimeoutS: 30 })).rejects.toThrow(
      'Only web and service apps have an HTTP health check; stack is a compose app.',
    );
  });

  it('says a redeploy is pending only when the active deployment deployed an older configuration', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    const deploy = (id: string, number: number, version: number, active: number) =>
      db
        .prepare(
          `INSERT INTO deployments (id, app_id, number, status, trigger, config_version, active, created_at)
           VALUES (?, ?, ?, 'success', 'manual', ?, ?, ?)`,
        )
        .run(id, app.id, number, version, active, new Date().toISOString());
    deploy('d1', 1, 1, 1);
    expect(mod.apps.get(app.id).redeployPending).toBe(false);
    await mod.apps.update({ id: app.id, port: 4000 });
    expect(mod.apps.get(app.id).redeployPending).toBe(true);
    await mod.env.set(app.id, [{ key: 'A', value: '1' }]);
    expect(configVersion(app.id)).toBe(3);
    deploy('d2', 2, 2, 0); // an older, inactive deployment changes nothing
    expect(mod.apps.get(app.id).redeployPending).toBe(true);
    db.prepare('UPDATE deployments SET active = 0').run();
    deploy('d3', 3, 3, 1);
    expect(mod.apps.get(app.id).redeployPending).toBe(false);
    await mod.apps.update({ id: app.id, description: 'words only' });
    expect(mod.apps.list()[0]!.redeployPending).toBe(false);
  });

  it('knows while a deploy of the app waits or runs (a rename leaves its checkout alone then)', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    const repo = new AppsRepo(db);
    const deployment = (status: string) =>
      db
        .prepare(
          `INSERT INTO deployments (id, app_id, number, status, trigger, config_version, active, created_at)
           VALUES (?, ?, 1, ?, 'manual', 1, 0, ?)`,
        )
        .run('d1', app.id, status, new Date().toISOString());
    expect(repo.isDeploying(app.id)).toBe(false);
    deployment('building');
    expect(repo.isDeploying(app.id)).toBe(true);
    for (const status of ['pending', 'deploying', 'success', 'failed', 'cancelled']) {
      db.prepare('UPDATE deployments SET status = ? WHERE id = ?').run(status, 'd1');
      expect(repo.isDeploying(app.id), status).toBe(status === 'pending' || status === 'deploying');
    }
  });
});

describe('CPU and memory limits', () => {
  it('accepts limits within the server and refuses more cores or memory than it has, saving nothing', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web', { cpuLimit: 0.5, memoryMb: 512 });
    expect(app).toMatchObject({ cpuLimit: 0.5, memoryMb: 512 });
    expect(docker.info).toHaveBeenCalledTimes(1);

    const cpu = await rejection(newApp(shop.id, 'api', { cpuLimit: 6 }));
    expect(cpu.code).toBe('invalid-input');
    expect(cpu.message).toBe('The CPU limit 6 is more than box has: 4 CPU cores. Choose at most 4.');
    const memory = await rejection(mod.apps.update({ id: app.id, memoryMb: 9000 }));
    expect(memory.message).toBe('The memory limit 9000 MB is more than box has: 8192 MB. Choose at most 8192 MB.');
    expect(mod.apps.get(app.id).memoryMb).toBe(512);
    expect(mod.apps.list()).toHaveLength(1);

    await mod.apps.update({ id: app.id, cpuLimit: 4, memoryMb: 8192 });
    await mod.apps.update({ id: app.id, cpuLimit: null });
    expect(mod.apps.get(app.id)).toMatchObject({ cpuLimit: null, memoryMb: 8192 });
    expect(docker.info).toHaveBeenCalledTimes(4); // clearing a limit does not ask the server
    expect((await rejection(newApp(shop.id, 'tiny', { memoryMb: 64 }))).message).toMatch(/at least 128 MB/);
    expect((await rejection(newApp(shop.id, 'tiny', { cpuLimit: 0.05 }))).message).toMatch(/at least 0.1/);
  });

  it('says clearly when the server cannot be reached, and saves nothing', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    docker.info.mockRejectedValueOnce(
      new MistError('host-unreachable', 'Could not reach 127.0.0.1:22: connection refused'),
    );
    const error = await rejection(newApp(shop.id, 'web', { cpuLimit: 1 }));
    expect(error.code).toBe('host-unreachable');
    expect(error.message).toBe(
      'Could not read the CPU cores and memory of box to check the limits: Could not reach 127.0.0.1:22: connection refused. Nothing was saved.',
    );
    expect(mod.apps.list()).toEqual([]);
    expect(mod.audit.list({ limit: 10 }).map((e) => e.action)).toEqual(['project.create']);
  });
});

describe('a server whose connection dropped', () => {
  function reconnecting(attempt: number) {
    return {
      docker: () => docker as unknown as Dockerode,
      connection: () =>
        ({
          state: {
            serverId,
            status: 'reconnecting',
            reason: { code: 'host-unreachable', message: 'Could not connect to 127.0.0.1:22: connection refused' },
            attempt,
            channels: 0,
            since: Date.now(),
          },
        }) as never,
    };
  }

  it('is reported at once (no waiting through the reconnect backoff), saving and deleting nothing', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    const offline = createAppModule({ db, secrets, pool: reconnecting(3), servers: new ServersRepo(db) });
    const limits = await rejection(offline.apps.update({ id: app.id, cpuLimit: 1 }));
    expect(limits.code).toBe('host-unreachable');
    expect(limits.message).toBe(
      'Could not read the CPU cores and memory of box to check the limits: the SSH connection to box dropped and is ' +
        'being re-established, attempt 3 (last error: Could not connect to 127.0.0.1:22: connection refused). Nothing was saved.',
    );
    const removal = await rejection(offline.apps.delete(app.id));
    expect(removal.message).toMatch(/^Could not remove the container app-\w+ of shop\/web on box: the SSH connection/);
    expect(removal.message).toMatch(/The app was kept; nothing was deleted\.$/);
    expect(docker.info).not.toHaveBeenCalled();
    expect(docker.getContainer).not.toHaveBeenCalled();
    expect(mod.apps.get(app.id).cpuLimit).toBeNull();
  });

  it('asks once more when a kept-alive socket hung up and the connection is back', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    docker.info.mockRejectedValueOnce(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await expect(newApp(shop.id, 'web', { cpuLimit: 2 })).resolves.toMatchObject({ cpuLimit: 2 });
    expect(docker.info).toHaveBeenCalledTimes(2);
  });
});

describe('deleting an app', () => {
  it('removes its container, its keychain secrets, then its rows (deployments cascade)', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    await mod.env.set(app.id, [
      { key: 'TOKEN', value: 'tok-123', secret: true },
      { key: 'PLAIN', value: 'p' },
    ]);
    db.prepare(
      `INSERT INTO deployments (id, app_id, number, status, trigger, config_version, active, created_at)
       VALUES ('d1', ?, 1, 'success', 'manual', 1, 1, 'now')`,
    ).run(app.id);
    db.prepare(
      `INSERT INTO deployment_logs (deployment_id, seq, stream, text, at) VALUES ('d1', 1, 'system', 'x', 'now')`,
    ).run();
    await mod.apps.delete(app.id);
    expect(docker.getContainer).toHaveBeenCalledWith(`app-${app.id}`);
    expect(docker.removed).toEqual([`app-${app.id}`]);
    expect(secrets.entries.size).toBe(0);
    for (const table of ['apps', 'env_vars', 'deployments', 'deployment_logs']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    const entry = mod.audit.list({ appId: app.id, limit: 1 })[0]!;
    expect(entry).toMatchObject({ action: 'app.delete', summary: 'Deleted app shop/web and its container.' });
    expect((await rejection(mod.apps.delete(app.id))).code).toBe('not-found');
  });

  it('is fine when there is no container (404)', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    docker.removeResult = { statusCode: 404, message: '(HTTP code 404) no such container' };
    await mod.apps.delete(app.id);
    expect(mod.apps.list()).toEqual([]);
  });

  it('keeps the app and says why when the container cannot be removed', async () => {
    const shop = mod.projects.create({ name: 'shop', serverId });
    const app = await newApp(shop.id, 'web');
    await mod.env.set(app.id, [{ key: 'TOKEN', value: 'tok-123', secret: true }]);
    docker.removeResult = { statusCode: 500, message: '(HTTP code 500) server error - driver failed' };
    const error = await rejection(mod.apps.delete(app.id));
    expect(error.code).toBe('docker-error');
    expect(error.message).toBe(
      `Could not remove the container app-${app.id} of shop/web on box: (HTTP code 500) server error - driver failed. The app was kept; nothing was deleted.`,
    );
    expect(mod.apps.list()).toHaveLength(1);
    expect(secrets.entries.size).toBe(1);
    expect(mod.env.list(app.id)).toHaveLength(1);
  });
});

describe('the API handlers', () => {
  it('bind every channel to the services', async () => {
    const h = mod.handlers;
    const project = await h['projects.create']({ name: 'shop', serverId });
    const app = await h['apps.create'](
      createAppInputSchema.parse({ projectId: project.id, name: 'web', type: 'service' }),
    );
    expect(await h['apps.list']({ projectId: project.id })).toHaveLength(1);
    expect((await h['apps.update']({ id: app.id, port: 5000 })).port).toBe(5000);
    expect((await h['apps.get']({ appId: app.id })).port).toBe(5000);
    expect(
      await h['env.set']({ appId: app.id, vars: [{ key: 'K', value: 'v', secret: true, scope: 'both' }] }),
    ).toEqual([expect.objectContaining({ key: 'K', value: null, secret: true })]);
    expect(await h['env.reveal']({ appId: app.id, key: 'K' })).toEqual({ value: 'v' });
    expect(await h['env.import']({ appId: app.id, dotenv: 'A=1\nbad line', secret: false, scope: 'both' })).toEqual({
      imported: 1,
      errors: [{ line: 2, message: 'expected KEY=value' }],
    });
    expect(await h['env.list']({ appId: app.id })).toHaveLength(2);
    expect(await h['env.delete']({ appId: app.id, key: 'A' })).toEqual({ removed: true });
    expect((await h['projects.rename']({ id: project.id, name: 'store' })).name).toBe('store');
    expect((await h['projects.list']({}))[0]!.appCount).toBe(1);
    expect(await h['apps.delete']({ appId: app.id, removeVolume: false })).toEqual({ removed: true });
    expect(await h['projects.delete']({ id: project.id, removeApps: false })).toEqual({ removed: true });
    const audit = await h['audit.list']({ limit: 100 });
    expect(audit.map((e) => e.action).reverse()).toEqual([
      'project.create',
      'app.create',
      'app.update',
      'env.set',
      'env.reveal',
      'env.import',
      'env.delete',
      'project.rename',
      'app.delete',
      'project.delete',
    ]);
    expect(await h['audit.list']({ appId: app.id, limit: 2 })).toHaveLength(2);
  });
});
