import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type * as CoreModule from '../../src/main/core/core';
import type { Core } from '../../src/main/core/core';
import type * as SharedApiModule from '../../src/shared/api';
import type { CallChannel, InputOf, OutputOf, ParsedInputOf } from '../../src/shared/api';
import type { DeploymentDto } from '../../src/shared/dto/app';
import { findFreePort } from '../../test/fixtures/free-port';
import { makeTempDir } from '../../test/fixtures/temp-home';
import type { Cleanup } from './cleanup';
import type { DeploySample } from './deploy-baseline';
import { removeContainersAndImagesLabelled, verifyServing, type DeployEnv } from './deploy-env';

/**
 * Ours: the core's deploy pipeline, driven through its API handlers exactly as the CLI does
 * (`deploy.start` with trigger `cli`, then `deployments.get` until the status settles). The core talks
 * to the same sshd through the same WAN proxy as the baselines, over its one persistent connection.
 *
 * The core and the API are imported lazily: while the deploy pipeline is being written, the
 * baselines still run and "ours" reports why it was not measured.
 */
export interface Ours {
  core: Core;
  serverId: string;
  projectId: string;
  /** Whether `env.set` exists: then each app gets its own BUILD_GREETING (a fresh build cache) and PORT. */
  hasEnv: boolean;
}

export type OursSetup = { available: true; ours: Ours } | { available: false; reason: string };

const REQUIRED: CallChannel[] = [
  'servers.add',
  'projects.create',
  'apps.create',
  'apps.delete',
  'deploy.start',
  'deploy.rollback',
  'deployments.get',
];
const DEPLOY_TIMEOUT_MS = 180_000;
const POLL_MS = 20;
const TERMINAL = new Set(['success', 'failed', 'cancelled']);
/** Where the core keeps an app's checkout on the server (issue 3, item 4). */
const SERVER_PROJECTS_DIR = '/var/lib/mist/projects';

type ApiModule = typeof SharedApiModule;

/** Calls one API channel the way the shells do: input parsed by its schema (defaults applied), then the handler. */
async function call<K extends CallChannel>(
  api: ApiModule,
  core: Core,
  channel: K,
  input: InputOf<K>,
): Promise<OutputOf<K>> {
  const handler = core.handlers[channel] as unknown as
    ((parsed: ParsedInputOf<K>) => Promise<OutputOf<K>> | OutputOf<K>) | undefined;
  if (typeof handler !== 'function') throw new Error(`core.handlers['${channel}'] does not exist`);
  const parsed = api.apiDefinition[channel].input.parse(input) as ParsedInputOf<K>;
  return await handler(parsed);
}

let apiModule: ApiModule | null = null;
const api = (): ApiModule => {
  if (!apiModule) throw new Error('prepareOurs() first');
  return apiModule;
};

/** Starts a core with the test server and a project, or says why ours cannot be measured. */
export async function prepareOurs(env: DeployEnv, cleanup: Cleanup, log: (line: string) => void): Promise<OursSetup> {
  let createCore: typeof CoreModule.createCore;
  try {
    apiModule = await import('../../src/shared/api');
    ({ createCore } = await import('../../src/main/core/core'));
  } catch (error) {
    return { available: false, reason: `the core does not load: ${(error as Error).message.split('\n')[0]}` };
  }
  const home = makeTempDir('mist-bench-deploy-home');
  cleanup.add('remove temp home', () => home.cleanup());
  const core = await createCore({ home: home.path, keychainService: 'mist-desktop-bench', knownHostsPath: null });
  cleanup.add('close core', () => core.close());
  const missing = REQUIRED.filter((channel) => typeof core.handlers[channel] !== 'function');
  if (missing.length > 0) return { available: false, reason: `the core has no handler for ${missing.join(', ')} yet` };

  const user = env.sshd.users.docker;
  const server = await call(api(), core, 'servers.add', {
    name: 'bench',
    host: '127.0.0.1',
    port: env.proxy.port,
    user: user.name,
    auth: { kind: 'key', keyPath: user.privateKeyPath },
    hostKey: { fingerprint: env.sshd.hostKeyFingerprint, trust: 'remember' },
  });
  const project = await call(api(), core, 'projects.create', { name: `bench-${env.runId}`, serverId: server.id });
  log(`ours: core ready (server ${server.id}, project ${project.name})`);
  // Cleanup runs in reverse: the core removes its project first, then whatever it left is removed by
  // the labels its containers and images carry, then the core closes.
  cleanup.add('remove containers and images labelled with the project', () =>
    removeContainersAndImagesLabelled(`mist.project=${project.id}`),
  );
  cleanup.add('remove the project, its apps and checkouts', async () => {
    await call(api(), core, 'projects.delete', { id: project.id, removeApps: true }).catch((error: unknown) =>
      log(`ours: projects.delete failed: ${(error as Error).message}`),
    );
    rmSync(`${SERVER_PROJECTS_DIR}/${project.id}`, { recursive: true, force: true });
  });
  return {
    available: true,
    ours: { core, serverId: server.id, projectId: project.id, hasEnv: typeof core.handlers['env.set'] === 'function' },
  };
}

