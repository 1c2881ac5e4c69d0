import { z } from 'zod';
import type {
  AppInfoDto,
  ConnectionStateDto,
  DockerReclaimDto,
  DockerSpaceDto,
  HostKeyProbeDto,
  ServerCheckDto,
  ServerDto,
  SshConfigHostDto,
} from './dto/server';
import type {
  AppDto,
  AppStatusDto,
  AppUsageDto,
  GitAccessCheckDto,
  AuditEntryDto,
  ContainerLogLineDto,
  DeploymentDto,
  DeploymentEventDto,
  EnvVarDto,
  LogLineDto,
  ProjectDto,
} from './dto/app';
import type { CertStatusDto, DnsStatusDto, DomainDto, PrepareServerResultDto } from './dto/domain';
import type { TemplateCatalogDto } from './dto/template';
import type { ConnectionInfoDto, DataVolumeDto } from './dto/database';
import type { ShellEventDto } from './dto/shell';
import type { SettingsDto } from './dto/settings';
import type { GitHubBranchDto, GitHubRepositoryDto, GitHubStatusDto } from './dto/github';
import { githubBranchesInputSchema, githubConnectInputSchema, githubReposInputSchema } from './schemas/github';
import { openShellInputSchema, shellInputSchema, shellResizeInputSchema } from './schemas/shell';
import { updateSettingsInputSchema } from './schemas/settings';
import { connectionInfoInputSchema, dataVolumesInputSchema } from './schemas/database';
import { appDomainInputSchema, prepareServerInputSchema } from './schemas/domain';
import {
  appControlInputSchema,
  appIdInputSchema,
  appLogsInputSchema,
  auditListInputSchema,
  createAppInputSchema,
  createProjectInputSchema,
  deleteAppInputSchema,
  deleteProjectInputSchema,
  deployInputSchema,
  deploymentIdInputSchema,
  envKeyInputSchema,
  importEnvInputSchema,
  listAppsInputSchema,
  renameProjectInputSchema,
  setGitTokenInputSchema,
  setEnvInputSchema,
  updateAppInputSchema,
} from './schemas/app';
import {
  acceptHostKeyInputSchema,
  addServerInputSchema,
  probeHostKeyInputSchema,
  serverIdInputSchema,
  reclaimDockerSpaceInputSchema,
  sshConfigInputSchema,
  updateServerInputSchema,
} from './schemas/server';

/**
 * The one API between the UI and the core, declared once. Main validates every input with the
 * schema named here; both ends are typed from it. A `call` answers once; a `stream` sends events in
 * acknowledged batches until the subscriber leaves.
 */

export interface CallDef<I extends z.ZodType, O> {
  kind: 'call';
  input: I;
  /** Phantom: carries the output type. */
  output?: O;
}

export interface StreamDef<I extends z.ZodType, E> {
  kind: 'stream';
  input: I;
  /** Phantom: carries the event type. */
  event?: E;
}

const call =
  <O>() =>
  <I extends z.ZodType>(input: I): CallDef<I, O> => ({ kind: 'call', input });
const stream =
  <E>() =>
  <I extends z.ZodType>(input: I): StreamDef<I, E> => ({ kind: 'stream', input });

const noInput = z.object({}).strict().default({});

