import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { WebShell } from '../../src/main/web/web-shell';
import { dockerCli, loadDanglingImage } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { generateSshKey } from '../fixtures/ssh-keys';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import type { TempDir } from '../fixtures/temp-home';
import {
  RESULTS_DIR,
  connectedState,
  fillAddServerForm,
  inPage,
  localDockerVersion,
  openServer,
  probeApiSocket,
  runCheck,
  sidebarEntry,
  startE2eShell,
  type E2eShell,
} from './e2e-helpers';

/**
 * The renderer in real Chromium, against the real core through the web shell, against a real sshd
 * and Docker engine: add a server, answer the host-key prompt, run the server check, edit, remove.
 * Screenshots (light and dark) land in test-results/.
 */

const SERVER_NAME = 'e2e-server';

describeIntegration(
  'e2e: add a server in Chromium through the web shell',
  ['sshd', 'docker', 'chromium', 'keychain', 'root'],
  () => {
    let e2e: E2eShell | undefined;
    let home: TempDir;
    let sshd: TestSshd;
    let core: Core;
    let shell: WebShell;
    let browser: Browser;
    let dockerVersion: string;
    let knownHostsPath: string;

    beforeAll(async () => {
      dockerVersion = localDockerVersion();
      sshd = await startTestSshd();
      // The test's own ~/.ssh files and keychain service: the user's are never read or touched.
      e2e = await startE2eShell({
        name: 'add-server',
        sshConfig: [
          'Host e2e-imported',
          '  HostName 127.0.0.1',
          `  Port ${sshd.port}`,
          `  User ${sshd.users.docker.name}`,
          `  IdentityFile ${sshd.users.docker.privateKeyPath}`,
          '',
        ].join('\n'),
      });
      ({ home, core, shell, browser } = e2e);
      knownHostsPath = join(home.path, 'known_hosts');
    }, 300_000);

    afterAll(async () => {
      await e2e?.close();
      await sshd?.stop();
    });

    it('adds a server after the host-key prompt and shows its Docker version from the check', async () => {
      await inPage(browser, 'light', 'add', async (page, problems) => {
        await page.goto(shell.url);
        // The token leaves the visible address (it stays in sessionStorage for reloads).
        await page.waitForFunction("!window.location.search.includes('token=')");

        await page.getByRole('button', { name: 'Add server', exact: true }).click();
        const dialog = await fillAddServerForm(page, sshd, SERVER_NAME);
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-add-server-form.png') });
        await dialog.getByRole('button', { name: 'Continue', exact: true }).click();

        const fingerprint = dialog.getByTestId('host-key-fingerprint');
        await fingerprint.waitFor();
        expect(await fingerprint.textContent()).toBe(sshd.hostKeyFingerprint);
        expect(await dialog.getByTestId('known-hosts-status').textContent()).toContain('not in your known_hosts');
        expect(core.servers.list()).toHaveLength(0); // nothing is saved before the answer
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-host-key-prompt.png') });

        await dialog.getByRole('button', { name: 'Remember', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        const saved = core.servers.list();
        expect(saved).toHaveLength(1);
        expect(saved[0]?.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);

        const entry = sidebarEntry(page, SERVER_NAME);
        await entry.waitFor();
        expect(await entry.textContent()).toContain(`${sshd.users.docker.name}@${sshd.host}:${sshd.port}`);
        await openServer(page, SERVER_NAME);

        await runCheck(page);
        expect(await page.getByTestId('docker-version').textContent()).toContain(dockerVersion);
        await connectedState(page).waitFor();
        await page.getByRole('navigation', { name: 'Servers' }).getByRole('img', { name: 'Connected' }).waitFor();
        expect(await page.locator('.check-item').count()).toBeGreaterThanOrEqual(6);
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-server-check.png'), fullPage: true });

        // Docker disk space: an old dangling image is counted, and "Clean up" removes it
        const dangling = await loadDanglingImage(new Date(Date.now() - 3 * 3600_000), 'e2e-space');
        const space = page.getByRole('region', { name: 'Docker disk space' });
        await space.getByRole('button', { name: 'Measure', exact: true }).click();
        await space
          .getByTestId('dangling-images')
          .filter({ hasText: /^[1-9]\d* · / })
          .waitFor();
        await space.getByRole('button', { name: 'Clean up', exact: true }).click();
        expect(await space.getByTestId('docker-space-freed').textContent()).toMatch(
          /^Freed \S+ \S+: [1-9]\d* dangling images? removed\.$/,
        );
        expect((await dockerCli(['image', 'inspect', dangling])).code).not.toBe(0);
        await space.getByRole('button', { name: 'Measure again', exact: true }).waitFor(); // measured anew
        await space.screenshot({ path: join(RESULTS_DIR, 'e2e-docker-space.png') });

        // A reload keeps working without the token in the address.
        await page.reload();
        await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();
        await connectedState(page).waitFor();

        expect(problems).toEqual([]);
      });
    });

    it('looks right in dark mode, works from the keyboard, and a cancelled prompt saves nothing', async () => {
      await inPage(browser, 'dark', 'dark', async (page, problems) => {
        await page.goto(shell.url);
        await openServer(page, SERVER_NAME);
        await runCheck(page);
        expect(await page.getByTestId('docker-version').textContent()).toContain(dockerVersion);
        await connectedState(page).waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-server-check-dark.png'), fullPage: true });

        // Keyboard only: after a load, Tab reaches "Add server" first; Enter in a field submits the form.
        await page.reload();
        await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Add server');
        await page.keyboard.press('Enter');
        const dialog = await fillAddServerForm(page, sshd, 'never-saved');
        await page.keyboard.press('Enter');
        await dialog.getByTestId('host-key-fingerprint').waitFor();
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-host-key-prompt-dark.png') });
        await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
        // Back on the form with what was typed; Escape closes the dialog.
        expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('never-saved');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        expect(core.servers.list().map((server) => server.name)).toEqual([SERVER_NAME]);

        expect(problems).toEqual([]);
      });
    });

    it('imports from ~/.ssh/config and says whether known_hosts matches the presented key', async () => {
      await inPage(browser, 'light', 'known-hosts', async (page, problems) => {
        await page.goto(shell.url);
        await page.getByRole('button', { name: 'Add server', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Add server' });
        await dialog.getByText('Import from ~/.ssh/config').click();
        await dialog.getByRole('button', { name: /^e2e-imported\b/ }).click();
        expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('e2e-imported');
        expect(await dialog.getByLabel('Host', { exact: true }).inputValue()).toBe('127.0.0.1');
        expect(await dialog.getByLabel('Port', { exact: true }).inputValue()).toBe(String(sshd.port));
        expect(await dialog.getByLabel('User', { exact: true }).inputValue()).toBe(sshd.users.docker.name);
        expect(await dialog.getByLabel('Private key path', { exact: true }).inputValue()).toBe(
          sshd.users.docker.privateKeyPath,
        );

        try {
          // known_hosts has this very key: the prompt says so.
          writeFileSync(knownHostsPath, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKeyLine}\n`);
          await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
          await dialog.getByTestId('host-key-fingerprint').waitFor();
          expect(await dialog.getByTestId('known-hosts-status').textContent()).toContain('matches your known_hosts');
          await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

          // known_hosts has another key for this address: a red warning.
          const otherKey = await generateSshKey(join(home.path, 'other_host_key'));
          writeFileSync(knownHostsPath, `[127.0.0.1]:${sshd.port} ${otherKey}\n`);
          await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
          const warning = dialog.getByRole('alert');
          await warning.waitFor();
          expect(await warning.textContent()).toContain('does NOT match');
          expect(await dialog.getByTestId('host-key-fingerprint').textContent()).toBe(sshd.hostKeyFingerprint);
          await page.screenshot({ path: join(RESULTS_DIR, 'e2e-host-key-mismatch.png') });
          await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
        } finally {
          writeFileSync(knownHostsPath, '');
        }
        await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        expect(core.servers.list().map((server) => server.name)).toEqual([SERVER_NAME]);

        expect(problems).toEqual([]);
      });
    });

    it('refuses the API to a page opened without the token or with a wrong one', async () => {
      await inPage(browser, 'light', 'token', async (page) => {
        const origin = `http://127.0.0.1:${shell.port}`;
        const response = await page.goto(`${origin}/`);
        expect(response?.status()).not.toBe(200);
        expect(await probeApiSocket(page, '/api')).toEqual({ opened: false, answered: false });
        expect(await probeApiSocket(page, '/api?token=wrong-token')).toEqual({ opened: false, answered: false });

        const wrong = await page.goto(`${origin}/?token=wrong-token`);
        expect(wrong?.status()).not.toBe(200);
        expect(await probeApiSocket(page, '/api?token=wrong-token')).toEqual({ opened: false, answered: false });

        // The same probe with the right token does get an answer, so the refusals above are real.
        expect(await probeApiSocket(page, `/api?token=${encodeURIComponent(shell.token)}`)).toEqual({
          opened: true,
          answered: true,
        });
      });
    });

    it('edits the server and removes it after a confirm step', async () => {
      await inPage(browser, 'light', 'edit-remove', async (page, problems) => {
        await page.goto(shell.url);
        await openServer(page, SERVER_NAME);

        await page.getByRole('button', { name: 'Edit', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `Edit ${SERVER_NAME}` });
        await dialog.getByLabel('Name', { exact: true }).fill('e2e-renamed');
        // a public address (Advanced): a bad one is named at its field, a good one saved and shown
        await dialog.getByText('Advanced', { exact: true }).click();
        await dialog.getByLabel('Public address', { exact: true }).fill('not an address');
        await dialog.getByRole('button', { name: 'Save changes', exact: true }).click();
        await dialog.getByText(/^a host is a DNS name/).waitFor();
        expect(core.servers.list().map((server) => server.name)).toEqual([SERVER_NAME]);
        await dialog.getByLabel('Public address', { exact: true }).fill('203.0.113.7');
        await dialog.getByRole('button', { name: 'Save changes', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByRole('heading', { level: 1, name: 'e2e-renamed' }).waitFor();
        await sidebarEntry(page, 'e2e-renamed').waitFor();
        expect(core.servers.list().map((server) => [server.name, server.publicAddress])).toEqual([
          ['e2e-renamed', '203.0.113.7'],
        ]);
        expect(await page.getByTestId('public-address').textContent()).toBe('203.0.113.7');

        await page.getByRole('button', { name: 'Remove', exact: true }).click();
        expect(core.servers.list()).toHaveLength(1); // the first click only asks
        await page.getByRole('button', { name: 'Yes, remove e2e-renamed', exact: true }).click();
        await page.getByText('No servers yet.').waitFor();
        expect(core.servers.list()).toEqual([]);

        expect(problems).toEqual([]);
      });
    });

    it('asks again, after a restart, for a key that was accepted only once', async () => {
      await inPage(browser, 'light', 'accept-once', async (page, problems) => {
        await page.goto(shell.url);
        await page.getByRole('button', { name: 'Add server', exact: true }).click();
        const dialog = await fillAddServerForm(page, sshd, 'once-server');
        await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
        await dialog.getByRole('button', { name: 'Accept once', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByRole('heading', { level: 1, name: 'once-server' }).waitFor();
        await connectedState(page).waitFor();
        expect(core.servers.list().map((server) => server.hostKeyFingerprint)).toEqual([null]);
        expect(problems).toEqual([]);
      });

      // A new core (as after quitting Mist) has forgotten keys accepted once.
      await e2e!.restart();
      ({ core, shell } = e2e!);

      await inPage(browser, 'light', 'accept-once-restart', async (page, problems) => {
        await page.goto(shell.url);
        await openServer(page, 'once-server');
        const dialog = page.getByRole('dialog', { name: 'Host key of once-server' });
        const fingerprint = dialog.getByTestId('host-key-fingerprint');
        await fingerprint.waitFor();
        expect(await fingerprint.textContent()).toBe(sshd.hostKeyFingerprint);
        await page.screenshot({ path: join(RESULTS_DIR, 'e2e-host-key-recovery.png') });
        await dialog.getByRole('button', { name: 'Remember', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        await connectedState(page).waitFor();
        expect(core.servers.list().map((server) => server.hostKeyFingerprint)).toEqual([sshd.hostKeyFingerprint]);
        expect(problems).toEqual([]);
      });
    });
  },
);
