import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDto } from '../../src/shared/dto/app';
import {
  BROKEN_BRANCH,
  BROKEN_BUILD_MESSAGE,
  FIXTURE_APP_DIR,
  indexHtmlWithVersion,
  type FixtureRepo,
} from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { httpGet, waitForDeployment, waitForStatus } from '../support/deploy-helpers';
import type { TestCore } from '../support/test-core';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const SECRET = 'sup3r-s3cret-token-value';

describeIntegration(
  'deploy pipeline: clone, build and run on the server',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let repo: FixtureRepo;
    let core: TestCore;
    let app: AppDto;
    let port: number;

    beforeAll(async () => {
      fixture = await createAppOnTestServer({
        projectPrefix: 'deploy',
        appName: 'web',
        type: 'web',
        withBrokenBranch: true,
        settings: { branch: 'main', cpuLimit: 0.5, memoryMb: 256, restartPolicy: 'on-failure' },
      });
      ({ repo, core, app, port } = fixture);
      await core.handlers['env.set']({
        appId: app.id,
        vars: [
          { key: 'BUILD_GREETING', value: 'hello from the build', scope: 'build' },
          { key: 'RUNTIME_ONLY', value: 'runtime value', scope: 'runtime' },
          { key: 'SECRET_TOKEN', value: SECRET, secret: true, scope: 'both' },
        ],
      } as never);
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('deploys a web app: name, network, env, labels, limits, image tag = commit, and it answers', async () => {
      const started = await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' });
      expect(started).toMatchObject({ number: 1, status: 'pending' });
      const done = await waitForDeployment(core, started.id);
      const log = await core.handlers['deployments.log']({ deploymentId: started.id });
      expect(done.status, log.map((l) => l.text).join('\n')).toBe('success');
      const head = await repo.head();
      expect(done.commitHash).toBe(head);
      expect(done.stages.map((s) => s.stage)).toEqual(['queued', 'resolve', 'fetch', 'build', 'deploy']);
      expect(done.stages.every((s) => s.durationMs !== null && s.durationMs >= 0)).toBe(true);
      expect(done.active).toBe(true);

      const info = await local.getContainer(`app-${app.id}`).inspect();
      expect(info.Name).toBe(`/app-${app.id}`);
      expect(Object.keys(info.NetworkSettings.Networks)).toEqual(['traefik-net']);
      expect(info.Config.Env).toEqual(
        expect.arrayContaining(['RUNTIME_ONLY=runtime value', `SECRET_TOKEN=${SECRET}`, `PORT=${port}`]),
      );
      expect(info.Config.Env.some((e) => e.startsWith('BUILD_GREETING='))).toBe(false); // build scope only
      expect(info.Config.Labels).toMatchObject({
        'mist.app': app.id,
        'mist.deployment': started.id,
        'mist.commit': head,
      });
      expect(info.HostConfig.RestartPolicy?.Name).toBe('on-failure');
      expect(info.HostConfig.NanoCpus).toBe(500_000_000);
      expect(info.HostConfig.Memory).toBe(256 * 1024 * 1024);
      // bounded on disk: Docker's local driver, rotated (not json-file growing without end)
      expect(info.HostConfig.LogConfig).toEqual({ Type: 'local', Config: { 'max-size': '50m', 'max-file': '5' } });
      expect(info.Config.Image).toMatch(new RegExp(`^mist/deploy-[a-z0-9]+-web:${head}$`));

      expect((await httpGet(port, '/build.txt')).body.trim()).toBe('hello from the build');
      expect((await httpGet(port, '/env.txt')).body).toContain('RUNTIME_ONLY=runtime value');
    });

    it('a redeploy after a new commit is number 2, reuses the checkout, and the old container is gone', async () => {
      const before = await local.getContainer(`app-${app.id}`).inspect();
      // the app's log retention changed since: the new container has it
      await core.handlers['apps.update']({ id: app.id, logMaxSizeMb: 20, logMaxFiles: 3 });
      const commit = await repo.commit({ 'www/index.html': indexHtmlWithVersion(2) }, 'version 2');
      const started = await core.handlers['deploy.start']({ appId: app.id, trigger: 'cli' });
      const done = await waitForDeployment(core, started.id);
      expect(done).toMatchObject({ number: 2, status: 'success', commitHash: commit, commitMessage: 'version 2' });
      const log = (await core.handlers['deployments.log']({ deploymentId: started.id })).map((l) => l.text).join('\n');
      expect(log).not.toMatch(/Cloning into/); // fetched, not cloned again
      await expect(local.getContainer(before.Id).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
      expect((await local.getContainer(`app-${app.id}`).inspect()).HostConfig.LogConfig).toEqual({
        Type: 'local',
        Config: { 'max-size': '20m', 'max-file': '3' },
      });
      const history = await core.handlers['deployments.list']({ appId: app.id });
      expect(history.map((d) => [d.number, d.active])).toEqual([
        [2, true],
        [1, false],
      ]);
    });

    it('a broken Dockerfile fails with the Docker error in its log, and the previous container keeps serving', async () => {
      await core.handlers['apps.update']({ id: app.id, branch: BROKEN_BRANCH } as never);
      const started = await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' });
      const done = await waitForDeployment(core, started.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/docker build failed/);
      const log = (await core.handlers['deployments.log']({ deploymentId: started.id })).map((l) => l.text).join('\n');
      expect(log).toContain(BROKEN_BUILD_MESSAGE);
      expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
      await core.handlers['apps.update']({ id: app.id, branch: 'main' } as never);
    });

    it('a container that crashes on start fails the deploy with its exit code and output; the old one serves on', async () => {
      const before = await repo.head();
      await repo.commit(
        { Dockerfile: 'FROM mist-test/busybox:latest\nCMD ["sh", "-c", "echo boom-on-start; exit 7"]\n' },
        'crash on start',
      );
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/exited with code 7/);
      expect(done.error).toContain('boom-on-start');
      expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
      const original = readFileSync(join(FIXTURE_APP_DIR, 'Dockerfile'), 'utf8');
      await repo.commit({ Dockerfile: original }, `back to ${before.slice(0, 7)}`);
    });

    it('a missing branch is a clear error', async () => {
      await core.handlers['apps.update']({ id: app.id, branch: 'no-such-branch' } as never);
      const started = await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' });
      const done = await waitForDeployment(core, started.id);
      expect(done.status).toBe('failed');
      expect(done.error).toBe(`The branch "no-such-branch" does not exist in ${repo.url}.`);
      await core.handlers['apps.update']({ id: app.id, branch: 'main' } as never);
    });

    it('cancel during the build: cancelled, and the previous container keeps serving', async () => {
      await repo.commit(
        { Dockerfile: 'FROM mist-test/busybox:latest\nRUN sleep 30\nCMD ["sleep","1"]\n' },
        'slow build',
      );
      const started = await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' });
      await waitForStatus(core, started.id, ['building']);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // well into `RUN sleep 30`
      await core.handlers['deploy.cancel']({ deploymentId: started.id });
      const done = await waitForDeployment(core, started.id, 20_000);
      expect(done.status).toBe('cancelled');
      expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
    });

    it('a second deploy of the same app waits for the first; a build that prints a secret has it redacted', async () => {
      const original = readFileSync(join(FIXTURE_APP_DIR, 'Dockerfile'), 'utf8');
      const leaky = original.replace(
        'ARG BUILD_GREETING=unset',
        `ARG BUILD_GREETING=unset\nARG SECRET_TOKEN\nRUN echo "run ${Date.now()}: the token is $SECRET_TOKEN"`,
      );
      await repo.commit({ Dockerfile: leaky }, 'print the token during the build');
      const first = await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' });
      const second = await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' });
      expect((await core.handlers['deployments.get']({ deploymentId: second.id })).status).toBe('pending');
      const [a, b] = [await waitForDeployment(core, first.id), await waitForDeployment(core, second.id)];
      expect([a.status, b.status]).toEqual(['success', 'success']);
      expect(b.number).toBe(a.number + 1);
      expect(Date.parse(b.stages.find((s) => s.stage === 'resolve')!.startedAt)).toBeGreaterThanOrEqual(
        Date.parse(a.finishedAt!),
      );
      const log = (await core.handlers['deployments.log']({ deploymentId: first.id })).map((l) => l.text).join('\n');
      expect(log).toContain('the token is ••••••');
      expect(log).not.toContain(SECRET);
    });

    it('hostile values pass through quoted, never executed; hostile settings are refused', async () => {
      const hostile = `$(touch /tmp/mist-pwned-env) \`touch /tmp/mist-pwned-tick\`; echo "x" 'y' && rm -rf /nonexistent\nsecond line`;
      await repo.commit(
        { Dockerfile: readFileSync(join(FIXTURE_APP_DIR, 'Dockerfile'), 'utf8') },
        'restore the Dockerfile',
      );
      await core.handlers['env.set']({
        appId: app.id,
        vars: [
          { key: 'HOSTILE', value: hostile, scope: 'both' },
          { key: 'BUILD_GREETING', value: hostile, scope: 'build' },
        ],
      } as never);
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('success');
      expect((await httpGet(port, '/build.txt')).body).toBe(`${hostile}\n`);
      const pwned = await Promise.all(
        ['/tmp/mist-pwned-env', '/tmp/mist-pwned-tick'].map((f) => import('node:fs').then((fs) => fs.existsSync(f))),
      );
      expect(pwned).toEqual([false, false]);
      for (const bad of [
        { branch: 'main; touch /tmp/x' },
        { branch: '--upload-pack=touch /tmp/x' },
        { dockerfilePath: '../../etc/passwd' },
        { rootDir: '/../..' },
        { gitUrl: '--upload-pack=touch /tmp/x' },
        { name: 'web; rm -rf /' },
      ]) {
        await expect(
          core.handlers['apps.update']({ id: app.id, ...bad } as never),
          JSON.stringify(bad),
        ).rejects.toMatchObject({ code: 'invalid-input' });
      }
      await expect(
        core.handlers['env.set']({ appId: app.id, vars: [{ key: 'BAD KEY$(id)', value: 'x' }] } as never),
      ).rejects.toMatchObject({ code: 'invalid-input' });
    });

    describe('secrets', () => {
      it('never appear in SQLite, stored logs, error messages or the audit log', async () => {
        const db = core.db;
        const tables = (
          db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
        ).map((t) => t.name);
        for (const table of tables) {
          const rows = JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all());
          expect(rows, `table ${table}`).not.toContain(SECRET);
        }
        const audit = await core.handlers['audit.list']({ appId: app.id, limit: 1000 });
        expect(JSON.stringify(audit)).not.toContain(SECRET);
      });
    });
  },
);
