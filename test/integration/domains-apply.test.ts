import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto } from '../../src/shared/dto/app';
import { traefikLabels } from '../../src/shared/traefik-labels';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { waitForDeployment } from '../support/deploy-helpers';
import type { TestCore } from '../support/test-core';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

/** Handlers may throw before returning a promise; the API session awaits them either way. */
async function call<T>(run: () => T | Promise<T>): Promise<T> {
  return run();
}

function traefikOnly(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith('traefik.')));
}

describeIntegration(
  'domains: Traefik labels on the container, applied without a rebuild',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let core: TestCore;
    let app: AppDto;
    let suffix: string;

    beforeAll(async () => {
      fixture = await createAppOnTestServer({
        projectPrefix: 'dom',
        appName: 'web',
        type: 'web',
        prepareServer: (c, server) =>
          c.db.prepare('UPDATE servers SET wildcard_domain = ? WHERE id = ?').run('apps.example.test', server.id),
      });
      ({ core, app } = fixture);
      suffix = fixture.project.name.slice('dom-'.length);
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('a new web app gets its automatic domain from the server wildcard', async () => {
      const domains = await core.handlers['domains.list']({ appId: app.id });
      expect(domains).toEqual([expect.objectContaining({ host: `dom-${suffix}-web.apps.example.test`, auto: true })]);
    });

    it('a compose app gets its automatic domain when it first makes a service public', async () => {
      const stack = await core.handlers['apps.create']({
        projectId: fixture.project.id,
        name: 'stack',
        type: 'compose',
        gitUrl: fixture.repo.url,
      } as never);
      expect(await core.handlers['domains.list']({ appId: stack.id })).toEqual([]);
      await core.handlers['apps.update']({ id: stack.id, publicService: 'web', publicPort: 8080 });
      expect(await core.handlers['domains.list']({ appId: stack.id })).toEqual([
        expect.objectContaining({ host: `dom-${suffix}-stack.apps.example.test`, auto: true }),
      ]);
      // making another service public keeps the domain, and adds none
      await core.handlers['apps.update']({ id: stack.id, publicService: null });
      await core.handlers['apps.update']({ id: stack.id, publicService: 'api', publicPort: 3000 });
      expect((await core.handlers['domains.list']({ appId: stack.id })).map((d) => d.host)).toEqual([
        `dom-${suffix}-stack.apps.example.test`,
      ]);
      await core.handlers['apps.delete']({ appId: stack.id, removeVolume: false });
    });

    it('a deployed web app with domains carries exactly the Traefik labels and publishes no host port', async () => {
      await core.handlers['domains.add']({ appId: app.id, host: 'Shop.Example.test' });
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('success');
      const info = await local.getContainer(`app-${app.id}`).inspect();
      const hosts = [`dom-${suffix}-web.apps.example.test`, 'shop.example.test'];
      expect(traefikOnly(info.Config.Labels)).toEqual(traefikLabels({ appId: app.id, domains: hosts, port: app.port }));
      expect(info.HostConfig.PortBindings ?? {}).toEqual({});
      // right after the deploy, the certificate each domain presents is checked and logged (no
      // Traefik answers on this test server's port 443, so it says so rather than staying silent)
      const log = (await core.handlers['deployments.log']({ deploymentId: done.id })).map((l) => l.text);
      expect(log).toContainEqual(expect.stringMatching(/^Certificate for shop\.example\.test: UNREACHABLE — /));
    });

    it('a domain change applies without a build: same image, no new deployment, new labels', async () => {
      const before = await local.getContainer(`app-${app.id}`).inspect();
      const deploymentsBefore = await core.handlers['deployments.list']({ appId: app.id });
      // this app's images only: other test files build images at the same time
      const appImages = async () =>
        (await local.listImages({ filters: { reference: [`mist/${fixture.project.name}-web`] } })).length;
      const imagesBefore = await appImages();
      await core.handlers['domains.remove']({ appId: app.id, host: 'shop.example.test' });
      await core.handlers['domains.add']({ appId: app.id, host: 'bücher.example.test' });
      const status = await core.handlers['domains.apply']({ appId: app.id });
      expect(status.status).toBe('running');

      const after = await local.getContainer(`app-${app.id}`).inspect();
      expect(after.Id).not.toBe(before.Id); // recreated…
      expect(after.Image).toBe(before.Image); // …from the same image
      expect(await core.handlers['deployments.list']({ appId: app.id })).toHaveLength(deploymentsBefore.length);
      expect(await appImages()).toBe(imagesBefore);
      expect(imagesBefore).toBeGreaterThan(0);
      expect(after.Config.Labels['traefik.http.routers.app-' + app.id + '.rule']).toBe(
        `Host(\`dom-${suffix}-web.apps.example.test\`) || Host(\`xn--bcher-kva.example.test\`)`,
      );
      const audit = await core.handlers['audit.list']({ appId: app.id, limit: 20 });
      expect(audit[0]).toMatchObject({ action: 'domain.apply' });
    });

    it('without domains the web app publishes its port again', async () => {
      for (const domain of await core.handlers['domains.list']({ appId: app.id })) {
        await core.handlers['domains.remove']({ appId: app.id, host: domain.host });
      }
      await core.handlers['domains.apply']({ appId: app.id });
      const info = await local.getContainer(`app-${app.id}`).inspect();
      expect(Object.keys(info.HostConfig.PortBindings ?? {})).toEqual([`${app.port}/tcp`]);
      expect(traefikOnly(info.Config.Labels)).toEqual({});
    });

    it('refuses invalid domains and a domain another app already has', async () => {
      const other = await core.handlers['apps.create']({
        projectId: app.projectId,
        name: 'other',
        type: 'web',
        gitUrl: fixture.repo.url,
      } as never);
      await core.handlers['domains.add']({ appId: app.id, host: 'taken.example.test' });
      await expect(
        call(() => core.handlers['domains.add']({ appId: other.id, host: 'TAKEN.example.test' })),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining(`dom-${suffix}/web`),
      });
      for (const bad of [
        'has space.example',
        'a_b.example',
        `${'x'.repeat(64)}.example`,
        '$(id).example',
        'a;b.example',
      ]) {
        await expect(
          call(() => core.handlers['domains.add']({ appId: other.id, host: bad })),
          bad,
        ).rejects.toMatchObject({
          code: 'invalid-input',
        });
      }
    });
  },
);
