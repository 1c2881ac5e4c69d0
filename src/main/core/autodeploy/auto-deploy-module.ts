import type { AppRecord } from '../store/apps-repo';
import { AppsRepo } from '../store/apps-repo';
import type { Database } from '../store/database';
import { DeploymentsRepo } from '../store/deployments-repo';
import type { DeployService } from '../deploy/deploy-service';
import type { BranchHeadOnServer } from '../deploy/git-access';
import { AutoDeployWatcher, type WatchedApp } from './auto-deploy-watcher';

export interface AutoDeployModuleDeps {
  db: Database;
  /** Asks git on the server (see git-access.ts). */
  headOnServer: BranchHeadOnServer;
  deploys: Pick<DeployService, 'start'>;
  /**
   * Asks the GitHub API for the head when it can (a conditional request costs nothing when nothing
   * changed); null means "ask the server with git".
   */
  githubHead?: (app: AppRecord) => Promise<string | null>;
  minIntervalS?: number;
}

/** The branch watcher wired to the store, the deploy service and the servers' git. */
export function createAutoDeploy(deps: AutoDeployModuleDeps): AutoDeployWatcher {
  const apps = new AppsRepo(deps.db);
  const deployments = new DeploymentsRepo(deps.db);
  const records = (): WatchedApp[] => apps.list();
  return new AutoDeployWatcher({
    apps: { records, find: (appId) => apps.findById(appId) },
    lastSeen: { get: (appId) => apps.watchLastSha(appId), set: (appId, sha) => apps.setWatchLastSha(appId, sha) },
    deployments: {
      latest: (appId) => deployments.listForApp(appId, 1)[0] ?? null,
      busy: (appId) => deployments.unfinished().some((deployment) => deployment.appId === appId),
    },
    head: async (watched) => {
      const app = apps.findById(watched.id);
      if (!app?.gitCloneUrl) throw new Error(`${watched.name} has no repository`);
      const fromGitHub = (await deps.githubHead?.(app)) ?? null;
      return fromGitHub ?? deps.headOnServer(app);
    },
    deploy: (appId) => deps.deploys.start(appId, 'auto'),
    ...(deps.minIntervalS !== undefined ? { minIntervalS: deps.minIntervalS } : {}),
  });
}
