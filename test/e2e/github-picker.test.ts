import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { GITHUB_ACCOUNT_REF } from '../../src/main/core/github/github-account';
import type { WebShell } from '../../src/main/web/web-shell';
import { deployKeyRef } from '../../src/main/core/apps/deploy-keys';
import { fakeRepos, startFakeGitHub, type FakeGitHub } from '../fixtures/fake-github-server';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { serverInput } from '../support/server-input';
import { RESULTS_DIR, inPage, startE2eShell, submitNewAppForm, type E2eShell } from './e2e-helpers';

/**
 * The GitHub account and the repository picker in real Chromium, through the web shell, against the
 * real core (real keychain, a service of its own) with GitHub's API played by the local fake:
 * connect with a token (a wrong one is refused first), see login and scopes, create an app by
 * choosing a repository and a branch in the picker, change them from the Git settings tab, and
 * disconnect. Screenshots: test-results/e2e-github-*.png.
 */

const TOKEN = 'ghp_E2eAccountToken0123456789abcd';
const PROJECT_NAME = 'e2e-github';
const SHA = 'd'.repeat(40);

describeIntegration(
  'e2e: connect GitHub and create an app from the repository picker in Chromium',
  ['sshd', 'chromium', 'keychain'],
  () => {
    const keychainService = `mist-desktop-e2e-github-${randomBytes(4).toString('hex')}`;
    let e2e: E2eShell | undefined;
    let sshd: TestSshd;
    let github: FakeGitHub;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    let projectId: string;

    beforeAll(async () => {
      [sshd, github] = await Promise.all([
        startTestSshd(),
        startFakeGitHub({
          token: TOKEN,
          repos: [
            ...fakeRepos(120),
            { owner: 'acme-org', name: 'shop', private: true, defaultBranch: 'trunk' },
            { owner: 'acme-org', name: 'shop-admin' },
            { owner: 'octo', name: 'blog' },
          ],
          branches: new Map([
            [
              'acme-org/shop',
              [
                { name: 'feature/login', sha: SHA },
                { name: 'trunk', sha: SHA },
              ],
            ],
            ['octo/blog', [{ name: 'main', sha: SHA }]],
          ]),
        }),
      ]);
      e2e = await startE2eShell({ name: 'github', coreOptions: { keychainService, githubApiUrl: github.baseUrl } });
      ({ core, shell, browser } = e2e);
      const server = await core.servers.add(serverInput(sshd, { name: 'e2e-github-server' }));
      projectId = (await core.handlers['projects.create']({ name: PROJECT_NAME, serverId: server.id })).id;
    }, 300_000);

    afterAll(async () => {
      await core?.secrets.delete(GITHUB_ACCOUNT_REF).catch(() => {});
      for (const server of core?.servers.list() ?? []) await core.servers.remove(server.id).catch(() => {});
      await e2e?.close();
      await Promise.all([sshd?.stop(), github?.close()]);
    });

    async function connect(page: Page): Promise<void> {
      await page.getByRole('link', { name: 'GitHub', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'GitHub' }).waitFor();
      const token = page.getByLabel('Personal access token', { exact: true });
      await token.fill('ghp_wrong');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByText(/GitHub refused the token \(401\)/).waitFor();
      expect(await core.secrets.get(GITHUB_ACCOUNT_REF)).toBeNull();

      await token.fill(TOKEN);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByTestId('github-login').filter({ hasText: 'octo' }).waitFor();
      expect(await page.getByTestId('github-scopes').textContent()).toBe('repo, read:org');
      expect(await page.getByTestId('github-scope-note').count()).toBe(0);
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-github-connected.png'), fullPage: true });
    }

    async function pick(page: Page, search: string, repo: string, branch: string): Promise<void> {
      await page.getByRole('button', { name: 'Choose from GitHub', exact: true }).click();
      const picker = page.getByRole('dialog', { name: 'Choose a GitHub repository' });
      await picker.getByLabel('Search repositories', { exact: true }).fill(search);
      const repos = picker.getByRole('list', { name: 'GitHub repositories' }).getByRole('button');
      await repos.first().waitFor();
      await picker.getByLabel('Search repositories', { exact: true }).press('Enter'); // must not submit the app form
      await picker.getByRole('button', { name: new RegExp(`^${repo}( |$)`) }).click();
      const branches = page.getByRole('dialog', { name: `Branch of ${repo}`, exact: true });
      await branches.getByRole('list', { name: 'Branches' }).waitFor();
      await page.screenshot({ path: join(RESULTS_DIR, `e2e-github-branches-${repo.replace('/', '-')}.png`) });
      await branches.getByRole('button', { name: new RegExp(`^${branch}( |$)`) }).click();
      await branches.waitFor({ state: 'hidden' });
    }

    it('connects, creates an app from a picked repository and branch, changes them in Git settings, makes and removes a deploy key, disconnects', async () => {
      await inPage(browser, 'light', 'github-picker', async (page, problems) => {
        await page.goto(shell.url);
        await connect(page);

        await page.evaluate(`location.hash = '#/projects/${projectId}'`);
        await page.getByRole('heading', { level: 1, name: PROJECT_NAME }).waitFor();
        await page.getByRole('button', { name: 'New app', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `New app in ${PROJECT_NAME}` });
        await dialog.getByLabel('Name', { exact: true }).fill('picked');
        await dialog.getByLabel('Port', { exact: true }).fill('3000');

        await pick(page, 'SHOP', 'acme-org/shop', 'feature/login');
        // the default branch is listed first: checked through the API the list came from
        expect(await dialog.getByLabel('Git repository', { exact: true }).inputValue()).toBe(
          'https://github.com/acme-org/shop.git',
        );
        expect(await dialog.getByLabel('Branch', { exact: true }).inputValue()).toBe('feature/login');
        expect(await core.handlers['apps.list']({})).toEqual([]); // Enter in the search did not submit
        await submitNewAppForm(page, dialog, 'picked');
        const [app] = await core.handlers['apps.list']({});
        expect(app).toMatchObject({ gitUrl: 'https://github.com/acme-org/shop.git', branch: 'feature/login' });

        await page.getByRole('tab', { name: 'Git' }).click();
        await page.getByRole('heading', { level: 2, name: 'Git' }).waitFor();
        await pick(page, 'blog', 'octo/blog', 'main');
        expect(await page.getByLabel('Git repository', { exact: true }).inputValue()).toBe(
          'https://github.com/octo/blog.git',
        );
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page
          .getByRole('status')
          .filter({ hasText: /^Saved\./ })
          .waitFor();
        expect(await core.handlers['apps.get']({ appId: app!.id })).toMatchObject({
          gitUrl: 'https://github.com/octo/blog.git',
          branch: 'main',
        });

        // a deploy key: made and shown (the public key, to copy), then removed; an https URL does not use it
        const keySection = page.getByRole('region', { name: 'Deploy key' });
        await keySection.getByRole('button', { name: 'Make a deploy key', exact: true }).click();
        await keySection.getByTestId('deploy-key-fingerprint').waitFor();
        const made = (await core.handlers['apps.get']({ appId: app!.id })).deployKey!;
        expect(await keySection.getByTestId('deploy-key-fingerprint').textContent()).toBe(made.fingerprint);
        expect(await keySection.locator('code').textContent()).toBe(made.publicKey);
        await keySection.getByRole('note').filter({ hasText: 'not an ssh URL' }).waitFor();
        await keySection.screenshot({ path: join(RESULTS_DIR, 'e2e-deploy-key.png') });
        expect(await core.secrets.get(deployKeyRef(app!.id))).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
        await keySection.getByRole('button', { name: 'Remove key', exact: true }).click();
        await keySection.getByRole('button', { name: 'Yes, remove key', exact: true }).click();
        await keySection.getByText('This app has no deploy key.').waitFor();
        expect(await core.secrets.get(deployKeyRef(app!.id))).toBeNull();

        await page.getByRole('link', { name: 'GitHub', exact: true }).click();
        await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
        await page.getByRole('button', { name: 'Yes, disconnect', exact: true }).click();
        await page.getByRole('heading', { level: 2, name: 'Connect a GitHub account' }).waitFor();
        expect(await core.secrets.get(GITHUB_ACCOUNT_REF)).toBeNull();

        // without an account the picker is not offered
        await page.evaluate(`location.hash = '#/apps/${app!.id}/git'`);
        await page.getByRole('heading', { level: 2, name: 'Git' }).waitFor();
        expect(await page.getByRole('button', { name: 'Choose from GitHub' }).count()).toBe(0);
        expect(problems).toEqual([]);
      });
    }, 300_000);
  },
);
