import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto, AppStatusDto } from '../../src/shared/dto/app';
import { DeploymentsRepo } from '../../src/main/core/store/deployments-repo';
import { findFreePort } from '../fixtures/free-port';
import type { FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { until, waitForDeployment } from '../support/deploy-helpers';
import type { TestCore } from '../support/test-core';
import { collectingSink } from '../support/collecting-sink';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

describeIntegration(
  'running apps: controls, live status from Docker events, reconcile',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let core: TestCore;
    let app: AppDto;
    let repo: FixtureRepo;

    beforeAll(async () => {
      fixture = await createAppOnTestServer({ projectPrefix: 'rt', appName: 'svc', type: 'service' });
      ({ core, app, repo } = fixture);
      expect((await core.handlers['apps.status']({ appId: app.id })).status).toBe('not-deployed');
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('success');
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('a service publishes no host port', async () => {
      const info = await local.getContainer(`app-${app.id}`).inspect();
      expect(info.HostConfig.PortBindings ?? {}).toEqual({});
    });

    it('usage: what the running container uses (CPU while it is busy, memory); nothing once stopped', async () => {
      const container = local.getContainer(`app-${app.id}`);
      const busy = await container.exec({ Cmd: ['sh', '-c', 'timeout 5 sh -c "while :; do :; done"'] });
      await busy.start({ Detach: true });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const usage = await core.handlers['apps.usage']({ appId: app.id });
      expect(usage.appId).toBe(app.id);
      expect(usage.containers).toHaveLength(1);
      const [sample] = usage.containers;
      expect(sample).toMatchObject({ containerId: (await container.inspect()).Id, service: null });
      // a shell loop keeps a core busy when it has one; other tests share the machine, so only "clearly not idle"
      expect(sample!.cpuPercent).toBeGreaterThan(5);
      expect(sample!.memoryBytes).toBeGreaterThan(100_000);
      expect(sample!.memoryLimitBytes).toBeGreaterThan(sample!.memoryBytes);
      expect(Date.now() - Date.parse(sample!.at)).toBeLessThan(60_000);

      await core.handlers['apps.control']({ appId: app.id, action: 'stop' });
      expect(await core.handlers['apps.usage']({ appId: app.id })).toEqual({ appId: app.id, containers: [] });
      await core.handlers['apps.control']({ appId: app.id, action: 'start' });
    });

    it('stop, start and restart change the container and the status', async () => {
      expect(await core.handlers['apps.control']({ appId: app.id, action: 'stop' })).toMatchObject({
        status: 'stopped',
        containerState: 'exited',
      });
      expect((await local.getContainer(`app-${app.id}`).inspect()).State.Running).toBe(false);
      expect(await core.handlers['apps.control']({ appId: app.id, action: 'start' })).toMatchObject({
        status: 'running',
      });
      const before = (await local.getContainer(`app-${app.id}`).inspect()).State.StartedAt;
      expect(await core.handlers['apps.control']({ appId: app.id, action: 'restart' })).toMatchObject({
        status: 'running',
      });
      expect((await local.getContainer(`app-${app.id}`).inspect()).State.StartedAt).not.toBe(before);
      const audit = await core.handlers['audit.list']({ appId: app.id, limit: 50 });
      expect(audit.map((e) => e.action)).toEqual(
        expect.arrayContaining(['app.stop', 'app.start', 'app.restart', 'deploy.success']),
      );
    });

    it('streams status changes made outside Mist, from Docker events (not polling)', async () => {
      const { received, sink } = collectingSink<AppStatusDto>();
      const stop = core.handlers['apps.statusWatch']({}, sink);
      try {
        await until(() => received.some((s) => s.appId === app.id && s.status === 'running'), 'the first snapshot');
        await local.getContainer(`app-${app.id}`).stop({ t: 1 }); // by hand, on the server
        await until(() => received.at(-1)?.status === 'stopped', 'a stopped status from the events stream');
        await local.getContainer(`app-${app.id}`).start();
        await until(() => received.at(-1)?.status === 'running', 'a running status from the events stream');
      } finally {
        stop();
      }
    });

    it('counts how often Docker restarted the container under its restart policy', async () => {
      const name = `app-${app.id}`;
      const before = (await core.handlers['apps.status']({ appId: app.id })).restartCount;
      expect(before).toBe((await local.getContainer(name).inspect()).RestartCount);
      // the app's process dies (killed from the host, as a crash would end it, not by Docker): its
      // restart policy (unless-stopped) has Docker start it again
      process.kill((await local.getContainer(name).inspect()).State.Pid, 'SIGKILL');
      await until(
        async () => ((await core.handlers['apps.status']({ appId: app.id })).restartCount ?? 0) > before!,
        'a restart counted',
        20_000,
      );
      await until(async () => (await core.handlers['apps.status']({ appId: app.id })).status === 'running', 'running');
    });

    it('follows an app created after the status stream began', async () => {
      const { received, sink } = collectingSink<AppStatusDto>();
      const stop = core.handlers['apps.statusWatch']({}, sink);
      const port = await findFreePort();
      const later = await core.handlers['apps.create']({
        projectId: app.projectId,
        name: 'later',
        type: 'service',
        port,
        gitUrl: repo.url,
      } as never);
      try {
        await core.handlers['env.set']({
          appId: later.id,
          vars: [{ key: 'PORT', value: String(port), scope: 'runtime' }],
        } as never);
        const done = await waitForDeployment(
          core,
          (await core.handlers['deploy.start']({ appId: later.id, trigger: 'manual' })).id,
        );
        expect(done.status).toBe('success');
        await until(() => received.some((s) => s.appId === later.id && s.status === 'running'), 'the new app running');
        await local.getContainer(`app-${later.id}`).stop({ t: 1 });
        await until(
          () => received.filter((s) => s.appId === later.id).at(-1)?.status === 'stopped',
          'the new app stopped',
        );
      } finally {
        stop();
        await local
          .getContainer(`app-${later.id}`)
          .remove({ force: true })
          .catch(() => {});
      }
    });

    it('a container removed by hand shows the app stopped', async () => {
      const info = await local.getContainer(`app-${app.id}`).inspect();
      await local.getContainer(`app-${app.id}`).remove({ force: true });
      expect((await core.handlers['apps.status']({ appId: app.id })).status).toBe('stopped');
      // put it back as it was for the next test: recreate it from the same image and labels
      await local.createContainer({
        name: `app-${app.id}`,
        Image: info.Config.Image,
        Env: info.Config.Env,
        Labels: info.Config.Labels,
        HostConfig: { NetworkMode: 'traefik-net' },
      });
      await local.getContainer(`app-${app.id}`).start();
    });

    it('reconcile settles deployments a crash left half-way against the labels on the server', async () => {
      const repoDeployments = new DeploymentsRepo(core.db);
      const active = repoDeployments.active(app.id)!;
      // crash after the container started but before it was recorded…
      core.db.prepare("UPDATE deployments SET status = 'deploying', active = 0 WHERE id = ?").run(active.id);
      // …and a deployment that never got its container
      const lost = repoDeployments.create({ id: 'lostdeploy01', appId: app.id, trigger: 'manual', configVersion: 1 });
      core.db.prepare("UPDATE deployments SET status = 'building' WHERE id = ?").run(lost.id);

      expect(await core.deploys.reconcile()).toBe(2);
      expect(repoDeployments.get(active.id)).toMatchObject({ status: 'success', active: true });
      expect(repoDeployments.get(lost.id)).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/^Interrupted/),
      });
    });
  },
);
