import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Dockerode from 'dockerode';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/core';
import { startWebShell, type WebShell } from '../../src/main/web/web-shell';
import { BASE_IMAGE } from '../fixtures/docker-host';
import type { TestSshd } from '../fixtures/sshd';
import { serverInput } from '../support/server-input';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';

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
 * rewrite out/ under other tests that are using it. Test files run in parallel processes: one builds
 * while the others wait for it (a lock directory outside out/, which the build empties), instead of
 * several builds writing out/ at once under pages that are loading it.
 */
export function ensureRendererBuild(): void {
  if (rendererBuildIsFresh()) return;
  withBuildLock(() => {
    if (rendererBuildIsFresh()) return; // another process built it while this one waited
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
    if (build.status !== 0) {
      throw new Error(
        `npx electron-vite build failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`,
      );
    }
  });
}

function rendererBuildIsFresh(): boolean {
  const index = join(RENDERER_DIR, 'index.html');
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'src/renderer')), newestMtime(join(REPO_ROOT, 'src/shared')));
  return existsSync(index) && statSync(index).mtimeMs >= sources;
}

const BUILD_LOCK = join(REPO_ROOT, 'node_modules/.cache/mist-renderer-build.lock');
/** Longer than a build may take: a lock this old was left by a process that died. */
const STALE_LOCK_MS = 300_000;

