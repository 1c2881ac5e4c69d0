import type { DeploymentDto } from '../../../shared/dto/app';
import { useRollback } from '../hooks/useDeployments';
import { ErrorNotice } from './ErrorNotice';

/** Runs this deployment's image again with the app's current settings: no clone, no build. */
export function RollbackButton({ deployment }: { deployment: DeploymentDto }) {
  const rollback = useRollback(deployment);
  return (
    <div className="rollback-deployment">
      <button
        type="button"
        onClick={() => rollback.mutate()}
        disabled={rollback.isPending}
        title="Run this deployment's image again, with the app's current variables and settings, without a build"
      >
        Roll back to #{deployment.number}
      </button>
      <ErrorNotice error={rollback.error} />
    </div>
  );
}