export const apiDefinition = {
  'app.info': call<AppInfoDto>()(noInput),
  'servers.list': call<ServerDto[]>()(noInput),
  'servers.get': call<ServerDto>()(serverIdInputSchema),
  'servers.probeHostKey': call<HostKeyProbeDto>()(probeHostKeyInputSchema),
  'servers.add': call<ServerDto>()(addServerInputSchema),
  'servers.update': call<ServerDto>()(updateServerInputSchema),
  'servers.remove': call<{ removed: true }>()(serverIdInputSchema),
  'servers.acceptHostKey': call<ServerDto>()(acceptHostKeyInputSchema),
  'servers.sshConfigHosts': call<SshConfigHostDto[]>()(sshConfigInputSchema),
  'servers.connect': call<ConnectionStateDto>()(serverIdInputSchema),
  'servers.check': call<ServerCheckDto>()(serverIdInputSchema),
  /** What Docker keeps on the server's disk (images, build cache, containers, volumes). */
  'servers.dockerSpace': call<DockerSpaceDto>()(serverIdInputSchema),
  /** Removes dangling images, and the unused build cache when asked; never a tagged image or a volume. */
  'servers.reclaimDockerSpace': call<DockerReclaimDto>()(reclaimDockerSpaceInputSchema),
  'connections.watch': stream<ConnectionStateDto>()(noInput),

  'projects.list': call<ProjectDto[]>()(noInput),
  'projects.create': call<ProjectDto>()(createProjectInputSchema),
  'projects.rename': call<ProjectDto>()(renameProjectInputSchema),
  'projects.delete': call<{ removed: true }>()(deleteProjectInputSchema),

  'apps.list': call<AppDto[]>()(listAppsInputSchema),
  'apps.get': call<AppDto>()(appIdInputSchema),
  'apps.create': call<AppDto>()(createAppInputSchema),
  'apps.update': call<AppDto>()(updateAppInputSchema),
  'apps.delete': call<{ removed: true }>()(deleteAppInputSchema),
  'apps.setGitToken': call<AppDto>()(setGitTokenInputSchema),
  /** Makes a new deploy key for the app (replacing its old one); answers with the public key in `deployKey`. */
  'apps.generateDeployKey': call<AppDto>()(appIdInputSchema),
  'apps.removeDeployKey': call<AppDto>()(appIdInputSchema),
  /** Asks the repository for the branch head from the server, with the app's token, deploy key or agent. */
  'apps.checkGitAccess': call<GitAccessCheckDto>()(appIdInputSchema),
  'apps.control': call<AppStatusDto>()(appControlInputSchema),
  'apps.status': call<AppStatusDto>()(appIdInputSchema),
  /** CPU, memory and network of the app's running containers now (one Docker stats sample each). */
  'apps.usage': call<AppUsageDto>()(appIdInputSchema),
  'apps.statusWatch': stream<AppStatusDto>()(noInput),
  /** Follows the app's container log (compose apps: all services, each line prefixed `service | `). */
  'apps.logs': stream<ContainerLogLineDto>()(appLogsInputSchema),
  /** An interactive shell in the app's container (compose: a service's); first event names the session. */
  'apps.shell': stream<ShellEventDto>()(openShellInputSchema),
  'shell.input': call<{ ok: true }>()(shellInputSchema),
  'shell.resize': call<{ ok: true }>()(shellResizeInputSchema),

  'env.list': call<EnvVarDto[]>()(appIdInputSchema),
  'env.set': call<EnvVarDto[]>()(setEnvInputSchema),
  'env.import': call<{ imported: number; errors: Array<{ line: number; message: string }> }>()(importEnvInputSchema),
  'env.delete': call<{ removed: true }>()(envKeyInputSchema),
  'env.reveal': call<{ value: string }>()(envKeyInputSchema),

  'deploy.start': call<DeploymentDto>()(deployInputSchema),
  'deploy.cancel': call<DeploymentDto>()(deploymentIdInputSchema),
  /** Runs the image of the deployment given again, with the app's current settings and no build. */
  'deploy.rollback': call<DeploymentDto>()(deploymentIdInputSchema),
  'deployments.list': call<DeploymentDto[]>()(appIdInputSchema),
  'deployments.get': call<DeploymentDto>()(deploymentIdInputSchema),
  'deployments.log': call<LogLineDto[]>()(deploymentIdInputSchema),
  'deployments.watch': stream<DeploymentEventDto>()(deploymentIdInputSchema),

  'audit.list': call<AuditEntryDto[]>()(auditListInputSchema),

  /** The app's own settings (settings.json in the data directory). */
  'settings.get': call<SettingsDto>()(noInput),
  'settings.update': call<SettingsDto>()(updateSettingsInputSchema),

  /** The GitHub account (its token lives in the keychain and never crosses back) and the repository picker. */
  'github.status': call<GitHubStatusDto>()(noInput),
  'github.connect': call<GitHubStatusDto>()(githubConnectInputSchema),
  'github.disconnect': call<GitHubStatusDto>()(noInput),
  'github.repos': call<GitHubRepositoryDto[]>()(githubReposInputSchema),
  'github.branches': call<GitHubBranchDto[]>()(githubBranchesInputSchema),

  /** Database templates: the built-in ones and the user's own, with every invalid file and why. */
  'templates.list': call<TemplateCatalogDto>()(noInput),
  /** A database app's address and connection strings (password masked unless `reveal`). */
  'databases.connectionInfo': call<ConnectionInfoDto>()(connectionInfoInputSchema),
  /** Data volumes of database apps on a server, with which app uses each (free ones can be re-attached). */
  'databases.volumes': call<DataVolumeDto[]>()(dataVolumesInputSchema),

  'servers.prepare': call<PrepareServerResultDto>()(prepareServerInputSchema),
  'servers.openTraefikDashboard': call<{ url: string }>()(serverIdInputSchema),
  'domains.list': call<DomainDto[]>()(appIdInputSchema),
  'domains.add': call<DomainDto[]>()(appDomainInputSchema),
  'domains.remove': call<DomainDto[]>()(appDomainInputSchema),
  'domains.apply': call<AppStatusDto>()(appIdInputSchema),
  'domains.checkDns': call<DnsStatusDto[]>()(appIdInputSchema),
  'domains.checkCertificates': call<CertStatusDto[]>()(appIdInputSchema),
} as const;

export type ApiDefinition = typeof apiDefinition;
export type ApiChannel = keyof ApiDefinition;

export type CallChannel = {
  [K in ApiChannel]: ApiDefinition[K] extends CallDef<z.ZodType, unknown> ? K : never;
}[ApiChannel];
export type StreamChannel = {
  [K in ApiChannel]: ApiDefinition[K] extends StreamDef<z.ZodType, unknown> ? K : never;
}[ApiChannel];

/** What a caller passes (defaults may be omitted). */
export type InputOf<K extends ApiChannel> = z.input<ApiDefinition[K]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<K extends ApiChannel> = z.output<ApiDefinition[K]['input']>;
export type OutputOf<K extends CallChannel> = ApiDefinition[K] extends CallDef<z.ZodType, infer O> ? O : never;
export type EventOf<K extends StreamChannel> = ApiDefinition[K] extends StreamDef<z.ZodType, infer E> ? E : never;

export function isApiChannel(value: unknown): value is ApiChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(apiDefinition, value);
}
