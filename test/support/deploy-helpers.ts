import { execFileSync } from 'node:child_process';
import Dockerode from 'dockerode';
import type { DeploymentDto } from '../../src/shared/dto/app';
import type { Core } from '../../src/main/core/core';

const FINISHED = new Set(['success', 'failed', 'cancelled']);

/** Polls a deployment until it has finished (or the timeout passes). */
export async function waitForDeployment(core: Core, deploymentId: string, timeoutMs = 120_000): Promise<DeploymentDto> {
  const started = Date.now();
  for (;;) {
    const deployment = await core.handlers['deployments.get']({ deploymentId });
    if (FINISHED.has(deployment.status)) return deployment;
    if (Date.now() - started > timeoutMs)
      throw new Error(`deployment ${deploymentId} still ${deployment.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until a deployment reaches one of the statuses (e.g. 'building'). */
export async function waitForStatus(
  core: Core,
  deploymentId: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<void> {
  const started = Date.now();
  while (!statuses.includes((await core.handlers['deployments.get']({ deploymentId })).status)) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`deployment ${deploymentId} never reached ${statuses.join('/')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** GETs a path from the published port, retrying briefly while the server starts. */
export async function httpGet(
  port: number,
  path: string,
  timeoutMs = 10_000,
): Promise<{ status: number; body: string }> {
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Polls `check` every 50 ms until it holds; throws `timed out waiting for {what}` after the timeout. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every file under `dir` whose content holds `needle` (grep as root sees everything). */
export function filesContaining(dir: string, needle: string): string[] {
  try {
    return execFileSync('grep', ['-rlF', '--', needle, dir], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // grep exits 1 when nothing matches
  }
}

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

/** Force-removes every container of a project (label mist.project) from the local engine, ignoring errors. */
export async function removeProjectContainers(projectId: string | undefined): Promise<void> {
  const containers = await local.listContainers({ all: true, filters: { label: [`mist.project=${projectId}`] } });
  await Promise.all(
    containers.map((c) =>
      local
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {}),
    ),
  );
}
