import { join } from 'node:path';
import Dockerode from 'dockerode';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { WebShell } from '../../src/main/web/web-shell';
import { describeIntegration } from '../fixtures/integration';
import { buildRedisImage, removeRedisImage } from '../fixtures/redis-image';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { serverInput } from '../support/server-input';
import {
  RESULTS_DIR,
  inPage,
  removeAppContainer,
  startE2eShell,
  submitNewAppForm,
  waitForDeploymentSuccess,
  type E2eShell,
} from './e2e-helpers';

/**
 * A database app in real Chromium, through the web shell, against the real core, the test sshd and
 * the local Docker engine: pick the Redis template and a version in the new-app dialog, deploy it
 * (the stages are resolve → pull → deploy), then reveal and copy its connection string, whose
 * password is the one the keychain holds. Screenshot: test-results/e2e-database.png.
 */

const PROJECT_NAME = 'e2e-db';
const APP_NAME = 'cache';
const DEPLOY_TIMEOUT_MS = 120_000;
const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

describeIntegration(
  'e2e: create a database app from the template picker, deploy it, reveal and copy its connection string',
  ['sshd', 'docker', 'chromium', 'keychain', 'root'],
  () => {
    let e2e: E2eShell | undefined;
    let sshd: TestSshd;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    let images: string[] = [];
    let projectId = '';

    beforeAll(async () => {
      [sshd, images] = await Promise.all([startTestSshd(), buildRedisImage(['7.2'])]);
      e2e = await startE2eShell({ name: 'db' });
      ({ core, shell, browser } = e2e);
      const server = await core.servers.add(serverInput(sshd, { name: 'e2e-db-server' }));
      projectId = (await core.handlers['projects.create']({ name: PROJECT_NAME, serverId: server.id })).id;
    }, 300_000);

    afterAll(async () => {
      const apps = projectId ? await Promise.resolve(core.handlers['apps.list']({ projectId })).catch(() => []) : [];
      for (const app of apps) {
        await removeAppContainer(app.id);
        if (app.database)
          await local
            .getVolume(app.database.volumeName)
            .remove()
            .catch(() => {});
      }
      await e2e?.close();
      await sshd?.stop();
      await removeRedisImage(images);
    });

    it('creates, deploys, reveals and copies', async () => {
      await inPage(browser, 'light', 'database', async (page, problems) => {
        await page
          .context()
          .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(shell.url).origin });
        await page.goto(`${shell.url}#/projects/${projectId}`);
        await page.getByRole('heading', { level: 1, name: PROJECT_NAME }).waitFor();

        await page.getByRole('button', { name: 'New app', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `New app in ${PROJECT_NAME}` });
        await dialog.getByRole('radio', { name: 'Database' }).check();
        await dialog.getByLabel('Name', { exact: true }).fill(APP_NAME);
        // the picker: a card per template; choosing one selects its default version
        await dialog.getByRole('radiogroup', { name: 'Database template' }).getByText('Redis', { exact: true }).click();
        const version = dialog.getByLabel('Version', { exact: true });
        expect(await version.inputValue()).toBe('7.4');
        await version.selectOption('7.2');
        await dialog.getByTestId('template-defaults').filter({ hasText: 'Runs redis:7.2 on port 6379' }).waitFor();
        expect(await dialog.getByTestId('template-defaults').textContent()).toContain('0.5 CPU and 512 MB');
        // publishing warns; leave it off
        await dialog.getByLabel('Publish the database port on the server').check();
        await dialog.getByTestId('publish-warning').filter({ hasText: 'Publishing opens port 6379' }).waitFor();
        await dialog.getByLabel('Publish the database port on the server').uncheck();
        await submitNewAppForm(page, dialog, APP_NAME);
        const [app] = await core.handlers['apps.list']({ projectId });
        expect(app?.database).toMatchObject({ templateId: 'redis', tag: '7.2', publishPort: false });
        const tabs = await page.getByRole('tab').allTextContents();
        expect(tabs).toEqual([
          'Overview',
          'Deployments',
          'Logs',
          'Shell',
          'General',
          'Database',
          'Resources',
          'Environment',
          'Activity',
        ]);

        await page.getByRole('button', { name: 'Deploy', exact: true }).click();
        await waitForDeploymentSuccess(page, 1, DEPLOY_TIMEOUT_MS);
        const stages = await page
          .locator('ol.stages > li')
          .evaluateAll((items) =>
            items.map((item) => `${item.getAttribute('data-stage')}:${item.getAttribute('data-state')}`),
          );
        expect(stages).toEqual(['queued:done', 'resolve:done', 'pull:done', 'deploy:done']);

        await page.getByRole('tab', { name: 'Overview' }).click();
        const uri = page.getByTestId('connection-URI');
        await uri.filter({ hasText: `redis://default:••••••••@app-${app!.id}:6379/0` }).waitFor();
        const password = (await core.handlers['env.reveal']({ appId: app!.id, key: 'REDISCLI_AUTH' })).value;
        const full = `redis://default:${password}@app-${app!.id}:6379/0`;

        // Copy puts the whole string on the clipboard without showing the password
        await page.getByRole('button', { name: 'Copy URI' }).click();
        await page.getByRole('button', { name: 'Copy URI' }).filter({ hasText: 'Copied' }).waitFor();
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(full);
        expect(await uri.textContent()).not.toContain(password);

        await page.getByRole('button', { name: 'Reveal password' }).click();
        await uri.filter({ hasText: full }).waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-database.png'), fullPage: true });
        await page.getByRole('button', { name: 'Hide password' }).click();
        await uri.filter({ hasText: '••••••••' }).waitFor();
        expect(problems).toEqual([]);
      });
    }, 300_000);
  },
);
