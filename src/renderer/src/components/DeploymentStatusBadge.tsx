import type { DeploymentStatus } from '../../../shared/dto/app';
import { deploymentStatusLabel } from '../lib/deploy-stages';

export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {deploymentStatusLabel(status)}
    </span>
  );
}
