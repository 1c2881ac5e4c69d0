import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppModule } from '../../src/main/core/apps/app-module';
import type { ServerDto } from '../../src/shared/dto/server';
import { MistError } from '../../src/shared/errors';
import type { CreateAppInput } from '../../src/shared/schemas/app';
import { BASE_IMAGE, dockerCli } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';

async function rejection(promise: Promise<unknown>): Promise<MistError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MistError);
  return error as MistError;
}

describeIntegration(
  'apps: projects, app settings and env vars on a real server',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let sshd: TestSshd;
    let core: TestCore;
    let server: ServerDto;
    let mod: AppModule;
    let cores: number;
    let memoryMb: number;

    beforeAll(async () => {
      sshd = await startTestSshd();
      core = await createTestCore();
      server = await core.servers.add(serverInput(sshd));
      mod = core.apps;
      const info = await dockerCli(['info', '--format', '{{.NCPU}} {{.MemTotal}}']);
      const [ncpu, memTotal] = info.stdout.trim().split(' ').map(Number) as [number, number];
      cores = ncpu;
      memoryMb = Math.floor(memTotal / 1024 / 1024);
    });

    afterAll(async () => {
      if (mod)
        for (const project of mod.projects.list()) await mod.projects.delete({ id: project.id, removeApps: true });
      await core?.dispose();
      await sshd?.stop();
    });

    it('checks CPU and memory limits against the real server, refusing more cores than it has', async () => {
      const project = mod.projects.create({ name: 'limits', serverId: server.id });
      const app = await mod.apps.create({
        projectId: project.id,
        name: 'web',
        type: 'web',
        cpuLimit: 0.5,
        memoryMb: 256,
      } as CreateAppInput);
      expect(app).toMatchObject({
        cpuLimit: 0.5,
        memoryMb: 256,
        serverId: server.id,
        internalAddress: `app-${app.id}:3000`,
      });

      const tooMany = await rejection(mod.apps.update({ id: app.id, cpuLimit: cores + 1 }));
      expect(tooMany.code).toBe('invalid-input');
      expect(tooMany.message).toBe(
        `The CPU limit ${cores + 1} is more than test-server has: ${cores} CPU core${cores === 1 ? '' : 's'}. Choose at most ${cores}.`,
      );
      const tooMuch = await rejection(
        mod.apps.create({
          projectId: project.id,
          name: 'big',
          type: 'service',
          memoryMb: memoryMb + 1,
        } as CreateAppInput),
      );
      expect(tooMuch.message).toBe(
        `The memory limit ${memoryMb + 1} MB is more than test-server has: ${memoryMb} MB. Choose at most ${memoryMb} MB.`,
      );
      expect(mod.apps.list(project.id).map((a) => [a.name, a.cpuLimit])).toEqual([['web', 0.5]]);
      await expect(mod.apps.update({ id: app.id, cpuLimit: cores })).resolves.toMatchObject({ cpuLimit: cores });
    });

    it('keeps a secret env value in the real keychain and nowhere in SQLite', async () => {
      const project = mod.projects.create({ name: 'secrets', serverId: server.id });
      const app = await mod.apps.create({ projectId: project.id, name: 'api', type: 'service' } as CreateAppInput);
      const secret = `real-keychain-secret-${process.pid}-${Date.now()}`;
      await mod.env.set(app.id, [
        { key: 'API_TOKEN', value: secret, secret: true },
        { key: 'LOG_LEVEL', value: 'debug' },
      ]);
      const ref = `app/${app.id}/env/API_TOKEN`;
      expect(await core.secrets.get(ref)).toBe(secret);
      expect(mod.env.list(app.id).find((v) => v.key === 'API_TOKEN')).toMatchObject({ value: null, secret: true });
      expect(await mod.env.reveal(app.id, 'API_TOKEN')).toBe(secret);
      expect(await mod.env.resolved(app.id, 'runtime')).toContainEqual({
        key: 'API_TOKEN',
        value: secret,
        secret: true,
      });

      const tables = core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{
        name: string;
      }>;
      for (const { name } of tables) {
        expect(JSON.stringify(core.db.prepare(`SELECT * FROM "${name}"`).all()), name).not.toContain(secret);
      }
      await mod.apps.delete(app.id); // no container: fine; the keychain entry goes with the app
      expect(await core.secrets.get(ref)).toBeNull();
    });

    it('deleting an app removes its container app-{id} on the server', async () => {
      const project = mod.projects.create({ name: 'running', serverId: server.id });
      const app = await mod.apps.create({ projectId: project.id, name: 'web', type: 'web' } as CreateAppInput);
      const docker = core.pool.docker(server.id);
      const container = await docker.createContainer({
        name: `app-${app.id}`,
        Image: BASE_IMAGE,
        Cmd: ['sleep', '3600'],
        Labels: { 'mist.test': 'apps-settings' },
      });
      await container.start();
      expect((await dockerCli(['inspect', '--format', '{{.State.Running}}', `app-${app.id}`])).stdout.trim()).toBe(
        'true',
      );

      const refused = await rejection(mod.projects.delete({ id: project.id }));
      expect(refused.code).toBe('conflict');
      await mod.projects.delete({ id: project.id, removeApps: true });
      const inspect = await dockerCli(['inspect', `app-${app.id}`]);
      expect(inspect.code).not.toBe(0);
      expect(inspect.stderr).toMatch(/No such (object|container)/i);
      expect(mod.projects.list().map((p) => p.name)).not.toContain('running');
      expect(mod.audit.list({ appId: app.id, limit: 1 })[0]).toMatchObject({ action: 'app.delete' });
    });

    it('says clearly when the server cannot be reached to check limits, and saves nothing', async () => {
      const other = await startTestSshd();
      try {
        // a password (kept in the keychain) rather than a key file the fixture deletes when it stops
        const gone = await core.servers.add(
          serverInput(other, {
            name: 'gone-server',
            auth: { kind: 'password', password: other.users.docker.password },
          }),
        );
        const project = mod.projects.create({ name: 'offline', serverId: gone.id });
        await other.stop();
        const started = Date.now();
        const error = await rejection(
          mod.apps.create({ projectId: project.id, name: 'web', type: 'web', cpuLimit: 1 } as CreateAppInput),
        );
        expect(error.code, error.message).toBe('host-unreachable');
        expect(error.message).toMatch(
          /^Could not read the CPU cores and memory of gone-server to check the limits: .+ Nothing was saved\.$/,
        );
        expect(Date.now() - started).toBeLessThan(40_000);
        expect(mod.apps.list(project.id)).toEqual([]);
        // without limits the server is not needed
        const app = await mod.apps.create({ projectId: project.id, name: 'web', type: 'web' } as CreateAppInput);
        expect(app.name).toBe('web');
        // deleting needs the server (to remove the container): refused, and the app is kept
        const kept = await rejection(mod.apps.delete(app.id));
        expect(kept.message).toMatch(
          /^Could not remove the container app-\w+ of offline\/web on gone-server: .+ The app was kept; nothing was deleted\.$/,
        );
        expect(mod.apps.list(project.id)).toHaveLength(1);
        core.db.prepare('DELETE FROM apps WHERE project_id = ?').run(project.id);
        core.db.prepare('DELETE FROM projects WHERE id = ?').run(project.id);
      } finally {
        await other.stop();
      }
    });
  },
);
