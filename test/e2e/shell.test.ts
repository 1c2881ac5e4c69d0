import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { WebShell } from '../../src/main/web/web-shell';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import {
  RESULTS_DIR,
  inPage,
  removeAppContainer,
  startAppContainer,
  startE2eShell,
  type E2eShell,
} from './e2e-helpers';

/**
 * The Shell tab and the Settings page in real Chromium, through the web shell: type a command into
 * a shell in a running container with the keyboard and read its output; exit, then Reconnect; change
 * a setting and see the core keep it. Screenshot: test-results/e2e-shell.png.
 */

describeIntegration(
  'e2e: a shell in the container, and the settings page',
  ['sshd', 'docker', 'chromium', 'keychain', 'root'],
  () => {
    let e2e: E2eShell | undefined;
    let sshd: TestSshd;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    let appId = '';

    beforeAll(async () => {
      sshd = await startTestSshd();
      e2e = await startE2eShell({ name: 'shell' });
      ({ core, shell, browser } = e2e);
      appId = await startAppContainer(core, sshd, {
        server: 'e2e-shell-server',
        project: 'e2e-shell',
        app: 'box',
        cmd: ['sleep', '100000'],
      });
    }, 300_000);

    afterAll(async () => {
      if (appId) await removeAppContainer(appId);
      await e2e?.close();
      await sshd?.stop();
    });

    it('types a command into the Shell tab and reads its output; exit, then Reconnect', async () => {
      await inPage(browser, 'dark', 'shell', async (page, problems) => {
        await page.goto(`${shell.url}#/apps/${appId}`);
        await page.getByRole('tab', { name: 'Shell' }).click();
        const status = page.getByTestId('shell-status');
        await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe(`Shell in app-${appId}`);
        const rows = page.getByTestId('shell-terminal').locator('.xterm-rows');
        // the terminal has the focus: the keyboard alone runs a command in the container
        await page.keyboard.type('echo hello-$((6*7))');
        await page.keyboard.press('Enter');
        await expect.poll(() => rows.textContent(), { timeout: 10_000 }).toContain('hello-42');
        await page.keyboard.type('stty size');
        await page.keyboard.press('Enter');
        // the PTY has the terminal's size: `stty size` prints rows and columns on a row of their own
        await expect
          .poll(async () =>
            (await rows.locator(':scope > div').allTextContents()).some((row) => /^\d+ \d+\s*$/.test(row)),
          )
          .toBe(true);
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-shell.png') });

        await page.keyboard.type('exit 0');
        await page.keyboard.press('Enter');
        await expect.poll(() => status.textContent()).toBe('The shell exited with code 0.');
        await page.getByRole('button', { name: 'Reconnect' }).click();
        await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe(`Shell in app-${appId}`);
        await page.keyboard.type('echo again-$((1+1))');
        await page.keyboard.press('Enter');
        await expect.poll(() => rows.textContent(), { timeout: 10_000 }).toContain('again-2');
        expect(problems).toEqual([]);
      });
    });

    it('the Settings page, from the sidebar: a change is kept by the core', async () => {
      await inPage(browser, 'light', 'settings', async (page, problems) => {
        await page.goto(shell.url);
        await page.getByRole('link', { name: 'Settings' }).click();
        await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
        await page.getByLabel('Notify me when a deploy finishes').selectOption('failures');
        await page.getByLabel('Keep running in the tray when the window is closed').uncheck();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText('Saved.').waitFor();
        expect(core.settings.get()).toEqual({ notifications: 'failures', closeToTray: false });
        await page.reload();
        await expect.poll(() => page.getByLabel('Notify me when a deploy finishes').inputValue()).toBe('failures');
        expect(problems).toEqual([]);
      });
    });
  },
);
