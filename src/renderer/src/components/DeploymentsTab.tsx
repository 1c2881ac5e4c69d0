import type { AppDto } from '../../../shared/dto/app';
import { DeployRefForm } from './DeployRefForm';
import { DeploymentHistory } from './DeploymentHistory';
import { DeploymentView } from './DeploymentView';

/** The history, or one deployment (live while it runs, its stored build log afterwards). */
export function DeploymentsTab({ app, deploymentId }: { app: AppDto; deploymentId: string | null }) {
  return deploymentId ? (
    <DeploymentView key={deploymentId} app={app} deploymentId={deploymentId} />
  ) : (
    <>
      <DeploymentHistory app={app} />
      <DeployRefForm app={app} />
    </>
  );
}