function withBuildLock(run: () => void): void {
  mkdirSync(dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = Date.now() - (statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // a synchronous pause
  }
  try {
    run();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
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

/** The shell every e2e test runs against: a temp home, a real core, the web shell and Chromium. */
export interface E2eShell {
  home: TempDir;
  core: Core;
  shell: WebShell;
  browser: Browser;
  /** Closes the web shell and the core, then starts new ones on the same home (as after quitting Mist). */
  restart(): Promise<void>;
  /** Closes the browser, the web shell and the core, then deletes the temp home. */
  close(): Promise<void>;
}

/**
 * Checks the renderer build, then starts a core in a fresh temp home (`mist-e2e-{name}-home`, with an
 * empty known_hosts and its own ssh_config path, never the user's), the web shell on a free port and
 * Chromium. `sshConfig` is written to the home's ssh_config first; `coreOptions` override the defaults.
 */
export async function startE2eShell(options: {
  name: string;
  coreOptions?: CoreOptions;
  sshConfig?: string;
}): Promise<E2eShell> {
  ensureRendererBuild();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const home = makeTempDir(`mist-e2e-${options.name}-home`);
  const coreOptions = e2eCoreOptions(home, options.coreOptions);
  let core: Core | undefined;
  let shell: WebShell | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await shell?.close();
    await core?.close();
    home.cleanup();
  };
  try {
    writeFileSync(coreOptions.knownHostsPath!, '');
    if (options.sshConfig !== undefined) writeFileSync(coreOptions.sshConfigPath!, options.sshConfig);
    ({ core, shell } = await startCoreAndShell(coreOptions));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    await close();
    throw error;
  }
  const e2e: E2eShell = {
    home,
    core,
    shell,
    browser,
    async restart() {
      await shell?.close();
      await core?.close();
      shell = undefined;
      core = undefined;
      ({ core, shell } = await startCoreAndShell(coreOptions));
      e2e.core = core;
      e2e.shell = shell;
    },
    close,
  };
  return e2e;
}

/** The core options of an e2e test: the web shell, its own keychain service and ~/.ssh files in `home`. */
export function e2eCoreOptions(home: TempDir, overrides: CoreOptions = {}): CoreOptions {
  return {
    home: home.path,
    shell: 'web',
    keychainService: 'mist-desktop-e2e',
    knownHostsPath: join(home.path, 'known_hosts'),
    sshConfigPath: join(home.path, 'ssh_config'),
    ...overrides,
  };
}

/** A core and the web shell in front of it (again after a restart, as after quitting Mist). */
export async function startCoreAndShell(coreOptions: CoreOptions): Promise<{ core: Core; shell: WebShell }> {
  const core = await createCore(coreOptions);
  try {
    return { core, shell: await startWebShell({ core, rendererDir: RENDERER_DIR, port: 0 }) };
  } catch (error) {
    await core.close();
    throw error;
  }
}

/** Fills the Add server form (already open) for the test sshd's docker user; returns the dialog. */
export async function fillAddServerForm(page: Page, sshd: TestSshd, name: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Add server' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Host', { exact: true }).fill(sshd.host);
  await dialog.getByLabel('Port', { exact: true }).fill(String(sshd.port));
  await dialog.getByLabel('User', { exact: true }).fill(sshd.users.docker.name);
  await dialog.getByLabel('Private key', { exact: true }).check();
  await dialog.getByLabel('Private key path', { exact: true }).fill(sshd.users.docker.privateKeyPath);
  return dialog;
}

/** Adds the test server through the Add server dialog, remembering its host key; waits for its page. */
export async function addServerThroughUi(page: Page, sshd: TestSshd, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add server', exact: true }).click();
  const dialog = await fillAddServerForm(page, sshd, name);
  await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
  await dialog.getByRole('button', { name: 'Remember', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Fills the git app fields of the New app dialog. */
export async function fillNewAppForm(
  dialog: Locator,
  app: { name: string; port: number; gitUrl: string; branch: string },
): Promise<void> {
  await dialog.getByLabel('Name', { exact: true }).fill(app.name);
  await dialog.getByLabel('Port', { exact: true }).fill(String(app.port));
  await dialog.getByLabel('Git repository', { exact: true }).fill(app.gitUrl);
  await dialog.getByLabel('Branch', { exact: true }).fill(app.branch);
}

/** Submits the New app dialog and waits for the new app's page. */
export async function submitNewAppForm(page: Page, dialog: Locator, appName: string): Promise<void> {
  await dialog.getByRole('button', { name: 'Create app', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { level: 1, name: appName }).waitFor();
}

/** Creates a project on the (only) server, then a git app in it, through the dialogs; ends on the app's page. */
export async function createProjectAndAppThroughUi(
  page: Page,
  project: string,
  app: { name: string; port: number; gitUrl: string; branch: string },
): Promise<void> {
  await page.getByRole('button', { name: 'New project', exact: true }).click();
  const projectDialog = page.getByRole('dialog', { name: 'New project' });
  await projectDialog.getByLabel('Project name', { exact: true }).fill(project);
  await projectDialog.getByRole('button', { name: 'Create project', exact: true }).click();
  await projectDialog.waitFor({ state: 'hidden' });
  await page.getByRole('heading', { level: 1, name: project }).waitFor();

  await page.getByRole('button', { name: 'New app', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `New app in ${project}` });
  await fillNewAppForm(dialog, app);
  await submitNewAppForm(page, dialog, app.name);
}

/** Waits until the page shows deployment #number, then until it has succeeded. */
export async function waitForDeploymentSuccess(page: Page, number: number, timeoutMs: number): Promise<void> {
  const heading = page.getByRole('heading', { level: 2, name: new RegExp(`^Deployment #${number}\\b`) });
  await heading.waitFor();
  await heading.getByText('Success').waitFor({ timeout: timeoutMs });
}

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

/** Removes an app's container (`app-{id}`) from the local engine, and the images tagged `imageRef` if given. */
export async function removeAppContainer(appId: string, imageRef?: string): Promise<void> {
  await local
    .getContainer(`app-${appId}`)
    .remove({ force: true })
    .catch(() => {});
  if (!imageRef) return;
  const images = await local.listImages({ filters: { reference: [imageRef] } }).catch(() => []);
  for (const image of images)
    await local
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => {});
}

/**
 * Adds the test server to the core, a project on it and a service app in it (port 8080, a repository
 * that is never fetched), then runs `cmd` in the base image as the app's container, named and labelled
 * as a deploy names it. Returns the app's id.
 */
export async function startAppContainer(
  core: Core,
  sshd: TestSshd,
  names: { server: string; project: string; app: string; cmd: string[] },
): Promise<string> {
  const server = await core.servers.add(serverInput(sshd, { name: names.server }));
  const project = await core.handlers['projects.create']({ name: names.project, serverId: server.id });
  const app = await core.handlers['apps.create']({
    projectId: project.id,
    name: names.app,
    type: 'service',
    port: 8080,
    gitUrl: `https://example.invalid/${names.app}.git`,
  } as never);
  const container = await local.createContainer({
    name: `app-${app.id}`,
    Image: BASE_IMAGE,
    Cmd: names.cmd,
    Labels: { 'mist.project': project.id, 'mist.app': app.id },
  });
  await container.start().catch(async (error: unknown) => {
    await container.remove({ force: true }).catch(() => {});
    throw error;
  });
  return app.id;
}
