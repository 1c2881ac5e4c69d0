import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { WebShell } from '../../src/main/web/web-shell';
import { createAppInputSchema } from '../../src/shared/schemas/app';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { serverInput } from '../support/server-input';
import { RESULTS_DIR, inPage, removeAppContainer, startE2eShell, type E2eShell } from './e2e-helpers';

/**
 * Keyboard-driven switching in real Chromium, through the web shell, against the real core, the
 * test sshd, the local Docker engine and the fixture repository — with the keyboard only: Ctrl+K
 * finds and opens an app; Ctrl+K, → shows an app's actions and Deploy starts a deployment whose
 * build log streams; `?` lists the shortcuts; single keys switch tabs and restart; a pinned app is
 * on Ctrl+1; Alt+←/→ go back and forward. Screenshots: test-results/e2e-palette*.png.
 */

const SERVER_NAME = 'e2e-kb-server';
const DEPLOY_TIMEOUT_MS = 180_000;

describeIntegration(
  'e2e: the command palette and keyboard shortcuts in Chromium',
  ['sshd', 'docker', 'chromium', 'keychain', 'root'],
  () => {
    let e2e: E2eShell | undefined;
    let sshd: TestSshd;
    let repo: FixtureRepo;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    const appIds: Record<string, string> = {};

    beforeAll(async () => {
      let port: number;
      [sshd, repo, port] = await Promise.all([startTestSshd(), createFixtureRepo(), findFreePort()]);
      e2e = await startE2eShell({ name: 'palette' });
      ({ core, shell, browser } = e2e);
      const server = await core.servers.add(serverInput(sshd, { name: SERVER_NAME }));
      const shop = await core.handlers['projects.create']({ name: 'kb-shop', serverId: server.id });
      const blog = await core.handlers['projects.create']({ name: 'kb-blog', serverId: server.id });
      const create = async (projectId: string, name: string, gitUrl: string | null, appPort = 3000) => {
        const input = createAppInputSchema.parse({
          projectId,
          name,
          type: 'web',
          port: appPort,
          gitUrl,
          branch: 'main',
        });
        appIds[name] = (await core.handlers['apps.create'](input)).id;
      };
      await create(shop.id, 'storefront', repo.url, port);
      await create(shop.id, 'admin', null);
      await create(blog.id, 'docs', null);
      await core.handlers['env.set']({
        appId: appIds.storefront!,
        vars: [{ key: 'PORT', value: String(port), secret: false, scope: 'runtime' }],
      });
    }, 300_000);

    afterAll(async () => {
      await e2e?.close();
      const id = appIds.storefront;
      if (id) await removeAppContainer(id, 'mist/kb-shop-storefront');
      await Promise.all([sshd?.stop(), repo?.remove()]);
    });

    const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
    const appHeading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
    const activeOption = (page: Page) => palette(page).getByRole('option', { selected: true });
    const focused = (page: Page) =>
      page.evaluate(`(() => {
        const el = document.activeElement;
        return { tag: el.tagName, text: (el.textContent || '').trim(), visible: el.matches(':focus-visible') };
      })()`) as Promise<{ tag: string; text: string; visible: boolean }>;

    it('finds an app with Ctrl+K and opens it; deploys another from its actions and streams the build log', async () => {
      await inPage(browser, 'light', 'palette', async (page, problems) => {
        await page.goto(shell.url);
        await page
          .getByRole('navigation', { name: 'Servers' })
          .getByRole('button', { name: /^docs\b/ })
          .waitFor();

        // Ctrl+K: the combobox has focus; an empty query lists every app.
        await page.keyboard.press('Control+K');
        const input = palette(page).getByRole('combobox', { name: 'Find an app' });
        await input.waitFor();
        expect(await page.evaluate(`document.activeElement.getAttribute('role')`)).toBe('combobox');
        expect(await palette(page).getByRole('option').count()).toBe(3);
        expect(await input.getAttribute('aria-activedescendant')).toBe(await activeOption(page).getAttribute('id'));

        // Part of an app's name; Enter opens it.
        await page.keyboard.type('blgdoc');
        await palette(page).getByRole('option').first().filter({ hasText: 'kb-blog/docs' }).waitFor();
        expect(await palette(page).getByRole('option').count()).toBe(1);
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-palette.png') });
        await page.keyboard.press('Enter');
        await palette(page).waitFor({ state: 'detached' });
        await appHeading(page, 'docs').waitFor();
        expect(await page.evaluate('window.location.hash')).toBe(`#/apps/${appIds.docs}`);
        // Focus is back in the page (the heading of the page it opened), and visible.
        expect(await focused(page)).toMatchObject({ tag: 'H1', text: 'docs', visible: true });

        // The most recently opened app comes first when the query is empty; Escape closes, focus returns.
        await page.keyboard.press('Control+K');
        await activeOption(page).filter({ hasText: 'kb-blog/docs' }).waitFor();
        await page.keyboard.press('Escape');
        await palette(page).waitFor({ state: 'detached' });
        await expect.poll(() => focused(page)).toMatchObject({ tag: 'H1', text: 'docs' });

        // Ctrl+K, find the app, → for its actions, choose Deploy.
        await page.keyboard.press('Control+K');
        await page.keyboard.type('shopstore');
        await activeOption(page).filter({ hasText: 'kb-shop/storefront' }).waitFor();
        await page.keyboard.press('ArrowRight');
        const actions = palette(page).getByRole('listbox', { name: 'Actions' });
        await actions.waitFor();
        expect(await actions.getByRole('option').allTextContents()).toEqual(
          expect.arrayContaining([expect.stringMatching(/^Deploy/), expect.stringMatching(/^Restart/)]),
        );
        // Back to the apps with Escape (the query is kept), then Tab opens the actions again.
        await page.keyboard.press('Escape');
        await palette(page).getByRole('listbox', { name: 'Apps' }).waitFor();
        expect(await palette(page).getByRole('combobox').inputValue()).toBe('shopstore');
        await page.keyboard.press('Tab');
        await actions.waitFor();
        await page.keyboard.type('depl');
        await activeOption(page)
          .filter({ hasText: /^Deploy/ })
          .waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-palette-actions.png') });
        await page.keyboard.press('Enter');

        // The deployment view opens and its build log streams while it runs.
        await page.getByRole('heading', { level: 2, name: /^Deployment #1\b/ }).waitFor();
        await appHeading(page, 'storefront').waitFor();
        await page.evaluate(`(() => {
          new MutationObserver(() => {
            const rows = document.querySelector('.xterm-rows');
            const running = document.querySelector('.stage[data-state="running"]');
            if (running && rows && rows.textContent.trim().length > 0) window.__logWhileRunning = true;
          }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        })()`);
        const heading = page.getByRole('heading', { level: 2, name: /^Deployment #1\b/ });
        await heading.getByText('Success').waitFor({ timeout: DEPLOY_TIMEOUT_MS });
        expect(await page.evaluate('window.__logWhileRunning === true')).toBe(true);
        expect(await page.getByTestId('log-terminal').locator('.xterm-rows').textContent()).toMatch(/\S/);
        const [deployment] = await core.handlers['deployments.list']({ appId: appIds.storefront! });
        expect(deployment).toMatchObject({ number: 1, status: 'success', trigger: 'manual' });
        expect(problems).toEqual([]);
      });
    }, 400_000);

    it('lists the shortcuts with ?, switches tabs and restarts with single keys, jumps to a pinned app with Ctrl+1, goes back and forward', async () => {
      await inPage(browser, 'dark', 'palette-shortcuts', async (page, problems) => {
        await page.goto(`${shell.url}#/apps/${appIds.storefront}`);
        await appHeading(page, 'storefront').waitFor();
        await page.getByTestId('app-status').getByText('Running').waitFor();

        // ? lists every shortcut in a dialog; Escape closes it.
        await page.keyboard.press('?');
        const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
        await help.waitFor();
        for (const text of ['Command palette', 'Deploy', 'Logs', 'Shell in the container', 'Restart', 'Back'])
          await help.getByText(text, { exact: false }).first().waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-palette-shortcuts-dark.png') });
        await page.keyboard.press('Escape');
        await help.waitFor({ state: 'detached' });

        // Single keys: environment, general settings, overview.
        await page.keyboard.press('e');
        await page.getByRole('tab', { name: 'Environment', selected: true }).waitFor();
        await page.keyboard.press('g');
        await page.getByRole('tab', { name: 'General', selected: true }).waitFor();
        // Not while typing in a text field: the letter goes into the field.
        const name = page.getByLabel('Name', { exact: true });
        await name.focus();
        await page.keyboard.press('End');
        await page.keyboard.press('o');
        expect(await name.inputValue()).toBe('storefronto');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Escape');
        await name.evaluate((el) => (el as unknown as { blur(): void }).blur());
        await page.keyboard.press('o');
        await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
        await page.keyboard.press('l');
        await page.getByRole('tab', { name: 'Logs', selected: true }).waitFor();
        await page.keyboard.press('s');
        await page.getByRole('tab', { name: 'Shell', selected: true }).waitFor();
        // once its session starts the shell takes the keyboard (a letter is typed into it); Shift+Tab
        // leaves it, and the single keys work again. Waited for, so the 'o' never races the session.
        await expect
          .poll(() => page.getByTestId('shell-status').textContent(), { timeout: 20_000 })
          .toMatch(/^Shell in /);
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('o');
        await page.getByRole('tab', { name: 'Overview', selected: true }).waitFor();

        // r restarts the container for real.
        const before = (await core.handlers['apps.status']({ appId: appIds.storefront! })).startedAt;
        await page.keyboard.press('r');
        await page.getByTestId('command-notice').filter({ hasText: 'storefront restarted.' }).waitFor();
        const after = (await core.handlers['apps.status']({ appId: appIds.storefront! })).startedAt;
        expect(after).not.toBe(before);

        // Pin "admin" (from the keyboard: its Pin button), then open "docs" and press Ctrl+1.
        await page.keyboard.press('Control+K');
        await page.keyboard.type('admin');
        await page.keyboard.press('Enter');
        await appHeading(page, 'admin').waitFor();
        const pin = page.getByRole('button', { name: 'Pin', exact: true });
        await pin.focus();
        await page.keyboard.press('Enter');
        expect(await pin.getAttribute('aria-pressed')).toBe('true');
        await page.keyboard.press('Control+K');
        await page.keyboard.type('docs');
        await page.keyboard.press('Enter');
        await appHeading(page, 'docs').waitFor();
        await page.keyboard.press('Control+1');
        await appHeading(page, 'admin').waitFor();
        // Ctrl+2: the most recent app that is not pinned.
        await page.keyboard.press('Control+2');
        await appHeading(page, 'docs').waitFor();

        // Alt+← / Alt+→: the history of pages.
        await page.keyboard.press('Alt+ArrowLeft');
        await appHeading(page, 'admin').waitFor();
        await page.keyboard.press('Alt+ArrowLeft');
        await appHeading(page, 'docs').waitFor();
        await page.keyboard.press('Alt+ArrowRight');
        await appHeading(page, 'admin').waitFor();
        expect(problems).toEqual([]);
      });
    }, 400_000);
  },
);
