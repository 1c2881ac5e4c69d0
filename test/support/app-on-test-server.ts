import type { AppDto, ProjectDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, type FixtureRepo } from '../fixtures/git-repo';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { serverInput } from './server-input';
import type { CoreOptions } from '../../src/main/core/core';
import { createTestCore, type TestCore } from './test-core';
import { removeProjectContainers } from './deploy-helpers';

export interface AppOnTestServer {
  sshd: TestSshd;
  repo: FixtureRepo;
  core: TestCore;
  server: ServerDto;
  project: ProjectDto;
  app: AppDto;
  /** The port the app listens on (its PORT variable), free on this machine. */
  port: number;
  /** Removes every container of the project, then the core, the sshd and the repository. */
  dispose(): Promise<void>;
}

/**
 * The usual start of a deploy test: a real sshd, a fixture repository, a core with the server added,
 * a project and one app (listening on a free port through its runtime PORT variable).
 */
export async function createAppOnTestServer(options: {
  projectPrefix: string;
  appName: string;
  type: 'web' | 'service' | 'compose';
  /** Extra app settings (CPU, memory, restart policy…). */
  settings?: Record<string, unknown>;
  withBrokenBranch?: boolean;
  /** Runs once the server exists, before the project and app are created (e.g. a wildcard domain). */
  prepareServer?: (core: TestCore, server: ServerDto) => void;
  /** Options for the core (e.g. a fake GitHub API, a keychain service of its own). */
  coreOptions?: CoreOptions;
}): Promise<AppOnTestServer> {
  const [sshd, repo] = await Promise.all([
    startTestSshd(),
    createFixtureRepo(options.withBrokenBranch ? { withBrokenBranch: true } : {}),
  ]);
  const core = await createTestCore(options.coreOptions);
  const server = await core.servers.add(serverInput(sshd));
  options.prepareServer?.(core, server);
  const project = await core.handlers['projects.create']({
    name: `${options.projectPrefix}-${Date.now().toString(36)}`,
    serverId: server.id,
  });
  const port = await findFreePort();
  const app = await core.handlers['apps.create']({
    projectId: project.id,
    name: options.appName,
    type: options.type,
    port,
    gitUrl: repo.url,
    ...options.settings,
  } as never);
  await core.handlers['env.set']({
    appId: app.id,
    vars: [{ key: 'PORT', value: String(port), scope: 'runtime' }],
  } as never);
  return {
    sshd,
    repo,
    core,
    server,
    project,
    app,
    port,
    async dispose() {
      await removeProjectContainers(project.id);
      await core.dispose();
      await Promise.all([sshd.stop(), repo.remove()]);
    },
  };
}
