import { isSshGitUrl } from '../../../shared/app-rules';
import type { DeployKeys } from '../apps/deploy-keys';
import type { ConnectionPool } from '../ssh/connection-pool';
import { DeployKeyAgent } from '../ssh/deploy-key-agent';
import type { ServerConnection } from '../ssh/server-connection';
import { MistError } from '../../../shared/errors';
import type { AppRecord } from '../store/apps-repo';
import { remoteBranchHead } from './remote-git';
import type { ServersRepo } from '../store/servers-repo';

/** Where git runs on the server for one app, and which agent it may use there. */
export interface GitAccess {
  conn: ServerConnection;
  /** Ask sshd to forward the connection's agent to the git command. */
  forwardAgent: boolean;
  /** The deploy key git is given (its fingerprint, for the error when the repository refuses it), or null. */
  deployKeyFingerprint: string | null;
  /** Call once git is done: closes a connection opened for it. */
  release(): void;
}

export type GitAccessFor = (app: Pick<AppRecord, 'id' | 'serverId' | 'gitUrl' | 'deployKey'>) => Promise<GitAccess>;

/**
 * An app with a deploy key and an ssh repository gets a connection of its own whose forwarded agent
 * holds that key alone (never the user's keys, never another app's). Any other app runs git on the
 * server's pooled connection, forwarding the user's agent when the server opted in.
 */
export function gitAccessFor(deps: {
  pool: ConnectionPool;
  servers: ServersRepo;
  deployKeys: DeployKeys;
}): GitAccessFor {
  return async (app) => {
    const key = app.deployKey && isSshGitUrl(app.gitUrl) ? await deps.deployKeys.privateKey(app.id) : null;
    if (key && app.deployKey) {
      const conn = deps.pool.dedicated(app.serverId, (loginAgent) => new DeployKeyAgent(key, loginAgent));
      return {
        conn,
        forwardAgent: true,
        deployKeyFingerprint: app.deployKey.fingerprint,
        release: () => conn.dispose(),
      };
    }
    return {
      conn: deps.pool.connection(app.serverId),
      forwardAgent: deps.servers.findById(app.serverId)?.forwardAgent === true,
      deployKeyFingerprint: null,
      release: () => {},
    };
  };
}

/** The app's branch head as git on its server sees it, with the credentials a deploy would use. */
export type BranchHeadOnServer = (app: AppRecord) => Promise<string>;

export function branchHeadOnServer(deps: {
  gitAccess: GitAccessFor;
  /** The app's git access token (private https repositories), or null. */
  gitToken: (appId: string) => Promise<string | null>;
  timeoutMs: number;
}): BranchHeadOnServer {
  return async (app) => {
    if (!app.gitCloneUrl) throw new MistError('invalid-input', `${app.name} has no git repository.`);
    const token = await deps.gitToken(app.id);
    const git = await deps.gitAccess(app);
    return remoteBranchHead(
      git.conn,
      { url: app.gitCloneUrl, branch: app.branch, token, deployKey: git.deployKeyFingerprint },
      { timeoutMs: deps.timeoutMs, forwardAgent: git.forwardAgent },
    ).finally(() => git.release());
  };
}
