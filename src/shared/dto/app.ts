/** Projects, apps, environment variables and deployments as the UI and the CLI see them. */

export interface ProjectDto {
  id: string;
  name: string;
  serverId: string;
  appCount: number;
  createdAt: string;
  updatedAt: string;
}

export type AppType = 'web' | 'service' | 'database' | 'compose';
export type RestartPolicy = 'no' | 'always' | 'on-failure' | 'unless-stopped';

export interface AppDto {
  id: string;
  projectId: string;
  serverId: string;
  name: string;
  type: AppType;
  description: string;
  port: number;
  /** As the user typed it (https, ssh, git://, a server path, file://, or owner/repo). */
  gitUrl: string | null;
  /** An access token for a private https repository is stored (in the keychain; never shown). */
  hasGitToken: boolean;
  /**
   * The app's deploy key, if it has one: the public half, to add to the repository's deploy keys
   * (the private half stays in the keychain). Used for ssh repository URLs.
   */
  deployKey: DeployKeyDto | null;
  branch: string;
  dockerfilePath: string;
  rootDir: string;
  /** CPUs (0.1 … the server's cores), or null for no limit. */
  cpuLimit: number | null;
  /** Megabytes (128 … the server's memory), or null for no limit. */
  memoryMb: number | null;
  restartPolicy: RestartPolicy;
  /**
   * How much of the container's output Docker keeps on the server. A compose app's services get it
   * unless their compose file sets a `logging:` of its own.
   */
  logRetention: LogRetentionDto;
  /**
   * Web and service apps: a deploy's new container must answer an HTTP GET of `path` on the app's
   * port with 2xx or 3xx within `timeoutS`, or the previous container serves on. `path` null: no
   * HTTP check (the container must only stay up).
   */
  healthCheck: { path: string | null; timeoutS: number };
  /** Other apps on the server reach this one here: `app-{id}:{port}`. */
  internalAddress: string;
  /** Configuration changed since the active deployment: a redeploy applies it. */
  redeployPending: boolean;
  /** Set on database apps only. */
  database: DatabaseSettingsDto | null;
  /** Set on compose apps only. */
  compose: ComposeSettingsDto | null;
  /** Deploy new commits of the branch automatically, checking every `intervalS` seconds. */
  autoDeploy: { enabled: boolean; intervalS: number };
  createdAt: string;
  updatedAt: string;
}

/** The server reached the app's repository with the credentials a deploy would use. */
export interface GitAccessCheckDto {
  branch: string;
  /** The branch head's commit, as git on the server sees it. */
  commit: string;
}

export interface DeployKeyDto {
  /** One OpenSSH public key line: `ssh-ed25519 AAAA… comment`. */
  publicKey: string;
  /** `SHA256:…`, as `ssh-keygen -lf` and the git hosts show it. */
  fingerprint: string;
}

/** Docker's `local` log driver rotates the output at `maxSizeMb` and keeps `maxFiles` files (the older ones compressed). */
export interface LogRetentionDto {
  maxSizeMb: number;
  maxFiles: number;
}

/** A database app: the template it runs, the image tag, and the named volume its data lives in. */
export interface DatabaseSettingsDto {
  templateId: string;
  tag: string;
  /** `mist-{appId}-data`, or a kept volume of a deleted app that this one re-attached. */
  volumeName: string;
  /** The database port is published on the server's host (off by default: it opens the database to the network). */
  publishPort: boolean;
}

/** A compose app: its compose file, and the one service made public through Traefik (if any). */
export interface ComposeSettingsDto {
  /** Relative to the root directory. */
  file: string;
  publicService: string | null;
  publicPort: number | null;
}

export type EnvScope = 'both' | 'build' | 'runtime';

export interface EnvVarDto {
  key: string;
  /** null for secrets unless revealed on demand. */
  value: string | null;
  secret: boolean;
  scope: EnvScope;
  updatedAt: string;
}

export type DeploymentStatus = 'pending' | 'building' | 'deploying' | 'success' | 'failed' | 'cancelled';
export type DeploymentTrigger = 'manual' | 'cli' | 'auto' | 'rollback';
/** Repository apps: resolve → fetch → build → deploy; database apps: resolve → pull → deploy. */
export type DeployStage = 'queued' | 'resolve' | 'fetch' | 'pull' | 'build' | 'deploy';

export interface StageTimingDto {
  stage: DeployStage;
  startedAt: string;
  durationMs: number | null;
}

export interface DeploymentDto {
  id: string;
  appId: string;
  number: number;
  status: DeploymentStatus;
  trigger: DeploymentTrigger;
  commitHash: string | null;
  commitMessage: string | null;
  commitAuthor: string | null;
  image: string | null;
  stages: StageTimingDto[];
  error: string | null;
  active: boolean;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** A rollback (trigger `rollback`): the number of the deployment whose image it ran again, without a build. */
  rollbackOf: number | null;
}

export interface LogLineDto {
  seq: number;
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
  at: string;
}

/** What a deployment stream carries: status/stage changes and log lines, in order. */
export type DeploymentEventDto =
  | { kind: 'status'; deployment: DeploymentDto; message: string | null }
  | { kind: 'log'; deploymentId: string; line: LogLineDto };

/** `partial`: a compose app with some of its services running. */
export type AppStatus = 'running' | 'partial' | 'stopped' | 'error' | 'building' | 'deploying' | 'not-deployed';

export interface AppStatusDto {
  appId: string;
  status: AppStatus;
  containerState: string | null;
  startedAt: string | null;
  exitCode: number | null;
  /**
   * Web, service and database apps: how often Docker restarted the container under its restart
   * policy since it was created (a crash loop shows here). Absent when there is no container.
   */
  restartCount?: number;
  /** Compose apps: one row per service, by name. */
  services?: ComposeServiceStatusDto[];
  /** Compose apps: e.g. `2/3 running`. */
  summary?: string;
}

/** One service of a compose app, as its container reports it (the first running one if scaled). */
export interface ComposeServiceStatusDto {
  service: string;
  /** Docker's container state: running, exited, created, restarting… */
  state: string;
  image: string;
  /** e.g. `0.0.0.0:8080->80/tcp`, or `80/tcp` when not published. */
  ports: string[];
  containerId: string;
}

/** One line of an app's container log (`apps.logs`). Compose apps name the service it came from. */
export interface ContainerLogLineDto {
  /** `system`: a note from Mist Desktop (a container's log ended, a service has no container). */
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
  /** Docker's timestamp, when asked for. */
  at?: string;
  service?: string;
}

/** What one running container of an app uses now (`apps.usage`). */
export interface ContainerUsageDto {
  containerId: string;
  /** A compose app's service; null for other apps. */
  service: string | null;
  /** Of one core: 200 is two cores busy. */
  cpuPercent: number;
  /** Memory in use, without the page cache the kernel can drop. */
  memoryBytes: number;
  /** The container's memory limit, or the server's memory when it has none. */
  memoryLimitBytes: number | null;
  /** Received and sent over every interface since the container started. */
  networkRxBytes: number;
  networkTxBytes: number;
  /** When Docker took the sample. */
  at: string;
}

/** An app's running containers and what each uses; empty when none runs. */
export interface AppUsageDto {
  appId: string;
  containers: ContainerUsageDto[];
}

export interface AuditEntryDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: 'server' | 'project' | 'app' | 'account';
  targetId: string;
  appId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}
