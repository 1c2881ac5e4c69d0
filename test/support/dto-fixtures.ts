import type { AppDto, ProjectDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';

/** The time stamp fixtures carry unless told otherwise. */
export const FIXTURE_TIME = '2026-11-26T12:00:00.000Z';

/** A saved server web-1 (srv1, deploy@example.com:22 through the agent); `overrides` replace fields. */
export function serverDto(overrides: Partial<ServerDto> = {}): ServerDto {
  return {
    id: 'srv1',
    name: 'web-1',
    host: 'example.com',
    port: 22,
    user: 'deploy',
    auth: { kind: 'agent' },
    proxyJumpServerId: null,
    hostKeyFingerprint: null,
    dockerSocketPath: '/var/run/docker.sock',
    forwardAgent: false,
    publicAddress: null,
    acmeEmail: null,
    wildcardDomain: null,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...overrides,
  };
}

/** Project shop (p1) on srv1 with one app; `overrides` replace fields. */
export function projectDto(overrides: Partial<ProjectDto> = {}): ProjectDto {
  return {
    id: 'p1',
    name: 'shop',
    serverId: 'srv1',
    appCount: 1,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...overrides,
  };
}

/**
 * A web app (app1, "web" in p1 on srv1, port 3000, branch main of a GitHub repository, no limits)
 * with the schema's defaults; `overrides` replace fields. The internal address follows id and port.
 */
export function appDto(overrides: Partial<AppDto> = {}): AppDto {
  const id = overrides.id ?? 'app1';
  const port = overrides.port ?? 3000;
  return {
    id,
    projectId: 'p1',
    serverId: 'srv1',
    name: 'web',
    type: 'web',
    description: '',
    port,
    gitUrl: 'https://github.com/me/shop.git',
    hasGitToken: false,
    deployKey: null,
    branch: 'main',
    dockerfilePath: './Dockerfile',
    rootDir: '/',
    cpuLimit: null,
    memoryMb: null,
    restartPolicy: 'unless-stopped',
    logRetention: { maxSizeMb: 50, maxFiles: 5 },
    healthCheck: { path: null, timeoutS: 60 },
    internalAddress: `app-${id}:${port}`,
    redeployPending: false,
    database: null,
    compose: null,
    autoDeploy: { enabled: false, intervalS: 60 },
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    ...overrides,
  };
}