function stagesOf(deployment: DeploymentDto): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const stage of deployment.stages) if (stage.durationMs !== null) stages[stage.stage] = stage.durationMs;
  return stages;
}

async function failureDetails(ours: Ours, deployment: DeploymentDto): Promise<string> {
  const log = await call(api(), ours.core, 'deployments.log', { deploymentId: deployment.id }).catch(() => []);
  const tail = log.slice(-30).map((line) => `  ${line.text}`);
  return `deployment #${deployment.number} ended ${deployment.status}: ${deployment.error ?? '(no error)'}\n${tail.join('\n')}`;
}

/** One deploy through the API, timed from `deploy.start` to the settled status, then verified (untimed). */
async function deployOnce(
  env: DeployEnv,
  ours: Ours,
  appId: string,
  port: number,
  greeting: string | null,
): Promise<DeploySample & { id: string }> {
  const start = performance.now();
  const started = await call(api(), ours.core, 'deploy.start', { appId, trigger: 'cli' });
  const { ms, deployment } = await settle(ours, started, start);
  await verifyServing(`app-${appId}`, port, { version: env.version, greeting });
  return { ms, stages: stagesOf(deployment), commit: deployment.commitHash ?? '', id: deployment.id };
}

/**
 * A rollback to `to` (the first deploy's image, no build), timed from `deploy.rollback` to the
 * settled status, then verified (untimed): the app serves that deploy's version again.
 */
async function rollbackOnce(
  ours: Ours,
  to: string,
  appId: string,
  port: number,
  expected: { version: number; greeting: string | null },
): Promise<DeploySample> {
  const start = performance.now();
  const started = await call(api(), ours.core, 'deploy.rollback', { deploymentId: to });
  const { ms, deployment } = await settle(ours, started, start);
  await verifyServing(`app-${appId}`, port, expected);
  return { ms, stages: stagesOf(deployment), commit: deployment.commitHash ?? '' };
}

/** Polls a deployment until it settles; throws with its log unless it succeeded. */
async function settle(
  ours: Ours,
  started: DeploymentDto,
  start: number,
): Promise<{ ms: number; deployment: DeploymentDto }> {
  let deployment = started;
  while (!TERMINAL.has(deployment.status)) {
    if (performance.now() - start > DEPLOY_TIMEOUT_MS)
      throw new Error(`deployment ${deployment.id} still ${deployment.status} after ${DEPLOY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    deployment = await call(api(), ours.core, 'deployments.get', { deploymentId: deployment.id });
  }
  const ms = performance.now() - start;
  if (deployment.status !== 'success') throw new Error(await failureDetails(ours, deployment));
  return { ms, deployment };
}

/**
 * One iteration for ours: a new web app (first deploy), the one-line change, a redeploy, a rollback
 * to the first deploy's image; then the app is deleted (untimed) so the next iteration starts from
 * nothing.
 */
export async function measureOurs(
  env: DeployEnv,
  ours: Ours,
  iteration: number,
): Promise<{ first: DeploySample; redeploy: DeploySample; rollback: DeploySample }> {
  // With env vars: the app listens on a free port (no clash with anything on 3000) and builds with its
  // own BUILD_GREETING, so its first build shares no cache with the baselines' builds.
  const port = ours.hasEnv ? await findFreePort() : 3000;
  const greeting = ours.hasEnv ? `ours-${env.runId}-${iteration}` : null;
  const app = await call(api(), ours.core, 'apps.create', {
    projectId: ours.projectId,
    name: `web-${iteration}`,
    type: 'web',
    port,
    gitUrl: env.repoUrl,
    branch: 'main',
  });
  try {
    if (ours.hasEnv && greeting !== null) {
      await call(api(), ours.core, 'env.set', {
        appId: app.id,
        vars: [
          { key: 'BUILD_GREETING', value: greeting, scope: 'build' },
          { key: 'PORT', value: String(port), scope: 'runtime' },
        ],
      });
    }
    const first = await deployOnce(env, ours, app.id, port, greeting);
    const firstVersion = env.version;
    await env.bumpVersion();
    const redeploy = await deployOnce(env, ours, app.id, port, greeting);
    const rollback = await rollbackOnce(ours, first.id, app.id, port, { version: firstVersion, greeting });
    return { first, redeploy, rollback };
  } finally {
    await call(api(), ours.core, 'apps.delete', { appId: app.id }).catch(() => undefined);
  }
}
