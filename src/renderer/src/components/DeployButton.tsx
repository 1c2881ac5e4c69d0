import type { AppDto } from '../../../shared/dto/app';
import { useStartDeploy } from '../hooks/useDeployments';
import { ErrorNotice } from './ErrorNotice';

/** Deploy: starts (or queues) a deployment and opens its live view. */
export function DeployButton({ app }: { app: AppDto }) {
  const deploy = useStartDeploy(app.id);
  // a database app runs its template's image: no repository needed
  const deployable = app.type === 'database' || app.gitUrl !== null;
  return (
    <div className="deploy-button">
      <button
        type="button"
        className="primary"
        onClick={() => deploy.mutate()}
        disabled={deploy.isPending || !deployable}
        title={deployable ? undefined : 'Set a git repository first (Git tab)'}
      >
        Deploy
      </button>
      <ErrorNotice error={deploy.error} />
    </div>
  );
}
