import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { startWebShell, type WebShell } from '../../src/main/web/web-shell';
import { BASE_IMAGE } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { serverInput } from '../support/server-input';
import { CHROMIUM_ARGS, RENDERER_DIR, RESULTS_DIR, ensureRendererBuild, inPage } from './e2e-helpers';

/**
 * The Logs tab in real Chromium, through the web shell: a running app's container prints numbered
 * lines (every tenth also to stderr); the tab shows the last lines, then follows; Ctrl+F finds a
 * line; scrolling up and Pause stop following, the bottom and Follow resume it.
 * Screenshot: test-results/e2e-logs.png.
 */

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const PRINTER =
  'i=0; while :; do echo "line $i"; if [ $((i % 10)) -eq 0 ]; then echo "warn $i" >&2; fi; i=$((i+1)); sleep 0.02; done';

describeIntegration(
  'e2e: the Logs tab follows a container log',
  ['sshd', 'docker', 'chromium', 'keychain', 'root'],
  () => {
    let home: TempDir;
    let sshd: TestSshd;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    let appId = '';

    beforeAll(async () => {
      ensureRendererBuild();
      mkdirSync(RESULTS_DIR, { recursive: true });
      home = makeTempDir('mist-e2e-logs-home');
      sshd = await startTestSshd();
      const knownHostsPath = join(home.path, 'known_hosts');
      writeFileSync(knownHostsPath, '');
      core = await createCore({
        home: home.path,
        shell: 'web',
        keychainService: 'mist-desktop-e2e',
        knownHostsPath,
        sshConfigPath: join(home.path, 'ssh_config'),
      });
      const server = await core.servers.add(serverInput(sshd, { name: 'e2e-logs-server' }));
      const project = await core.handlers['projects.create']({ name: 'e2e-logs', serverId: server.id });
      const app = await core.handlers['apps.create']({
        projectId: project.id,
        name: 'printer',
        type: 'service',
        port: 8080,
        gitUrl: 'https://example.invalid/printer.git',
      } as never);
      appId = app.id;
      // the app's running container, named as a deploy names it
      const container = await local.createContainer({
        name: `app-${app.id}`,
        Image: BASE_IMAGE,
        Cmd: ['sh', '-c', PRINTER],
        Labels: { 'mist.project': project.id, 'mist.app': app.id },
      });
      await container.start();
      shell = await startWebShell({ core, rendererDir: RENDERER_DIR, port: 0 });
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await shell?.close();
      if (appId)
        await local
          .getContainer(`app-${appId}`)
          .remove({ force: true })
          .catch(() => {});
      await core?.close();
      await sshd?.stop();
      home?.cleanup();
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
        await expect.poll(lineCount).toBeGreaterThanOrEqual(100);
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
        await expect.poll(lineCount).toBeGreaterThan(whileScrolled);

        // the Pause button freezes the view; Follow writes what waited and follows again
        await page.getByRole('button', { name: 'Pause' }).click();
        expect(await host.getAttribute('data-follow')).toBe('paused');
        const paused = await lineCount();
        await page.waitForTimeout(600);
        expect(await lineCount()).toBe(paused);
        await page.getByRole('button', { name: 'Follow' }).click();
        await expect.poll(lineCount).toBeGreaterThan(paused + 10);
        const numbers = [...((await rows.textContent()) ?? '').matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
        expect(numbers.length).toBeGreaterThan(5);
        expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i)); // contiguous: nothing lost while paused

        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-logs.png'), fullPage: true });
        expect(problems).toEqual([]);
      });
    }, 120_000);
  },
);
