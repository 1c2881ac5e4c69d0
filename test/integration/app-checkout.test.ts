import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkoutDir } from '../../src/main/core/deploy/remote-git';
import type { AppDto } from '../../src/shared/dto/app';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { waitForDeployment } from '../support/deploy-helpers';
import type { TestCore } from '../support/test-core';

describeIntegration(
  "an app's checkout on the server follows a rename and goes with the app",
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let core: TestCore;
    let app: AppDto;

    const deploy = async () =>
      waitForDeployment(core, (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id);
    const logOf = async (deploymentId: string) =>
      (await core.handlers['deployments.log']({ deploymentId })).map((line) => line.text).join('\n');

    beforeAll(async () => {
      fixture = await createAppOnTestServer({ projectPrefix: 'checkout', appName: 'web', type: 'web' });
      ({ core, app } = fixture);
      const first = await deploy();
      if (first.status !== 'success') throw new Error(`the first deploy failed: ${first.error}`);
    }, 120_000);

    afterAll(async () => {
      await fixture?.dispose();
    }, 60_000);

    it('a rename moves the checkout, so the next deploy fetches instead of cloning again', async () => {
      const before = checkoutDir(app.projectId, 'web');
      expect(existsSync(`${before}/.git`)).toBe(true);
      app = await core.handlers['apps.update']({ id: app.id, name: 'storefront' });
      const after = checkoutDir(app.projectId, 'storefront');
      expect(existsSync(before)).toBe(false);
      expect(existsSync(`${after}/.git`)).toBe(true);
      const redeploy = await deploy();
      expect(redeploy.status, redeploy.error ?? '').toBe('success');
      expect(await logOf(redeploy.id)).not.toMatch(/Cloning into/);
    });

    it('deleting the app removes its checkout on the server', async () => {
      const dir = checkoutDir(app.projectId, app.name);
      expect(existsSync(dir)).toBe(true);
      await core.handlers['apps.delete']({ appId: app.id, removeVolume: false });
      expect(existsSync(dir)).toBe(false);
      const [entry] = await core.handlers['audit.list']({ limit: 1 });
      expect(entry?.summary).toBe(`Deleted app ${fixture.project.name}/storefront, its container and its checkout.`);
    });
  },
);
