import { homedir } from 'node:os';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import type { ConnectionStateDto } from '../../shared/dto/server';
import type { ApiHandlers } from './api/api-handlers';
import { createHandlers } from './api/create-handlers';
import { deployHandlers } from './api/handlers/deploy-handlers';
import { serverHandlers } from './api/handlers/server-handlers';
import { shellHandlers } from './api/handlers/shell-handlers';
import { githubHandlers } from './api/handlers/github-handlers';
import { chooseGitToken, GitHubAccount } from './github/github-account';
import { SettingsStore } from './settings/settings-store';
import { ShellService } from './shell/shell-service';
import { createAppModule, type AppModule } from './apps/app-module';
import { createAutoDeploy } from './autodeploy/auto-deploy-module';
import type { AutoDeployWatcher } from './autodeploy/auto-deploy-watcher';
import { databaseHandlers } from './databases/database-handlers';
import { DeployKeys } from './apps/deploy-keys';
import { GitTokens } from './apps/git-tokens';
import { branchHeadOnServer, gitAccessFor } from './deploy/git-access';
import { AuditLog } from './audit/audit-log';
import { AppsRepo } from './store/apps-repo';
import { AuditRepo } from './store/audit-repo';
import { AppRuntime } from './deploy/app-runtime';
import { DeployService } from './deploy/deploy-service';
import { createDomainModule } from './domains/domain-module';
import { customTemplatesDir, loadTemplates } from './templates/template-catalog';
import { closeDashboardForwards } from './traefik/dashboard-forward';
import { databasePath, defaultDataDir } from './paths';
import { KeychainSecretStore, type SecretStore } from './secrets/secret-store';
import { ServerService } from './servers/server-service';
import { ConnectionPool } from './ssh/connection-pool';
import type { ConnectionTimings } from './ssh/server-connection';
import { openDatabase, type Database } from './store/database';
import { DeploymentsRepo } from './store/deployments-repo';
import { ProjectsRepo } from './store/projects-repo';
import { ServersRepo } from './store/servers-repo';

/** How long asking a git host for a branch head may take before the answer counts as failed. */
const GIT_HEAD_TIMEOUT_MS = 60_000;

export interface CoreOptions {
  /** Data directory; defaults to MIST_HOME or the per-user data directory. */
  home?: string;
  shell?: 'electron' | 'web';
  /**
   * Watch the branches of apps with auto-deploy on. Only long-running shells (the Electron app, the
   * web shell) turn it on: a CLI command must not start deploys behind the user's back.
   */
  watchBranches?: boolean;
  /** The smallest auto-deploy interval honoured, in seconds (default 15; tests use less). */
  autoDeployMinIntervalS?: number;
  /** Keychain service name (tests use their own so they never touch the user's entries). */
  keychainService?: string;
  secretStore?: SecretStore;
  /** Defaults to ~/.ssh/known_hosts; null ignores known_hosts. */
  knownHostsPath?: string | null;
  sshConfigPath?: string;
  /** Unattended CLI use: a password or passphrase from the environment instead of the keychain. */
  secretOverride?: string | null;
  timings?: Partial<ConnectionTimings>;
  /** The Traefik image Prepare server runs (default: the pinned v3 image; tests use a local stand-in). */
  traefikImage?: string;
  /** The built-in database templates (packaged app: its resources folder; default: the repository's). */
  templatesDir?: string;
  /** Deploys running at once per server (default 2). */
  deploysPerServer?: number;
  /** The GitHub REST API root (default https://api.github.com; tests use a local fake GitHub). */
  githubApiUrl?: string;
}

