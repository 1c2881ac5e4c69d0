import type { DeploymentDto } from '../../../shared/dto/app';
import { useCancelDeploy } from '../hooks/useDeployments';
import { ErrorNotice } from './ErrorNotice';

/** Cancel a queued or running deployment; the previous container keeps serving. */
export function CancelDeployment({ deployment }: { deployment: DeploymentDto }) {
  const cancel = useCancelDeploy(deployment);
  return (
    <div className="cancel-deployment">
      <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
        Cancel deployment
      </button>
      <ErrorNotice error={cancel.error} />
    </div>
  );
}
