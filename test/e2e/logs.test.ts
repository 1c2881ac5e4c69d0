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
 * The Logs tab in real Chromium, through the web shell: a running app's container prints numbered
 * lines (every tenth also to stderr); the tab shows the last lines, then follows; Ctrl+F finds a
 * line; scrolling up and Pause stop following, the bottom and Follow resume it.
 * Screenshot: test-results/e2e-logs.png.
 */

const PRINTER =
  'i=0; while :; do echo "line $i"; if [ $((i % 10)) -eq 0 ]; then echo "warn $i" >&2; fi; i=$((i+1)); sleep 0.02; done';

describeIntegration(
  'e2e: the Logs tab follows a container log',
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
      e2e = await startE2eShell({ name: 'logs' });
      ({ core, shell, browser } = e2e);
      appId = await startAppContainer(core, sshd, {
        server: 'e2e-logs-server',
        project: 'e2e-logs',
        app: 'printer',
        cmd: ['sh', '-c', PRINTER],
      });
    }, 300_000);

    afterAll(async () => {
      if (appId) await removeAppContainer(appId);
      await e2e?.close();
      await sshd?.stop();
    });

    it('shows the last lines then follows; finds a line; pauses and resumes following', async () => {
      await inPage(browser, 'light', 'logs', async (page, problems) => {
        await page.goto(`${shell.url}#/apps/${appId}/logs`);
        await page.getByRole('tab', { name: 'Logs' }).waitFor();
        const host = page.getByTestId('log-terminal');
        const rows = host.locator('.xterm-rows');
        const count = page.getByTestId('log-line-count');
        const lineCount = async () => Number((await count.textContent())?.match(/^(\d+) lines?/)?.[1] ?? 0);

        // the last 100 lines first, then new ones as they come
        await rows.filter({ hasText: /line \d+/ }).waitFor();
        // generous timeouts: under a loaded CI machine a second without new lines is not a failure
        await expect.poll(lineCount, { timeout: 15_000 }).toBeGreaterThanOrEqual(100);
        const first = await lineCount();
        await expect.poll(lineCount, { timeout: 10_000 }).toBeGreaterThan(first + 20);
        expect(await host.getAttribute('data-follow')).toBe('follow');
        // stderr is red: xterm gives the row's span a colour class
        expect(
          await rows
            .locator('span', { hasText: /^warn \d+$/ })
            .first()
            .getAttribute('class'),
        ).toMatch(/xterm-fg-1\b/);

        // Ctrl+F: find a line that is in the scrollback
        const wanted = (await rows.textContent())!.match(/line (\d+)/)![1]!;
        await host.click();
        await page.keyboard.press('Control+f');
        const find = page.getByRole('searchbox', { name: 'Find in log' });
        await expect
          .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
          .toBe('Find in log');
        await find.fill(`line ${wanted}`);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByTestId('log-search-count').textContent()).toMatch(/^\d+ of \d+$/);
        await page.keyboard.press('Escape');
        await expect.poll(() => find.count()).toBe(0);

        // scrolling up stops following: nothing new is written while the user reads
        await page
          .getByRole('button', { name: 'Follow' })
          .or(page.getByRole('button', { name: 'Pause' }))
          .waitFor();
        if ((await host.getAttribute('data-follow')) !== 'follow')
          await page.getByRole('button', { name: 'Follow' }).click();
        await host.hover();
        for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
        await expect.poll(() => host.getAttribute('data-follow')).toBe('scrolled');
        const whileScrolled = await lineCount();
        await page.waitForTimeout(600);
        expect(await lineCount()).toBe(whileScrolled);
        // back at the bottom it follows again
        for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 4000);
        await expect.poll(() => host.getAttribute('data-follow')).toBe('follow');
        await expect.poll(lineCount, { timeout: 15_000 }).toBeGreaterThan(whileScrolled);

        // the Pause button freezes the view; Follow writes what waited and follows again
        await page.getByRole('button', { name: 'Pause' }).click();
        expect(await host.getAttribute('data-follow')).toBe('paused');
        const paused = await lineCount();
        await page.waitForTimeout(600);
        expect(await lineCount()).toBe(paused);
        await page.getByRole('button', { name: 'Follow' }).click();
        await expect.poll(lineCount, { timeout: 15_000 }).toBeGreaterThan(paused + 10);
        const numbers = [...((await rows.textContent()) ?? '').matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
        expect(numbers.length).toBeGreaterThan(5);
        expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i)); // contiguous: nothing lost while paused

        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-logs.png'), fullPage: true });
        expect(problems).toEqual([]);
      });
    }, 120_000);
  },
);
