import { join } from 'node:path';
import Dockerode from 'dockerode';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { WebShell } from '../../src/main/web/web-shell';
import { findFreePort } from '../fixtures/free-port';
import {
  BROKEN_BRANCH,
  BROKEN_BUILD_MESSAGE,
  createFixtureRepo,
  indexHtmlWithVersion,
  type FixtureRepo,
} from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { until } from '../support/deploy-helpers';
import {
  RESULTS_DIR,
  addServerThroughUi,
  fillNewAppForm,
  inPage,
  removeAppContainer,
  sidebarEntry,
  startE2eShell,
  submitNewAppForm,
  waitForDeploymentSuccess,
  type E2eShell,
} from './e2e-helpers';

/**
 * The deploy loop in real Chromium, through the web shell, against the real core, the test sshd, the
 * local Docker engine and a git repository served by the test server: add the server, create a
 * project and a web app, set variables, deploy and watch the stages and the build log stream, stop
 * and start the app, and see a second deploy queue behind a running one. Screenshots (light and dark)
 * land in test-results/e2e-deploy*.png.
 */

const SERVER_NAME = 'e2e-deploy-server';
const PROJECT_NAME = 'e2e-shop';
const APP_NAME = 'web';
const SECRET_VALUE = 'e2e-s3cret-value';
const DEPLOY_TIMEOUT_MS = 180_000;
const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

