/** Projects, apps, environment variables and deployments as the UI and the CLI see them. */

export interface ProjectDto {
  id: string;
  name: string;
  serverId: string;
  appCount: number;
  createdAt: string;
  updatedAt: string;
}

export type AppType = 'web' | 'service';
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
  branch: string;
  dockerfilePath: string;
  rootDir: string;
  /** CPUs (0.1 … the server's cores), or null for no limit. */
  cpuLimit: number | null;
  /** Megabytes (128 … the server's memory), or null for no limit. */
  memoryMb: number | null;
  restartPolicy: RestartPolicy;
  /** Other apps on the server reach this one here: `app-{id}:{port}`. */
  internalAddress: string;
  /** Configuration changed since the active deployment: a redeploy applies it. */
  redeployPending: boolean;
  createdAt: string;
  updatedAt: string;
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
export type DeployStage = 'queued' | 'resolve' | 'fetch' | 'build' | 'deploy';

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

export type AppStatus = 'running' | 'stopped' | 'error' | 'building' | 'deploying' | 'not-deployed';

export interface AppStatusDto {
  appId: string;
  status: AppStatus;
  containerState: string | null;
  startedAt: string | null;
  exitCode: number | null;
}

export interface AuditEntryDto {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: 'server' | 'project' | 'app';
  targetId: string;
  appId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}
