import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** Shared steps for the Chromium end-to-end tests: build check, pages with failure screenshots, probes. */

export const REPO_ROOT = resolve(__dirname, '../..');
export const RENDERER_DIR = join(REPO_ROOT, 'out/renderer');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
const UI_TIMEOUT_MS = 30_000;
export const CHECK_TIMEOUT_MS = 60_000;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Uses the renderer build in out/renderer (CI builds before testing). Runs `npx electron-vite build`
 * only when that build is missing or older than the renderer or shared sources, so it does not
 * rewrite out/ under other tests that are using it.
 */
export function ensureRendererBuild(): void {
  const index = join(RENDERER_DIR, 'index.html');
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'src/renderer')), newestMtime(join(REPO_ROOT, 'src/shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
  if (build.status !== 0) {
    throw new Error(
      `npx electron-vite build failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`,
    );
  }
}

export function localDockerVersion(): string {
  const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.status !== 0) throw new Error(`docker version failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Runs inside the page (a string: this file is type-checked without DOM types). Opens the API socket
 * at `path`, sends one call and reports whether the socket opened and whether anything answered.
 */
const PROBE_SOCKET_SOURCE = `(path) => new Promise((done) => {
  const url = new URL(path, window.location.href);
  url.protocol = 'ws:';
  const socket = new WebSocket(url);
  let opened = false;
  const timer = setTimeout(() => done({ opened, answered: false }), 5000);
  socket.onopen = () => {
    opened = true;
    socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'servers.list', input: {} }));
  };
  socket.onmessage = () => { clearTimeout(timer); socket.close(); done({ opened, answered: true }); };
  socket.onclose = () => { clearTimeout(timer); done({ opened, answered: false }); };
})`;

export async function probeApiSocket(page: Page, path: string): Promise<{ opened: boolean; answered: boolean }> {
  return (await page.evaluate(`(${PROBE_SOCKET_SOURCE})(${JSON.stringify(path)})`)) as {
    opened: boolean;
    answered: boolean;
  };
}

interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors seen so far. */
  problems: string[];
}

async function openPage(browser: Browser, colorScheme: 'light' | 'dark'): Promise<TestPage> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1180, height: 860 } });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

/** Runs the steps in a fresh page; on failure keeps a screenshot next to the others. */
export async function inPage(
  browser: Browser,
  colorScheme: 'light' | 'dark',
  name: string,
  steps: (page: Page, problems: string[]) => Promise<void>,
): Promise<void> {
  const { context, page, problems } = await openPage(browser, colorScheme);
  try {
    await steps(page, problems);
  } catch (error) {
    await page.screenshot({ path: join(RESULTS_DIR, `e2e-failure-${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

export const sidebarEntry = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Servers' }).getByRole('button', { name: new RegExp(`^${name}\\b`) });

export const connectedState = (page: Page): Locator =>
  page.getByTestId('connection-state').filter({ hasText: /^Connected$/ });

export async function openServer(page: Page, name: string): Promise<void> {
  await sidebarEntry(page, name).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

export async function runCheck(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check server', exact: true }).click();
  await page.getByTestId('docker-version').waitFor({ timeout: CHECK_TIMEOUT_MS });
}