describeIntegration(
  'e2e: create a project and a web app, deploy it and control it in Chromium',
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
      [sshd, repo, port] = await Promise.all([
        startTestSshd(),
        createFixtureRepo({ withBrokenBranch: true }),
        findFreePort(),
      ]);
      e2e = await startE2eShell({ name: 'deploy' });
      ({ core, shell, browser } = e2e);
    }, 300_000);

    afterAll(async () => {
      await e2e?.close();
      // Tagged mist/{project}-{app}:{commit} when built (the project is renamed later).
      if (appId) await removeAppContainer(appId, `mist/${PROJECT_NAME}-${APP_NAME}`);
      await Promise.all([sshd?.stop(), repo?.remove()]);
    });

    async function createProject(page: Page): Promise<void> {
      await page.getByRole('button', { name: 'New project', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'New project' });
      const name = dialog.getByLabel('Project name', { exact: true });
      // Instant validation from the shared schema: a bad name is explained as soon as the field is left.
      await name.fill('My Shop');
      await name.blur();
      await dialog.getByText(/^A name is 1–63 characters/).waitFor();
      expect(await dialog.getByLabel('Server', { exact: true }).locator('option:checked').textContent()).toBe(
        SERVER_NAME,
      );
      await name.fill(PROJECT_NAME);
      await dialog.getByText(/^A name is 1–63 characters/).waitFor({ state: 'detached' });
      await dialog.getByRole('button', { name: 'Create project', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: PROJECT_NAME }).waitFor();
      await page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: PROJECT_NAME }).waitFor();
    }

    async function createApp(page: Page): Promise<void> {
      await page.getByRole('button', { name: 'New app', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `New app in ${PROJECT_NAME}` });
      expect(await dialog.getByLabel('Web', { exact: true }).isChecked()).toBe(true);
      expect(await dialog.getByLabel('Port', { exact: true }).inputValue()).toBe('3000');
      expect(await dialog.getByLabel('Dockerfile path', { exact: true }).inputValue()).toBe('./Dockerfile');
      expect(await dialog.getByLabel('Root directory', { exact: true }).inputValue()).toBe('/');
      // Submitting with hostile or bad values shows every problem inline and creates nothing.
      await dialog.getByLabel('Name', { exact: true }).fill('Web;rm');
      await dialog.getByLabel('Git repository', { exact: true }).fill('-oProxyCommand=touch /tmp/x');
      await dialog.getByLabel('Branch', { exact: true }).fill('main..x');
      await dialog.getByRole('button', { name: 'Create app', exact: true }).click();
      await dialog.getByText(/^A name is 1–63 characters/).waitFor();
      await dialog.getByText(/^Use an https, ssh/).waitFor();
      await dialog.getByText(/^A branch name cannot contain "\.\."/).waitFor();
      expect(await core.handlers['apps.list']({})).toEqual([]);
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-new-app-errors.png') });

      await fillNewAppForm(dialog, { name: APP_NAME, port, gitUrl: repo.url, branch: 'main' });
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-new-app.png') });
      await submitNewAppForm(page, dialog, APP_NAME);
      const apps = await core.handlers['apps.list']({});
      expect(apps).toHaveLength(1);
      appId = apps[0]!.id;
      expect(apps[0]).toMatchObject({ name: APP_NAME, type: 'web', port, gitUrl: repo.url, branch: 'main' });
      await page.getByTestId('app-status').getByText('Not deployed').waitFor();
    }

    async function addVariable(page: Page, key: string, value: string, scope: string, secret = false): Promise<void> {
      const form = page.getByRole('region', { name: 'Add a variable' });
      await form.getByLabel('Key', { exact: true }).fill(key);
      await form.getByLabel('Value', { exact: true }).fill(value);
      await form.getByLabel('Scope', { exact: true }).selectOption({ label: scope });
      await form.getByLabel('Secret', { exact: true }).setChecked(secret);
      await form.getByRole('button', { name: 'Add variable', exact: true }).click();
      await envRow(page, key).waitFor();
      expect(await form.getByLabel('Key', { exact: true }).inputValue()).toBe('');
    }

    const envRow = (page: Page, key: string): Locator =>
      page.locator('tr.env-row').filter({ has: page.getByRole('rowheader', { name: key, exact: true }) });

    async function setVariables(page: Page): Promise<void> {
      await page.getByRole('tab', { name: 'Environment' }).click();
      await page.getByRole('heading', { name: 'Environment variables' }).waitFor();
      await addVariable(page, 'PORT', String(port), 'Runtime only');
      await addVariable(page, 'BUILD_GREETING', 'hello from the e2e build', 'Build only');
      await addVariable(page, 'API_TOKEN', SECRET_VALUE, 'Build and runtime', true);

      const secretRow = envRow(page, 'API_TOKEN');
      expect(await secretRow.getByTestId('env-value').textContent()).toContain('••••');
      expect(await page.locator('body').textContent()).not.toContain(SECRET_VALUE);
      await secretRow.getByRole('button', { name: 'Reveal', exact: true }).click();
      await secretRow.getByText(SECRET_VALUE).waitFor();
      await secretRow.getByRole('button', { name: 'Hide', exact: true }).click();
      await secretRow.getByText(SECRET_VALUE).waitFor({ state: 'detached' });

      // Bulk paste: the bad line is reported by number as you type; Import saves the good ones.
      const importBox = page.getByRole('region', { name: 'Paste .env' });
      await importBox.getByLabel('.env text', { exact: true }).fill('# pasted\nexport FROM_PASTE="yes"\n1BAD=x\n');
      await importBox.getByText('Line 3:').waitFor();
      await importBox.getByRole('button', { name: 'Import', exact: true }).click();
      await importBox.getByText('Imported 1 variable; 1 line skipped.').waitFor();
      await envRow(page, 'FROM_PASTE').waitFor();
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-environment.png'), fullPage: true });

      // Edit a secret's scope without retyping it (the stored value is kept); delete after a confirm.
      await secretRow.getByRole('button', { name: 'Edit', exact: true }).click();
      const editing = page.locator('tr.env-row-editing');
      expect(await editing.getByLabel('Value', { exact: true }).inputValue()).toBe('');
      await editing.getByLabel('Scope', { exact: true }).selectOption({ label: 'Runtime only' });
      await editing.getByRole('button', { name: 'Save', exact: true }).click();
      await editing.waitFor({ state: 'detached' });
      await envRow(page, 'API_TOKEN').getByText('Runtime only').waitFor();
      expect(await core.handlers['env.reveal']({ appId: appId!, key: 'API_TOKEN' })).toEqual({ value: SECRET_VALUE });
      await envRow(page, 'FROM_PASTE').getByRole('button', { name: 'Delete', exact: true }).click();
      await envRow(page, 'FROM_PASTE').getByRole('button', { name: 'Delete FROM_PASTE', exact: true }).click();
      await envRow(page, 'FROM_PASTE').waitFor({ state: 'detached' });

      const stored = await core.handlers['env.list']({ appId: appId! });
      expect(stored.map((variable) => [variable.key, variable.scope, variable.secret])).toEqual(
        expect.arrayContaining([
          ['PORT', 'runtime', false],
          ['BUILD_GREETING', 'build', false],
          ['API_TOKEN', 'runtime', true],
        ]),
      );
      expect(stored.map((variable) => variable.key)).not.toContain('FROM_PASTE');
    }

    /** Records every state each stage element shows, to prove the stages moved live. */
    async function recordStageStates(page: Page): Promise<void> {
      await page.evaluate(`(() => {
        const seen = (window.__stageStates = new Set());
        const record = () => {
          for (const el of document.querySelectorAll('.stage')) seen.add(el.dataset.stage + ':' + el.dataset.state);
          const rows = document.querySelector('.xterm-rows');
          const running = document.querySelector('.stage[data-state="running"]');
          if (running && rows && rows.textContent.trim().length > 0) window.__logWhileRunning = true;
        };
        new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      })()`);
    }

    /** The terminal's visible rows, scrolled to the top first when asked. */
    async function terminalRows(page: Page, scrollToTop: boolean): Promise<string> {
      const host = page.getByTestId('log-terminal');
      if (scrollToTop) {
        await host.hover();
        for (let i = 0; i < 20; i++) await page.mouse.wheel(0, -2000);
        await page.waitForTimeout(200);
      }
      return (await host.locator('.xterm-rows').textContent()) ?? '';
    }

    const statusIs = (page: Page, label: string): Promise<void> =>
      page
        .getByTestId('overview-status')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .waitFor();

    const waitForSuccess = (page: Page, number: number): Promise<void> =>
      waitForDeploymentSuccess(page, number, DEPLOY_TIMEOUT_MS);

    it('deploys the app with live stages and build log, then stops and starts it', async () => {
      await inPage(browser, 'light', 'deploy', async (page, problems) => {
        await page.goto(shell.url);
        await addServerThroughUi(page, sshd, SERVER_NAME);
        await createProject(page);
        await createApp(page);
        await setVariables(page);

        await recordStageStates(page);
        await page.getByRole('button', { name: 'Deploy', exact: true }).click();
        await page.getByRole('heading', { level: 2, name: /^Deployment #1\b/ }).waitFor();
        expect(await page.evaluate('window.location.hash')).toMatch(/^#\/apps\/[^/]+\/deployments\/[^/]+$/);
        // While it runs: a running stage, the build log streaming, and Cancel available.
        await page.getByRole('button', { name: 'Cancel deployment', exact: true }).waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-deploy-running.png'), fullPage: true });
        await waitForSuccess(page, 1);

        const stages = page.getByRole('list', { name: 'Deployment stages' }).locator('.stage');
        expect(await stages.evaluateAll((items) => items.map((item) => item.getAttribute('data-state')))).toEqual([
          'done',
          'done',
          'done',
          'done',
          'done',
        ]);
        expect(await stages.evaluateAll((items) => items.map((item) => item.getAttribute('data-stage')))).toEqual([
          'queued',
          'resolve',
          'fetch',
          'build',
          'deploy',
        ]);
        const seen = (await page.evaluate('[...window.__stageStates]')) as string[];
        expect(seen, `stage states seen: ${seen.join(', ')}`).toEqual(
          expect.arrayContaining(['build:running', 'build:done', 'deploy:done']),
        );
        expect(await page.evaluate('window.__logWhileRunning === true')).toBe(true);
        expect(await page.getByRole('button', { name: 'Cancel deployment' }).count()).toBe(0);

        const head = await repo.head();
        expect(await page.locator('.deployment-meta code').first().textContent()).toBe(head.slice(0, 7));
        expect(await page.getByTestId('log-line-count').textContent()).toMatch(/^\d+ lines$/);
        const top = await terminalRows(page, true);
        expect(top).toMatch(/FROM mist-test\/busybox/);
        expect(top).not.toContain(SECRET_VALUE);
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-deploy.png'), fullPage: true });

        const [deployment] = await core.handlers['deployments.list']({ appId: appId! });
        expect(deployment).toMatchObject({ number: 1, status: 'success', commitHash: head, active: true });
        const served = await fetch(`http://127.0.0.1:${port}/build.txt`);
        expect(await served.text()).toBe('hello from the e2e build\n');

        // Overview: running, with the internal address; Stop and Start change the status everywhere.
        await page.getByRole('tab', { name: 'Overview' }).click();
        await statusIs(page, 'Running');
        expect(await page.getByTestId('container-state').textContent()).toBe('running');
        expect(await page.getByTestId('restart-count').textContent()).toBe('none');
        await page.getByText(`app-${appId}:${port}`, { exact: true }).waitFor();
        const sidebarApp = page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: /^web\b/ });
        await sidebarApp.getByRole('img', { name: 'Running' }).waitFor();
        // Usage: a sample of the running container (CPU, memory of the server's, network)
        const usage = page.getByTestId('app-usage');
        await usage
          .getByTestId('usage-cpu')
          .filter({ hasText: /^\d+\.\d %$/ })
          .waitFor();
        expect(await usage.getByTestId('usage-memory').textContent()).toMatch(/^[\d.]+ (B|KiB|MiB) of [\d.]+ GiB$/);

        await page.getByRole('button', { name: 'Stop', exact: true }).click();
        await statusIs(page, 'Stopped');
        expect(await page.getByTestId('container-state').textContent()).toBe('exited');
        expect(await page.getByTestId('exit-code').textContent()).toBe('0');
        await sidebarApp.getByRole('img', { name: 'Stopped' }).waitFor();
        await page.getByTestId('app-status').getByText('Stopped').waitFor();
        await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
        await page.getByRole('region', { name: 'Usage' }).getByText('Not running.').waitFor();

        await page.getByRole('button', { name: 'Start', exact: true }).click();
        await statusIs(page, 'Running');
        await sidebarApp.getByRole('img', { name: 'Running' }).waitFor();
        await page
          .getByTestId('uptime')
          .filter({ hasText: /^\d+ s$/ })
          .waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-app-overview.png'), fullPage: true });

        // The activity (audit log) names every action, and never a secret value.
        await page.getByRole('tab', { name: 'Activity' }).click();
        for (const action of ['env.set', 'deploy.success', 'app.stop', 'app.start'])
          await page.locator(`tr[data-action="${action}"]`).first().waitFor();
        expect(await page.locator('body').textContent()).not.toContain(SECRET_VALUE);

        expect(problems).toEqual([]);
      });
    }, 400_000);

    it('queues a second deploy behind a running one, and shows the history and past build logs', async () => {
      await inPage(browser, 'dark', 'deploy-queue', async (page, problems) => {
        await page.goto(shell.url);
        await page
          .getByRole('navigation', { name: 'Servers' })
          .getByRole('button', { name: /^web\b/ })
          .click();
        await page.getByRole('heading', { level: 1, name: APP_NAME }).waitFor();

        // The tabs work from the keyboard: arrows move between them and select.
        await page.getByRole('tab', { name: 'Overview' }).focus();
        await page.keyboard.press('ArrowRight');
        await page.getByRole('tab', { name: 'Deployments', selected: true }).waitFor();
        await page.keyboard.press('End');
        await page.getByRole('tab', { name: 'Activity', selected: true }).waitFor();
        expect(await page.evaluate('document.activeElement.textContent')).toBe('Activity');
        await page.keyboard.press('ArrowRight'); // wraps around
        await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();

        // A change to a setting: the app says a redeploy is pending.
        await page.getByRole('tab', { name: 'Resources' }).click();
        await page.getByLabel('Memory limit (MB)', { exact: true }).fill('64');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('The memory limit is at least 128 MB.').waitFor();
        await page.getByLabel('Memory limit (MB)', { exact: true }).fill('256');
        await page.getByLabel('Log files kept', { exact: true }).fill('3');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByTestId('redeploy-pending').waitFor();
        const saved = await core.handlers['apps.get']({ appId: appId! });
        expect(saved.memoryMb).toBe(256);
        expect(saved.logRetention).toEqual({ maxSizeMb: 50, maxFiles: 3 });

        // A health check (General tab): the deploys and rollbacks below must pass it.
        await page.getByRole('tab', { name: 'General' }).click();
        await page.getByLabel('Health check path', { exact: true }).fill('index.html');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('a health check path starts with / and has no spaces, such as /health').waitFor();
        await page.getByLabel('Health check path', { exact: true }).fill('/index.html');
        await page.getByLabel('Health check time (s)', { exact: true }).fill('30');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await until(
          async () => (await core.handlers['apps.get']({ appId: appId! })).healthCheck.path === '/index.html',
          'the health check saved',
        );
        expect((await core.handlers['apps.get']({ appId: appId! })).healthCheck).toEqual({
          path: '/index.html',
          timeoutS: 30,
        });

        await repo.commit({ 'www/index.html': indexHtmlWithVersion(2) }, 'Version 2');
        await page.getByRole('button', { name: 'Deploy', exact: true }).click();
        await page.getByRole('heading', { level: 2, name: /^Deployment #2\b/ }).waitFor();
        await page.getByRole('button', { name: 'Deploy', exact: true }).click();
        await page.getByRole('heading', { level: 2, name: /^Deployment #3\b/ }).waitFor();
        await page
          .getByTestId('deployment-queued')
          .filter({ hasText: 'Waiting for deployment #2 to finish.' })
          .waitFor();
        expect(await page.locator('.stage[data-stage="queued"]').getAttribute('data-state')).toBe('running');
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-deploy-queued-dark.png'), fullPage: true });
        await waitForSuccess(page, 3);
        await page.getByTestId('redeploy-pending').waitFor({ state: 'detached' });
        await page
          .getByTestId('log-terminal')
          .locator('.xterm-rows')
          .filter({ hasText: 'Health check passed: /index.html answered 200' })
          .waitFor();

        // History: newest first; a row opens that deployment's stored build log.
        await page.getByRole('link', { name: '← All deployments' }).click();
        const rows = page.locator('tr.history-row');
        await rows.nth(2).waitFor();
        expect(
          await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-deployment-number'))),
        ).toEqual(['3', '2', '1']);
        expect(await rows.first().getByText('Success').count()).toBe(1);
        expect(await rows.nth(1).getByText('Success').count()).toBe(1);
        expect(await rows.first().locator('code').textContent()).toBe((await repo.head()).slice(0, 7));
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-deployments-dark.png'), fullPage: true });
        await page.getByRole('link', { name: 'Deployment #1', exact: true }).click();
        await waitForSuccess(page, 1);
        expect(await terminalRows(page, true)).toMatch(/FROM mist-test\/busybox/);
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-deploy-dark.png'), fullPage: true });

        // Roll back (the palette's action: to #1, since #2 built the same commit as #3) without a
        // build, then forward to #3 with the deployment page's button: the app serves each in turn.
        expect(await page.getByRole('button', { name: 'Roll back to #1', exact: true }).count()).toBe(1);
        await page.keyboard.press('Control+K');
        const palette = page.getByRole('dialog', { name: 'Command palette' });
        await page.keyboard.type(APP_NAME);
        await palette
          .getByRole('option', { selected: true })
          .filter({ hasText: `/${APP_NAME}` })
          .waitFor();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.type('roll back');
        await palette
          .getByRole('option', { selected: true })
          .filter({ hasText: /^Roll back/ })
          .waitFor();
        await page.keyboard.press('Enter');
        await waitForSuccess(page, 4);
        expect(await page.locator('.deployment-meta').textContent()).toContain('rollback to #1');
        expect(
          await page.locator('.stage').evaluateAll((items) => items.map((i) => i.getAttribute('data-stage'))),
        ).toEqual(['queued', 'deploy']);
        expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('mist-fixture-app version 1<');
        expect(await page.getByRole('button', { name: /^Roll back to/ }).count()).toBe(0); // #4 is the one running
        await page.getByRole('link', { name: '← All deployments' }).click();
        await page.getByRole('link', { name: 'Deployment #3', exact: true }).click();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-rollback-offered-dark.png') });
        await page.getByRole('button', { name: 'Roll back to #3', exact: true }).click();
        await waitForSuccess(page, 5);

        const served = await fetch(`http://127.0.0.1:${port}/`);
        expect(await served.text()).toContain('mist-fixture-app version 2<');
        expect(problems).toEqual([]);
      });
    }, 400_000);

    it('shows a failed build with its error and the stage where it stopped; the old container keeps serving', async () => {
      await inPage(browser, 'light', 'deploy-broken', async (page, problems) => {
        await page.goto(shell.url);
        await page
          .getByRole('navigation', { name: 'Servers' })
          .getByRole('button', { name: /^web\b/ })
          .click();
        await page.getByRole('tab', { name: 'Git' }).click();
        // "Check access" asks the repository from the server: a missing branch is named, an existing one found
        const branch = page.getByLabel('Branch', { exact: true });
        const save = page.getByRole('button', { name: 'Save', exact: true });
        const checkAccess = page.getByRole('button', { name: 'Check access', exact: true });
        await branch.fill('no-such-branch');
        await save.click();
        await page
          .getByRole('status')
          .filter({ hasText: /^Saved\./ })
          .waitFor();
        await checkAccess.click();
        await page.getByText('The branch "no-such-branch" does not exist').waitFor();
        await branch.fill(BROKEN_BRANCH);
        await save.click();
        await page.getByTestId('redeploy-pending').waitFor();
        await checkAccess.click();
        expect(await page.getByTestId('git-access-ok').textContent()).toMatch(
          new RegExp(`^The server can fetch it: ${BROKEN_BRANCH} is at [0-9a-f]{12}\\.$`),
        );
        const number = (await core.handlers['deployments.list']({ appId: appId! })).length + 1;
        await page.getByRole('button', { name: 'Deploy', exact: true }).click();
        const heading = page.getByRole('heading', { level: 2, name: new RegExp(`^Deployment #${number}\\b`) });
        await heading.getByText('Failed').waitFor({ timeout: DEPLOY_TIMEOUT_MS });
        const error = page.getByTestId('deployment-error');
        expect(await error.textContent()).toMatch(/docker build failed/);
        expect(await page.locator('.stage[data-stage="build"]').getAttribute('data-state')).toBe('failed');
        expect(await page.locator('.stage[data-stage="deploy"]').getAttribute('data-state')).toBe('skipped');
        await page
          .getByTestId('log-terminal')
          .locator('.xterm-rows')
          .filter({ hasText: BROKEN_BUILD_MESSAGE })
          .waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-deploy-failed.png'), fullPage: true });

        const served = await fetch(`http://127.0.0.1:${port}/`);
        expect(await served.text()).toContain('mist-fixture-app version 2<');
        await page.getByTestId('app-status').filter({ hasText: 'Running' }).waitFor();
        expect(problems).toEqual([]);
      });
    }, 400_000);

    it('renames the project, and deletes it only with the explicit choice to remove its apps', async () => {
      await inPage(browser, 'light', 'project-delete', async (page, problems) => {
        await page.goto(shell.url);
        await sidebarEntry(page, SERVER_NAME).waitFor();
        await page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: PROJECT_NAME }).click();
        await page.getByRole('heading', { level: 1, name: PROJECT_NAME }).waitFor();
        await page.getByLabel('Project name', { exact: true }).fill('e2e-shop-2');
        await page.getByRole('button', { name: 'Rename', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'e2e-shop-2' }).waitFor();

        await page.getByRole('button', { name: 'Delete project', exact: true }).click();
        const confirm = page.getByRole('group', { name: 'Confirm deleting e2e-shop-2' });
        const yes = confirm.getByRole('button', { name: 'Yes, delete e2e-shop-2', exact: true });
        expect(await yes.isDisabled()).toBe(true);
        await confirm.getByLabel('Also remove its 1 app and their containers on the server').check();
        await yes.click();
        await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();
        expect(await core.handlers['projects.list']({})).toEqual([]);
        const containers = await local.listContainers({ all: true, filters: { name: [`app-${appId}`] } });
        expect(containers).toEqual([]);
        expect(problems).toEqual([]);
      });
    }, 400_000);
  },
);
