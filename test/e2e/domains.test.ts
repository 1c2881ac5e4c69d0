import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { startWebShell, type WebShell } from '../../src/main/web/web-shell';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { CHROMIUM_ARGS, RENDERER_DIR, RESULTS_DIR, ensureRendererBuild, inPage } from './e2e-helpers';

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
    let home: TempDir;
    let sshd: TestSshd;
    let repo: FixtureRepo;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    let port: number;
    let appId: string | null = null;

    beforeAll(async () => {
      ensureRendererBuild();
      mkdirSync(RESULTS_DIR, { recursive: true });
      home = makeTempDir('mist-e2e-domains-home');
      [sshd, repo, port] = await Promise.all([startTestSshd(), createFixtureRepo(), findFreePort()]);
      const knownHostsPath = join(home.path, 'known_hosts');
      writeFileSync(knownHostsPath, '');
      core = await createCore({
        home: home.path,
        shell: 'web',
        keychainService: 'mist-desktop-e2e',
        knownHostsPath,
        sshConfigPath: join(home.path, 'ssh_config'),
      });
      shell = await startWebShell({ core, rendererDir: RENDERER_DIR, port: 0 });
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await shell?.close();
      await core?.close();
      if (appId) {
        await local
          .getContainer(`app-${appId}`)
          .remove({ force: true })
          .catch(() => {});
        const images = await local
          .listImages({ filters: { reference: [`mist/${PROJECT_NAME}-${APP_NAME}`] } })
          .catch(() => []);
        for (const image of images)
          await local
            .getImage(image.Id)
            .remove({ force: true })
            .catch(() => {});
      }
      await Promise.all([sshd?.stop(), repo?.remove()]);
      home?.cleanup();
    });

    async function addServer(page: Page): Promise<void> {
      await page.getByRole('button', { name: 'Add server', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add server' });
      await dialog.getByLabel('Name', { exact: true }).fill(SERVER_NAME);
      await dialog.getByLabel('Host', { exact: true }).fill(sshd.host);
      await dialog.getByLabel('Port', { exact: true }).fill(String(sshd.port));
      await dialog.getByLabel('User', { exact: true }).fill(sshd.users.docker.name);
      await dialog.getByLabel('Private key', { exact: true }).check();
      await dialog.getByLabel('Private key path', { exact: true }).fill(sshd.users.docker.privateKeyPath);
      await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
      await dialog.getByRole('button', { name: 'Remember', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();
    }

    async function createProjectAndApp(page: Page): Promise<void> {
      await page.getByRole('button', { name: 'New project', exact: true }).click();
      const projectDialog = page.getByRole('dialog', { name: 'New project' });
      await projectDialog.getByLabel('Project name', { exact: true }).fill(PROJECT_NAME);
      await projectDialog.getByRole('button', { name: 'Create project', exact: true }).click();
      await projectDialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: PROJECT_NAME }).waitFor();

      await page.getByRole('button', { name: 'New app', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `New app in ${PROJECT_NAME}` });
      await dialog.getByLabel('Name', { exact: true }).fill(APP_NAME);
      await dialog.getByLabel('Port', { exact: true }).fill(String(port));
      await dialog.getByLabel('Git repository', { exact: true }).fill(repo.url);
      await dialog.getByLabel('Branch', { exact: true }).fill('main');
      await dialog.getByRole('button', { name: 'Create app', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: APP_NAME }).waitFor();
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
      const heading = page.getByRole('heading', { level: 2, name: /^Deployment #1\b/ });
      await heading.waitFor();
      await heading.getByText('Success').waitFor({ timeout: DEPLOY_TIMEOUT_MS });
    }

    it('adds a domain, applies it without a build, and shows its DNS status pending', async () => {
      await inPage(browser, 'light', 'domains', async (page, problems) => {
        await page.goto(shell.url);
        await addServer(page);
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
        await page
          .getByRole('navigation', { name: 'Servers' })
          .getByRole('button', { name: new RegExp(`^${SERVER_NAME}\\b`) })
          .click();
        await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();
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