/** Everything the shells need, wired once: store, secrets, connections, services and the API. */
export interface Core {
  dataDir: string;
  db: Database;
  secrets: SecretStore;
  pool: ConnectionPool;
  servers: ServerService;
  apps: AppModule;
  deploys: DeployService;
  runtime: AppRuntime;
  /** The app's own settings (settings.json in the data directory). */
  settings: SettingsStore;
  /** Open container shells (`apps.shell`). */
  shells: ShellService;
  /** The connected GitHub account (token in the keychain), for the repository picker and private clones. */
  github: GitHubAccount;
  /** Deploys new commits of apps with auto-deploy on (running only when `watchBranches`). */
  autoDeploy: AutoDeployWatcher;
  handlers: ApiHandlers;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions = {}): Promise<Core> {
  const dataDir = options.home ?? defaultDataDir();
  const db = openDatabase(databasePath(dataDir));
  const secrets = options.secretStore ?? new KeychainSecretStore(options.keychainService);
  const repo = new ServersRepo(db);
  const knownHostsPath =
    options.knownHostsPath === undefined ? join(homedir(), '.ssh', 'known_hosts') : options.knownHostsPath;
  const pool = new ConnectionPool({
    servers: repo,
    secrets,
    knownHostsPath,
    secretOverride: options.secretOverride ?? null,
    ...(options.timings ? { timings: options.timings } : {}),
  });
  const servers = new ServerService({
    // read at clean-up time, once the deploy service exists
    deploysRunningOn: (serverId) => deploys.runningOn(serverId),
    projects: new ProjectsRepo(db),
    audit: new AuditLog(new AuditRepo(db)),
    repo,
    secrets,
    pool,
    knownHostsPath,
    sshConfigPath: options.sshConfigPath ?? join(homedir(), '.ssh', 'config'),
  });
  // read on every call, so a template file dropped into the data folder counts at once
  const templates = () =>
    loadTemplates({
      ...(options.templatesDir ? { builtinDir: options.templatesDir } : {}),
      customDir: customTemplatesDir(dataDir),
    });
  const apps = createAppModule({
    db,
    secrets,
    pool,
    servers: repo,
    templates,
    // an app's deploys must not outlive it
    beforeAppDelete: async (app) => {
      deploys.cancelAllFor(app.id);
      await gitTokens.forget(app.id);
      await deployKeys.forget(app.id);
    },
  });
  const appSecrets = {
    apps: new AppsRepo(db),
    secrets,
    audit: apps.audit,
    getApp: (appId: string) => apps.apps.get(appId),
  };
  const gitTokens = new GitTokens(appSecrets);
  const deployKeys = new DeployKeys(appSecrets);
  const gitAccess = gitAccessFor({ pool, servers: repo, deployKeys });
  const github = new GitHubAccount({
    secrets,
    audit: apps.audit,
    ...(options.githubApiUrl ? { apiUrl: options.githubApiUrl } : {}),
  });
  // the app's own token first; else, for a GitHub https remote, the connected account's
  const gitTokenFor = (appId: string) =>
    chooseGitToken(
      () => gitTokens.get(appId),
      apps.apps.record(appId).gitCloneUrl,
      () => github.token(),
    );
  // what a deploy would fetch, asked on the server: by the auto-deploy check and by "Check access"
  const headOnServer = branchHeadOnServer({ gitAccess, gitToken: gitTokenFor, timeoutMs: GIT_HEAD_TIMEOUT_MS });
  const deployments = new DeploymentsRepo(db);
  const domainHosts = { hosts: (appId: string) => domainModule.domains.hosts(appId) };
  const deploys = new DeployService({
    deployments,
    servers: repo,
    pool,
    apps: apps.apps,
    env: apps.env,
    audit: apps.audit,
    domains: domainHosts,
    gitToken: gitTokenFor,
    gitAccess,
    afterDeploy: (app, log) => domainModule.reportCertificates(app, log),
    templates,
    ...(options.deploysPerServer ? { perServerLimit: options.deploysPerServer } : {}),
  });
  // Deployments a crash left half-way are settled against the server, now and after each reconnect.
  const reconcile = (serverId?: string) => void deploys.reconcile(serverId).catch(() => {});
  reconcile();
  const lastStatus = new Map<string, string>();
  pool.on('state', (state: ConnectionStateDto) => {
    if (state.status === 'connected' && lastStatus.get(state.serverId) !== 'connected') reconcile(state.serverId);
    lastStatus.set(state.serverId, state.status);
  });
  const runtime = new AppRuntime({ pool, deployments, apps: apps.apps, audit: apps.audit });
  const autoDeploy = createAutoDeploy({
    db,
    headOnServer,
    deploys,
    githubHead: (app) => github.branchHead(app.gitCloneUrl, app.branch),
    ...(options.autoDeployMinIntervalS !== undefined ? { minIntervalS: options.autoDeployMinIntervalS } : {}),
  });
  if (options.watchBranches) autoDeploy.start();
  const domainModule = createDomainModule({
    db,
    servers: repo,
    pool,
    apps: apps.apps,
    deploys,
    runtime,
    audit: apps.audit,
    ...(options.traefikImage ? { traefikImage: options.traefikImage } : {}),
  });
  // a new web app gets its automatic domain (from the server's wildcard) as it is created
  const createApp = apps.handlers['apps.create'];
  const appsAndProjects = {
    ...apps.handlers,
    'apps.create': async (input: Parameters<typeof createApp>[0]) => {
      const app = await createApp(input);
      domainModule.domains.assignAutoDomain(app.id);
      return app;
    },
    // the watcher follows changes to auto-deploy (and forgets deleted apps); a compose app that
    // makes a service public for the first time gets its automatic domain, as a new web app does
    'apps.update': async (input: Parameters<(typeof apps.handlers)['apps.update']>[0]) => {
      const wasPublic = Boolean(apps.apps.get(input.id).compose?.publicService);
      const app = await apps.handlers['apps.update'](input);
      if (options.watchBranches) autoDeploy.refresh(app.id);
      if (app.type === 'compose' && app.compose?.publicService && !wasPublic)
        domainModule.domains.assignAutoDomain(app.id);
      return app;
    },
    'apps.delete': async (input: Parameters<(typeof apps.handlers)['apps.delete']>[0]) => {
      const removed = await apps.handlers['apps.delete'](input);
      if (options.watchBranches) autoDeploy.refresh(input.appId);
      return removed;
    },
  };
  const settings = new SettingsStore(dataDir);
  const shells = new ShellService({ docker: (serverId) => pool.docker(serverId), apps: apps.apps });
  const handlers = createHandlers({
    servers: serverHandlers({
      servers,
      pool,
      secrets,
      info: { version: packageJson.version, shell: options.shell ?? 'web', dataDir },
    }),
    projectsAndApps: appsAndProjects,
    deploys: deployHandlers({
      deploys,
      runtime,
      gitTokens,
      deployKeys,
      checkGitAccess: async (appId) => {
        const app = apps.apps.record(appId);
        return { branch: app.branch, commit: await headOnServer(app) };
      },
    }),
    domains: domainModule.handlers,
    templates: { 'templates.list': templates },
    databases: databaseHandlers({ apps: apps.apps, env: apps.env, templates, pool }),
    shell: shellHandlers(shells),
    settings: { 'settings.get': () => settings.get(), 'settings.update': (input) => settings.update(input) },
    github: githubHandlers(github),
  });
  return {
    dataDir,
    db,
    secrets,
    pool,
    servers,
    apps,
    deploys,
    runtime,
    settings,
    shells,
    github,
    autoDeploy,
    handlers,
    async close() {
      autoDeploy.stop();
      deploys.cancelEverything();
      shells.closeAll();
      closeDashboardForwards(pool);
      pool.closeAll();
      db.close();
    },
  };
}
