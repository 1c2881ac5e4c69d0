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
