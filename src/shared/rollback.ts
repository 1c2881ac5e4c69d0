import type { AppType, DeploymentDto } from './dto/app';

/**
 * Whether a deployment can be rolled back to: a web or service app's deployment that succeeded,
 * built an image, and is not the one running. (Whether the image is still on the server is known
 * only there: the rollback itself says so.)
 */
export function canRollBackTo(appType: AppType, deployment: DeploymentDto): boolean {
  return (
    (appType === 'web' || appType === 'service') &&
    deployment.status === 'success' &&
    deployment.image !== null &&
    deployment.commitHash !== null &&
    !deployment.active
  );
}

/**
 * What "roll back" means without a number: the newest deployment that can be rolled back to, runs
 * a different image, and is older than the build running now. When a rollback runs, that build is
 * the deployment it went back to, so rolling back again walks further back through the history.
 * Null when there is none.
 */
export function previousDeployment(appType: AppType, deployments: readonly DeploymentDto[]): DeploymentDto | null {
  const active = deployments.find((deployment) => deployment.active) ?? null;
  const before = active ? buildNumber(active, deployments) : Infinity;
  const candidates = deployments
    .filter((deployment) => canRollBackTo(appType, deployment))
    .filter((deployment) => deployment.number < before && deployment.image !== active?.image)
    .sort((a, b) => b.number - a.number);
  return candidates[0] ?? null;
}

/** The number of the deployment that built what `deployment` runs (a rollback's target, followed back). */
function buildNumber(deployment: DeploymentDto, deployments: readonly DeploymentDto[]): number {
  let current = deployment;
  const seen = new Set<number>();
  while (current.rollbackOf !== null && !seen.has(current.number)) {
    seen.add(current.number);
    const target = deployments.find((candidate) => candidate.number === current.rollbackOf);
    if (!target) return current.rollbackOf;
    current = target;
  }
  return current.number;
}

/** What started a deployment, as shown in a history: `manual`, `auto`…, or `rollback to #3`. */
export function triggerLabel(deployment: Pick<DeploymentDto, 'trigger' | 'rollbackOf'>): string {
  return deployment.rollbackOf === null ? deployment.trigger : `rollback to #${deployment.rollbackOf}`;
}
