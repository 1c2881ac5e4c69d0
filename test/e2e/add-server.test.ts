import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { startWebShell, type WebShell } from '../../src/main/web/web-shell';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';

/**
 * The renderer in real Chromium, against the real core through the web shell, against a real sshd
 * and Docker engine: add a server, answer the host-key prompt, run the server check.
 */

const REPO_ROOT = resolve(__dirname, '../..');
const RENDERER_DIR = join(REPO_ROOT, 'out/renderer');
const RESULTS_DIR = join(REPO_ROOT, 'test-results');
const SERVER_NAME = 'e2e-server';
const UI_TIMEOUT_MS = 30_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function buildRenderer(): void {
  if (process.env.MIST_E2E_SKIP_BUILD === '1' && existsSync(join(RENDERER_DIR, 'index.html'))) return;
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
  if (build.status !== 0) {
    throw new Error(`npx electron-vite build failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
  }
}

function localDockerVersion(): string {
  const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 20_000 });
  if (result.status !== 0) throw new Error(`docker version failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** Opens the API socket from inside the page, sends one call, and reports what happened. */
async function probeApiSocket(page: Page, path: string): Promise<{ opened: boolean; answered: boolean }> {
  return page.evaluate(
    (socketPath) =>
      new Promise<{ opened: boolean; answered: boolean }>((done) => {
        const url = new URL(socketPath, window.location.href);
        url.protocol = 'ws:';
        const socket = new WebSocket(url);
        let opened = false;
        const timer = setTimeout(() => done({ opened, answered: false }), 5_000);
        socket.onopen = () => {
          opened = true;
          socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'servers.list', input: {} }));
        };
        socket.onmessage = () => {
          clearTimeout(timer);
          socket.close();
          done({ opened, answered: true });
        };
        socket.onclose = () => {
          clearTimeout(timer);
          done({ opened, answered: false });
        };
      }),
    path,
  );
}

async function newPage(browser: Browser, colorScheme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1180, height: 860 } });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  (page as Page & { problems?: string[] }).problems = problems;
  return { context, page };
}

function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

async function runCheck(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check server', exact: true }).click();
  await page.getByTestId('docker-version').waitFor({ timeout: 60_000 });
}

describeIntegration('e2e: add a server in Chromium through the web shell', ['sshd', 'docker', 'chromium', 'keychain', 'root'], () => {
  let home: TempDir;
  let sshd: TestSshd;
  let core: Core;
  let shell: WebShell;
  let browser: Browser;
  let dockerVersion: string;

  beforeAll(async () => {
    buildRenderer();
    dockerVersion = localDockerVersion();
    mkdirSync(RESULTS_DIR, { recursive: true });
    home = makeTempDir('mist-e2e-home');
    // Keep the test away from the user's ~/.ssh and keychain entries.
    writeFileSync(join(home.path, 'ssh_config'), '');
    sshd = await startTestSshd();
    core = await createCore({
      home: home.path,
      shell: 'web',
      keychainService: 'mist-desktop-e2e',
      knownHostsPath: join(home.path, 'known_hosts'),
      sshConfigPath: join(home.path, 'ssh_config'),
    });
    shell = await startWebShell({ core, rendererDir: RENDERER_DIR, port: 0 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.close();
    await core?.close();
    await sshd?.stop();
    home?.cleanup();
  });

  it('adds a server after the host-key prompt and shows its Docker version from the check', async () => {
    const { context, page } = await newPage(browser, 'light');
    try {
      await page.goto(shell.url);
      // The token leaves the visible address (it stays in sessionStorage for reloads).
      await page.waitForFunction(() => !window.location.search.includes('token='));

      await page.getByRole('button', { name: 'Add server', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add server' });
      await dialog.getByLabel('Name', { exact: true }).fill(SERVER_NAME);
      await dialog.getByLabel('Host', { exact: true }).fill(sshd.host);
      await dialog.getByLabel('Port', { exact: true }).fill(String(sshd.port));
      await dialog.getByLabel('User', { exact: true }).fill(sshd.users.docker.name);
      await dialog.getByLabel('Private key', { exact: true }).check();
      await dialog.getByLabel('Private key path', { exact: true }).fill(sshd.users.docker.privateKeyPath);
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

      const sidebar = page.getByRole('navigation', { name: 'Servers' });
      const entry = sidebar.getByRole('button', { name: new RegExp(`^${SERVER_NAME}\\b`) });
      await entry.waitFor();
      expect(await entry.textContent()).toContain(`${sshd.users.docker.name}@${sshd.host}:${sshd.port}`);
      await entry.click();
      await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();

      await runCheck(page);
      expect(await page.getByTestId('docker-version').textContent()).toContain(dockerVersion);
      await page.getByTestId('connection-state').filter({ hasText: /^Connected$/ }).waitFor();
      await sidebar.getByRole('img', { name: 'Connected' }).waitFor();
      expect(await page.locator('.check-item').count()).toBeGreaterThanOrEqual(6);
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-server-check.png'), fullPage: true });

      // A reload keeps working without the token in the address.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();
      await page.getByTestId('connection-state').filter({ hasText: /^Connected$/ }).waitFor();

      expect(pageProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('looks right in dark mode, and cancelling the host-key prompt saves nothing', async () => {
    const { context, page } = await newPage(browser, 'dark');
    try {
      await page.goto(shell.url);
      await page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: new RegExp(`^${SERVER_NAME}\\b`) }).click();
      await page.getByRole('heading', { level: 1, name: SERVER_NAME }).waitFor();
      await runCheck(page);
      expect(await page.getByTestId('docker-version').textContent()).toContain(dockerVersion);
      await page.getByTestId('connection-state').filter({ hasText: /^Connected$/ }).waitFor();
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-server-check-dark.png'), fullPage: true });

      await page.getByRole('button', { name: 'Add server', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Add server' });
      await dialog.getByLabel('Name', { exact: true }).fill('never-saved');
      await dialog.getByLabel('Host', { exact: true }).fill(sshd.host);
      await dialog.getByLabel('Port', { exact: true }).fill(String(sshd.port));
      await dialog.getByLabel('User', { exact: true }).fill(sshd.users.docker.name);
      await dialog.getByLabel('Private key path', { exact: true }).fill(sshd.users.docker.privateKeyPath);
      await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
      await dialog.getByTestId('host-key-fingerprint').waitFor();
      await page.screenshot({ path: join(RESULTS_DIR, 'e2e-host-key-prompt-dark.png') });
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click(); // back on the form: close it
      await dialog.waitFor({ state: 'hidden' });
      expect(core.servers.list().map((server) => server.name)).toEqual([SERVER_NAME]);

      expect(pageProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses the API to a page opened without the token or with a wrong one', async () => {
    const { context, page } = await newPage(browser, 'light');
    try {
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
    } finally {
      await context.close();
    }
  });
});
