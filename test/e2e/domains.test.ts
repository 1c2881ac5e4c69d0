import { join } from 'node:path';
import Dockerode from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { WebShell } from '../../src/main/web/web-shell';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import {
  RESULTS_DIR,
  addServerThroughUi,
  createProjectAndAppThroughUi,
  inPage,
  openServer,
  removeAppContainer,
  startE2eShell,
  waitForDeploymentSuccess,
  type E2eShell,
} from './e2e-helpers';

/**
 * Domains in real Chromium, through the web shell, against the real core, the test sshd, the local
 * Docker engine and the fixture repository: deploy a web app, add a domain (validated as typed),
 * apply it (the container is recreated with Traefik labels, no build runs), and check its DNS: a
 * .test name has no record, so it is pending and the instruction names the server's address.
 * Screenshot: test-results/e2e-domains.png.
 */

const SERVER_NAME = 'e2e-domains-server';
const PROJECT_NAME = 'e2e-domains';
const APP_NAME = 'web';
const DOMAIN = 'shop.example.test';
const DEPLOY_TIMEOUT_MS = 180_000;
const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

describeIntegration(
  'e2e: add a domain to a web app, apply it and see its DNS status in Chromium',
  ['sshd', 'docker', 'chromium', 'keychain', 'root'],
  () => {
    let e2e: E2eShell | undefined;
    let sshd: TestSshd;
    let repo: FixtureRepo;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    let port: number;
    let appId: string | null = null;

    beforeAll(async () => {
      [sshd, repo, port] = await Promise.all([startTestSshd(), createFixtureRepo(), findFreePort()]);
      e2e = await startE2eShell({ name: 'domains' });
      ({ core, shell, browser } = e2e);
    }, 300_000);

    afterAll(async () => {
      await e2e?.close();
      if (appId) await removeAppContainer(appId, `mist/${PROJECT_NAME}-${APP_NAME}`);
      await Promise.all([sshd?.stop(), repo?.remove()]);
    });

    async function createProjectAndApp(page: Page): Promise<void> {
      await createProjectAndAppThroughUi(page, PROJECT_NAME, {
        name: APP_NAME,
        port,
        gitUrl: repo.url,
        branch: 'main',
      });
      const apps = await core.handlers['apps.list']({});
      appId = apps[0]!.id;
      // The fixture app listens on $PORT.
      await core.handlers['env.set']({
        appId,
        vars: [{ key: 'PORT', value: String(port), secret: false, scope: 'runtime' }],
      });
    }

    async function deploy(page: Page): Promise<void> {
      await page.getByRole('button', { name: 'Deploy', exact: true }).click();
      await waitForDeploymentSuccess(page, 1, DEPLOY_TIMEOUT_MS);
    }

    it('adds a domain, applies it without a build, and shows its DNS status pending', async () => {
      await inPage(browser, 'light', 'domains', async (page, problems) => {
        await page.goto(shell.url);
        await addServerThroughUi(page, sshd, SERVER_NAME);
        await createProjectAndApp(page);
        await deploy(page);

        await page.getByRole('tab', { name: 'Domains' }).click();
        await page.getByRole('heading', { level: 2, name: 'Domains' }).waitFor();
        await page.getByText('No domains yet.').waitFor();

        // Instant validation with the shared rule; nothing is saved.
        const field = page.getByLabel('Domain', { exact: true });
        await field.fill('shop_1.example.test');
        await page.getByText(/may only hold letters, digits and inner hyphens/).waitFor();
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        await page.getByRole('button', { name: 'Add domain', exact: true }).click();
        expect(await core.handlers['domains.list']({ appId: appId! })).toEqual([]);

        await field.fill(DOMAIN);
        await page.getByText(/may only hold letters/).waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Add domain', exact: true }).click();
        const row = page.locator(`tr.domain-row[data-host="${DOMAIN}"]`);
        await row.getByRole('rowheader', { name: DOMAIN }).waitFor();
        expect(await field.inputValue()).toBe('');
        expect(await row.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(`https://${DOMAIN}/`);
        expect(await row.getByRole('link', { name: 'Open' }).getAttribute('target')).toBe('_blank');

        // Apply: the container is recreated with the labels from the same image — no new deployment.
        const containerBefore = await local.getContainer(`app-${appId}`).inspect();
        await page.getByRole('button', { name: 'Apply domains', exact: true }).click();
        await page
          .getByTestId('apply-result')
          .filter({ hasText: /recreated from the same image without a rebuild/ })
          .waitFor({ timeout: 120_000 });
        const containerAfter = await local.getContainer(`app-${appId}`).inspect();
        expect(containerAfter.Id).not.toBe(containerBefore.Id);
        expect(containerAfter.Config.Image).toBe(containerBefore.Config.Image);
        expect(containerAfter.Config.Labels?.['traefik.enable']).toBe('true');
        expect(Object.values(containerAfter.Config.Labels ?? {}).join('\n')).toContain(`Host(\`${DOMAIN}\`)`);
        expect(await core.handlers['deployments.list']({ appId: appId! })).toHaveLength(1);

        // DNS: no record exists for a .test name, so it is pending, with the record to create.
        await page.getByRole('button', { name: 'Check DNS', exact: true }).click();
        const dns = page.locator(`li[data-host="${DOMAIN}"]`);
        await dns.getByTestId('dns-status').filter({ hasText: 'Pending' }).waitFor({ timeout: 60_000 });
        expect(await dns.getAttribute('data-dns-status')).toBe('pending');
        const instructions = (await dns.getByTestId('dns-instructions').textContent()) ?? '';
        expect(instructions).toContain(DOMAIN);
        expect(instructions).toContain('127.0.0.1');
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-domains.png'), fullPage: true });

        // Remove after a confirm.
        await row.getByRole('button', { name: 'Remove', exact: true }).click();
        await row.getByRole('button', { name: `Remove ${DOMAIN}`, exact: true }).click();
        await row.waitFor({ state: 'detached' });
        await page.getByText('No domains yet.').waitFor();
        expect(await core.handlers['domains.list']({ appId: appId! })).toEqual([]);
        expect(problems).toEqual([]);
      });
    }, 400_000);
    it('shows the Traefik settings on the server page and asks for the ACME email before preparing', async () => {
      await inPage(browser, 'dark', 'traefik', async (page, problems) => {
        await page.goto(shell.url);
        await openServer(page, SERVER_NAME);
        const traefik = page.getByRole('region', { name: 'Traefik' });
        expect(await traefik.getByTestId('acme-email').textContent()).toBe('not set');
        await traefik.getByRole('button', { name: 'Prepare server', exact: true }).click();
        await traefik.getByText("Let's Encrypt needs an email address.").waitFor();
        await traefik.getByLabel('ACME email', { exact: true }).fill('ops@');
        await traefik.getByText('The ACME email must be an email address.').waitFor();
        await traefik.getByLabel('Wildcard domain', { exact: true }).fill('apps_x.example.test');
        await traefik.getByText(/may only hold letters, digits and inner hyphens/).waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-traefik-dark.png'), fullPage: true });
        expect((await core.handlers['servers.list']({}))[0]).toMatchObject({ acmeEmail: null, wildcardDomain: null });
        expect(problems).toEqual([]);
      });
    }, 120_000);
  },
);
