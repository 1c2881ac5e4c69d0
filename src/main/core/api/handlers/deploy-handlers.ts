import type { AppStatusDto, DeploymentEventDto, GitAccessCheckDto } from '../../../../shared/dto/app';
import type { AppRuntime } from '../../deploy/app-runtime';
import type { DeployKeys } from '../../apps/deploy-keys';
import type { GitTokens } from '../../apps/git-tokens';
import type { DeployService } from '../../deploy/deploy-service';
import type { ApiHandlers, HandlersFor } from '../api-handlers';

/** Deploys, deployment history and logs, and the running app's controls, status and container logs. */
export type DeployHandlers = HandlersFor<'deploy.' | 'deployments.'> &
  Pick<
    ApiHandlers,
    | 'apps.control'
    | 'apps.status'
    | 'apps.usage'
    | 'apps.statusWatch'
    | 'apps.logs'
    | 'apps.setGitToken'
    | 'apps.generateDeployKey'
    | 'apps.removeDeployKey'
    | 'apps.checkGitAccess'
  >;

export function deployHandlers({
  deploys,
  runtime,
  gitTokens,
  deployKeys,
  checkGitAccess,
}: {
  deploys: DeployService;
  runtime: AppRuntime;
  gitTokens: GitTokens;
  deployKeys: DeployKeys;
  checkGitAccess: (appId: string) => Promise<GitAccessCheckDto>;
}): DeployHandlers {
  return {
    'deploy.start': ({ appId, trigger, ref }) => deploys.start(appId, trigger, ref ? { ref } : {}),
    'deploy.cancel': ({ deploymentId }) => deploys.cancel(deploymentId),
    'deploy.rollback': ({ deploymentId }) => deploys.rollback(deploymentId),
    'deployments.list': ({ appId }) => deploys.list(appId),
    'deployments.get': ({ deploymentId }) => deploys.get(deploymentId),
    'deployments.log': ({ deploymentId }) => deploys.log(deploymentId),
    'deployments.watch': ({ deploymentId }, sink) => {
      // the snapshot first (status, then every stored line), then live events for this deployment
      sink.push({ kind: 'status', deployment: deploys.get(deploymentId), message: null });
      const seen = new Set<number>();
      for (const line of deploys.log(deploymentId)) {
        seen.add(line.seq);
        sink.push({ kind: 'log', deploymentId, line });
      }
      const forward = (event: DeploymentEventDto) => {
        const id = event.kind === 'log' ? event.deploymentId : event.deployment.id;
        if (id !== deploymentId) return;
        if (event.kind === 'log' && seen.has(event.line.seq)) return;
        sink.push(event);
      };
      deploys.on('event', forward);
      return () => deploys.off('event', forward);
    },
    'apps.setGitToken': ({ appId, token }) => gitTokens.set(appId, token),
    'apps.generateDeployKey': ({ appId }) => deployKeys.generate(appId),
    'apps.removeDeployKey': ({ appId }) => deployKeys.remove(appId),
    'apps.checkGitAccess': ({ appId }) => checkGitAccess(appId),
    'apps.control': ({ appId, action }) => runtime.control(appId, action),
    'apps.status': ({ appId }) => runtime.status(appId),
    'apps.usage': ({ appId }) => runtime.usage(appId),
    'apps.statusWatch': (_input, sink) => {
      const watcher = runtime.watch((status: AppStatusDto) => sink.push(status));
      // a deploy changes its app's status, and may be the first sign of an app created after we began
      const onDeploy = (event: DeploymentEventDto) => {
        if (event.kind === 'status') watcher.include(event.deployment.appId);
      };
      deploys.on('event', onDeploy);
      return () => {
        watcher.stop();
        deploys.off('event', onDeploy);
      };
    },
    'apps.logs': ({ appId, ...input }, sink) => {
      const controller = new AbortController();
      let waiting = false;
      // flow control: a slow consumer pauses the Docker streams (and so the SSH channels) until it catches up
      const follower = runtime.logs(appId, input, controller.signal, (lines) => {
        let room = true;
        for (const line of lines) room = sink.push(line) && room;
        if (room || waiting) return;
        waiting = true;
        follower.pause();
        sink.onDrain(() => {
          waiting = false;
          follower.resume();
        });
      });
      return () => controller.abort();
    },
  };
}
