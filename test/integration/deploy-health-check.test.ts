import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto } from '../../src/shared/dto/app';
import { indexHtmlWithVersion, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { httpGet, waitForDeployment } from '../support/deploy-helpers';
import { rejection } from '../support/rejection';
import type { TestCore } from '../support/test-core';

describeIntegration(
  'deploy health check: GET a path of the new container over SSH',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let core: TestCore;
    let app: AppDto;
    let repo: FixtureRepo;
    let port: number;

    const deploy = async () =>
      waitForDeployment(core, (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id);
    const logOf = async (deploymentId: string) =>
      (await core.handlers['deployments.log']({ deploymentId })).map((line) => line.text);

    beforeAll(async () => {
      fixture = await createAppOnTestServer({
        projectPrefix: 'health',
        appName: 'web',
        type: 'web',
        settings: { healthCheckPath: '/index.html', healthCheckTimeoutS: 20 },
      });
      ({ core, app, repo, port } = fixture);
    }, 120_000);

    afterAll(async () => {
      await fixture?.dispose();
    }, 60_000);

    it('a container that answers 2xx passes, and the deploy says after how long', async () => {
      expect(app.healthCheck).toEqual({ path: '/index.html', timeoutS: 20 });
      const done = await deploy();
      expect(done.status, done.error ?? '').toBe('success');
      const log = await logOf(done.id);
      expect(log).toContain(`Health check: GET /index.html on port ${port}, for up to 20 s…`);
      expect(log.find((line) => line.startsWith('Health check passed'))).toMatch(
        /^Health check passed: \/index\.html answered 200 after [\d.]+ m?s\.$/,
      );
      // the check ran before the old container (none here) would have been removed, and before success
      expect(log.findIndex((line) => line.startsWith('Health check passed'))).toBeLessThan(
        log.findIndex((line) => line.endsWith('is running.')),
      );
      expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version');
    });

    it('a path the new container does not serve fails the deploy; the previous container serves on', async () => {
      await core.handlers['apps.update']({ id: app.id, healthCheckPath: '/no-such-page', healthCheckTimeoutS: 5 });
      await repo.commit({ 'www/index.html': indexHtmlWithVersion(2) }, 'version 2');
      const before = await core.handlers['deployments.list']({ appId: app.id });
      const failed = await deploy();
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(
        new RegExp(
          `^Health check failed: GET /no-such-page on port ${port} got no 2xx or 3xx answer within 5 s \\(last: it answered 404\\)\\. ` +
            'The new container was removed; the one before it, if any, serves on\\. Its last output:\\n',
        ),
      );
      expect((await httpGet(port, '/')).body).not.toContain('mist-fixture-app version 2');
      const active = (await core.handlers['deployments.list']({ appId: app.id })).find((d) => d.active);
      expect(active?.id).toBe(before.find((d) => d.active)?.id);
      const log = (await logOf(failed.id)).join('\n');
      expect(log).toContain('Restarted the previous container');
    }, 60_000);

    it('a port nothing listens on: the check says there was no connection, and the app serves on', async () => {
      const wrongPort = port + 1;
      await core.handlers['apps.update']({ id: app.id, healthCheckPath: '/index.html', port: wrongPort });
      const failed = await deploy();
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(
        new RegExp(
          `^Health check failed: GET /index\\.html on port ${wrongPort} got no 2xx or 3xx answer within 5 s \\(last: no connection to port ${wrongPort} \\(.+\\)\\)\\. `,
        ),
      );
      expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version');
      await core.handlers['apps.update']({ id: app.id, port });
    }, 60_000);

    it('a path is checked as typed; null turns the check off', async () => {
      const spaced = await rejection(() =>
        core.handlers['apps.update']({ id: app.id, healthCheckPath: '/with space' }),
      );
      expect(spaced.message).toMatch(/a health check path starts with \/ and has no spaces/);
      const off = await core.handlers['apps.update']({ id: app.id, healthCheckPath: null });
      expect(off.healthCheck).toEqual({ path: null, timeoutS: 5 });
      const done = await deploy();
      expect(done.status, done.error ?? '').toBe('success');
      expect((await logOf(done.id)).some((line) => line.startsWith('Health check'))).toBe(false);
      expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
    }, 60_000);
  },
);
