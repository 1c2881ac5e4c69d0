import type { AppDto } from '../../../shared/dto/app';
import { useStartDeploy } from '../hooks/useDeployments';
import { ErrorNotice } from './ErrorNotice';

/** Deploy: starts (or queues) a deployment and opens its live view. */
export function DeployButton({ app }: { app: AppDto }) {
  const deploy = useStartDeploy(app.id);
  return (
    <div className="deploy-button">
      <button
        type="button"
        className="primary"
        onClick={() => deploy.mutate()}
        disabled={deploy.isPending || !app.gitUrl}
        title={app.gitUrl ? undefined : 'Set a git repository first (Git tab)'}
      >
        Deploy
      </button>
      <ErrorNotice error={deploy.error} />
    </div>
  );
}
