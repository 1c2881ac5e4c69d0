import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto, ProjectDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { demuxToText } from '../../src/main/core/deploy/container-replace';
import { databasePath } from '../../src/main/core/paths';
import { describeIntegration } from '../fixtures/integration';
import { buildRedisImage, removeRedisImage } from '../fixtures/redis-image';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { removeProjectContainers, waitForDeployment } from '../support/deploy-helpers';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

/** Runs redis-cli inside the app's container (authenticated by the container's REDISCLI_AUTH). */
async function redisCli(appId: string, args: string[], env: string[] = []): Promise<string> {
  const exec = await local.getContainer(`app-${appId}`).exec({
    Cmd: ['redis-cli', '--no-auth-warning', ...args],
    Env: env,
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return demuxToText(Buffer.concat(chunks)).trim();
}

async function volumeExists(name: string): Promise<boolean> {
  return local
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

describeIntegration(
  'database apps: a real Redis from Debian packages, deployed from the template',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let sshd: TestSshd;
    let core: TestCore;
    let server: ServerDto;
    let project: ProjectDto;
    let app: AppDto;
    let password: string;
    let images: string[] = [];
    const volumes = new Set<string>();

    const deploy = async (appId: string) => {
      const started = await core.handlers['deploy.start']({ appId, trigger: 'manual' });
      return waitForDeployment(core, started.id);
    };

    beforeAll(async () => {
      [sshd, images] = await Promise.all([startTestSshd(), buildRedisImage(['7.4', '7.2'])]);
      core = await createTestCore();
      server = await core.servers.add(serverInput(sshd));
      project = await core.handlers['projects.create']({ name: `db-${Date.now().toString(36)}`, serverId: server.id });
      app = await core.handlers['apps.create']({
        projectId: project.id,
        name: 'cache',
        type: 'database',
        template: 'redis',
      } as never);
      volumes.add(app.database!.volumeName);
    }, 180_000);

    afterAll(async () => {
      await removeProjectContainers(project?.id);
      for (const name of volumes)
        await local
          .getVolume(name)
          .remove()
          .catch(() => {});
      await core?.dispose();
      await sshd?.stop();
      await removeRedisImage(images);
    });

    it('is created from the template: its port, version, volume, resources and a generated secret', async () => {
      expect(app).toMatchObject({ type: 'database', port: 6379, cpuLimit: 0.5, memoryMb: 512, gitUrl: null });
      expect(app.database).toEqual({
        templateId: 'redis',
        tag: '7.4',
        volumeName: `mist-${app.id}-data`,
        publishPort: false,
      });
      const env = await core.handlers['env.list']({ appId: app.id });
      expect(env).toEqual([
        expect.objectContaining({ key: 'REDISCLI_AUTH', secret: true, value: null, scope: 'runtime' }),
      ]);
      password = (await core.handlers['env.reveal']({ appId: app.id, key: 'REDISCLI_AUTH' })).value;
      expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    });

    it('deploys: pull falls back to the server’s copy, the volume holds /data, the container is limited', async () => {
      const done = await deploy(app.id);
      const log = (await core.handlers['deployments.log']({ deploymentId: done.id })).map((l) => l.text).join('\n');
      expect(done.status, log).toBe('success');
      expect(done.image).toBe('redis:7.4');
      expect(done.stages.map((s) => s.stage)).toEqual(['queued', 'resolve', 'pull', 'deploy']);
      expect(log).toMatch(/Could not pull redis:7\.4/);
      expect(log).toMatch(/Using the copy already on the server/);
      expect(log).toMatch(/The database is ready/);

      const info = await local.getContainer(`app-${app.id}`).inspect();
      expect(info.Mounts).toEqual([
        expect.objectContaining({ Type: 'volume', Name: `mist-${app.id}-data`, Destination: '/data' }),
      ]);
      expect(info.HostConfig.NanoCpus).toBe(0.5e9);
      expect(info.HostConfig.Memory).toBe(512 * 1024 * 1024);
      expect(info.HostConfig.PortBindings ?? {}).toEqual({});
      expect(info.Config.Healthcheck?.Test).toEqual(['CMD', 'sh', '-c', 'redis-cli ping | grep -q PONG']);
      expect(info.Config.Labels).toMatchObject({ 'mist.app': app.id, 'mist.template': 'redis' });
      expect((await local.getVolume(`mist-${app.id}-data`).inspect()).Labels).toMatchObject({
        'mist.template': 'redis',
        'mist.app': app.id,
      });
    });

    it('the generated password is the one the server accepts', async () => {
      expect(await redisCli(app.id, ['SET', 'greeting', 'hello from mist'])).toBe('OK');
      expect(await redisCli(app.id, ['GET', 'greeting'], [`REDISCLI_AUTH=not-the-password`])).toMatch(
        /WRONGPASS|NOAUTH|AUTH/,
      );
      expect(await redisCli(app.id, ['-a', password, 'GET', 'greeting'], ['REDISCLI_AUTH='])).toBe('hello from mist');
    });

    it('keeps the data across a redeploy, a restart, and a tag change within the major version', async () => {
      const before = (await local.getContainer(`app-${app.id}`).inspect()).Id;
      const redeploy = await deploy(app.id);
      expect(redeploy.status).toBe('success');
      expect(redeploy.number).toBe(2);
      expect((await local.getContainer(`app-${app.id}`).inspect()).Id).not.toBe(before);
      expect(await local.listContainers({ all: true, filters: { label: [`mist.app=${app.id}`] } })).toHaveLength(1);
      expect(await redisCli(app.id, ['GET', 'greeting'])).toBe('hello from mist');

      await core.handlers['apps.control']({ appId: app.id, action: 'restart' });
      await expect.poll(() => redisCli(app.id, ['GET', 'greeting']), { timeout: 15_000 }).toBe('hello from mist');

      const updated = await core.handlers['apps.update']({ id: app.id, version: '7.2' });
      expect(updated.database?.tag).toBe('7.2');
      expect(updated.redeployPending).toBe(true);
      const retagged = await deploy(app.id);
      expect(retagged.status).toBe('success');
      expect(retagged.image).toBe('redis:7.2');
      expect(await redisCli(app.id, ['GET', 'greeting'])).toBe('hello from mist');
      // no rollback to the older tag: its image might not read the data the newer one wrote
      const rollback = Promise.resolve().then(() => core.handlers['deploy.rollback']({ deploymentId: redeploy.id }));
      await expect(rollback).rejects.toThrow(
        'is a database app: an older image could not read newer data. Choose its version in its settings instead.',
      );
    });

    it('refuses a major version change and an unknown version, naming why', async () => {
      await expect(core.handlers['apps.update']({ id: app.id, version: '8.0' })).rejects.toThrow(/major version/);
      await expect(core.handlers['apps.update']({ id: app.id, version: '9.9' })).rejects.toThrow(/Pick one of: 6\.2/);
      expect((await core.handlers['apps.get']({ appId: app.id })).database?.tag).toBe('7.2');
    });

    it('shows connection strings with the password masked, revealed on demand', async () => {
      const masked = await core.handlers['databases.connectionInfo']({ appId: app.id, reveal: false });
      expect(masked).toMatchObject({ host: `app-${app.id}`, port: 6379, publishedPort: null, revealed: false });
      expect(masked.strings).toEqual([{ label: 'URI', value: `redis://default:••••••••@app-${app.id}:6379/0` }]);
      const revealed = await core.handlers['databases.connectionInfo']({ appId: app.id, reveal: true });
      expect(revealed.strings[0]!.value).toBe(`redis://default:${password}@app-${app.id}:6379/0`);
    });

    it('the password is in no SQLite file, no stored log and no audit entry', async () => {
      const dbFile = databasePath(core.dataDir);
      for (const file of [dbFile, `${dbFile}-wal`]) {
        if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(password)), file).toBe(false);
      }
      for (const deployment of await core.handlers['deployments.list']({ appId: app.id })) {
        const log = await core.handlers['deployments.log']({ deploymentId: deployment.id });
        expect(log.some((line) => line.text.includes(password))).toBe(false);
        expect(deployment.error ?? '').not.toContain(password);
      }
      expect(JSON.stringify(await core.handlers['audit.list']({ limit: 1000 }))).not.toContain(password);
    });

    it('deleting keeps the volume by default; a new app of the same template re-attaches it with its data', async () => {
      const volume = app.database!.volumeName;
      await core.handlers['apps.delete']({ appId: app.id, removeVolume: false });
      expect(await volumeExists(volume)).toBe(true);
      const kept = await core.handlers['databases.volumes']({ serverId: server.id, template: 'redis' });
      expect(kept).toContainEqual(expect.objectContaining({ name: volume, templateId: 'redis', inUseBy: null }));

      await expect(
        core.handlers['apps.create']({
          projectId: project.id,
          name: 'wrong',
          type: 'database',
          template: 'postgres',
          attachVolume: volume,
        } as never),
      ).rejects.toThrow(/holds redis data/);
      expect((await core.handlers['apps.list']({ projectId: project.id })).map((a) => a.name)).toEqual([]);

      // the old password must come along: the data (and redis' requirepass) belong to it
      const again = await core.handlers['apps.create']({
        projectId: project.id,
        name: 'cache-again',
        type: 'database',
        template: 'redis',
        attachVolume: volume,
        env: { REDISCLI_AUTH: password },
      } as never);
      expect(again.database?.volumeName).toBe(volume);
      const done = await deploy(again.id);
      expect(done.status).toBe('success');
      expect(await redisCli(again.id, ['GET', 'greeting'])).toBe('hello from mist');

      await core.handlers['apps.delete']({ appId: again.id, removeVolume: true });
      expect(await volumeExists(volume)).toBe(false);
      const audit = await core.handlers['audit.list']({ limit: 20 });
      expect(audit.map((entry) => entry.summary).join('\n')).toMatch(new RegExp(`and its data volume ${volume}`));
    });

    it('a new container that cannot start rolls back to the old one, which keeps serving', async () => {
      const db = await core.handlers['apps.create']({
        projectId: project.id,
        name: 'rollback',
        type: 'database',
        template: 'redis',
      } as never);
      volumes.add(db.database!.volumeName);
      expect((await deploy(db.id)).status).toBe('success');
      expect(await redisCli(db.id, ['SET', 'k', 'still here'])).toBe('OK');
      const serving = (await local.getContainer(`app-${db.id}`).inspect()).Id;

      // the user's own redis template (it replaces the built-in one) with a directive redis refuses
      const builtin = JSON.parse(readFileSync(join(process.cwd(), 'templates', 'redis.json'), 'utf8'));
      const custom = join(core.dataDir, 'templates');
      mkdirSync(custom, { recursive: true });
      writeFileSync(
        join(custom, 'redis.json'),
        JSON.stringify({
          ...builtin,
          command: ['redis-server', '--requirepass', '{{password}}', '--no-such-directive', 'yes'],
        }),
      );
      try {
        const failed = await deploy(db.id);
        const log = (await core.handlers['deployments.log']({ deploymentId: failed.id })).map((l) => l.text).join('\n');
        expect(failed.status, log).toBe('failed');
        expect(failed.error).toMatch(/exited with code 1/);
        expect(log).toMatch(/Restarted the previous container/);
        const info = await local.getContainer(`app-${db.id}`).inspect();
        expect(info.Id).toBe(serving);
        expect(info.State.Running).toBe(true);
        await expect.poll(() => redisCli(db.id, ['GET', 'k']), { timeout: 15_000 }).toBe('still here');
      } finally {
        rmSync(join(custom, 'redis.json'), { force: true });
      }
    });
  },
);
