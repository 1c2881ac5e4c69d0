import { typedApi, type TypedApi } from '../../shared/typed-api';
import { getBridge } from './bridge';

/** The typed API every component uses (always through react-query). */
export const api: TypedApi = typedApi(getBridge());

export const queryKeys = {
  appInfo: ['app.info'] as const,
  servers: ['servers'] as const,
  connections: ['connections'] as const,
  sshConfigHosts: ['servers.sshConfigHosts'] as const,
  check: (serverId: string) => ['servers.check', serverId] as const,
  dockerSpace: (serverId: string) => ['servers.dockerSpace', serverId] as const,
  projects: ['projects'] as const,
  /** Every app (the sidebar and the pages read from this one list). */
  apps: ['apps'] as const,
  /** Fed by the `apps.statusWatch` stream, `apps.status` and `apps.control`. */
  appStatuses: ['apps.statuses'] as const,
  env: (appId: string) => ['env', appId] as const,
  deployments: (appId: string) => ['deployments', appId] as const,
  usage: (appId: string) => ['apps.usage', appId] as const,
  deployment: (deploymentId: string) => ['deployments.get', deploymentId] as const,
  deploymentLog: (deploymentId: string) => ['deployments.log', deploymentId] as const,
  audit: (appId: string) => ['audit', appId] as const,
  templates: ['templates.list'] as const,
  connectionInfo: (appId: string) => ['databases.connectionInfo', appId] as const,
  domains: (appId: string) => ['domains', appId] as const,
  dnsCheck: (appId: string) => ['domains.checkDns', appId] as const,
  certCheck: (appId: string) => ['domains.checkCertificates', appId] as const,
  githubStatus: ['github.status'] as const,
  githubRepos: ['github.repos'] as const,
  githubBranches: (owner: string, repo: string) => ['github.branches', owner, repo] as const,
};
