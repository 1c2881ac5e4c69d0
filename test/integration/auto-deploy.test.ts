import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto, DeploymentDto, ProjectDto } from '../../src/shared/dto/app';
import type { CheckOutcome } from '../../src/main/core/autodeploy/auto-deploy-watcher';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, indexHtmlWithVersion, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { removeProjectContainers, waitForDeployment } from '../support/deploy-helpers';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';

/** The smallest interval the API accepts: what these tests wait for, for real. */
const INTERVAL_S = 15;

describeIntegration(
  'automatic deploys: the watcher deploys new commits of the branch (real git on the test server)',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let sshd: TestSshd;
    let repo: FixtureRepo;
    let home: TempDir;
    let core: TestCore;
    let project: ProjectDto;
    let app: AppDto;
    let version = 1;
    const outcomes: CheckOutcome[] = [];

    const openCore = async () => {
      core = await createTestCore({ home: home.path, watchBranches: true });
      core.autoDeploy.on('checked', ({ outcome }: { outcome: CheckOutcome }) => outcomes.push(outcome));
    };
    /** Resolves with the next check's outcome (after the ones already seen). */
    const nextCheck = async (timeoutMs = (INTERVAL_S + 10) * 1000): Promise<CheckOutcome> => {
      const seen = outcomes.length;
      const started = Date.now();
      while (outcomes.length === seen) {
        if (Date.now() - started > timeoutMs) throw new Error('no auto-deploy check happened in time');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return outcomes[seen]!;
    };
    const push = async () => {
      version += 1;
      return repo.commit({ 'www/index.html': indexHtmlWithVersion(version) }, `Version ${version}`);
    };
    const autoDeployments = async (): Promise<DeploymentDto[]> =>
      (await core.handlers['deployments.list']({ appId: app.id })).filter((d) => d.trigger === 'auto');

    beforeAll(async () => {
      [sshd, repo] = await Promise.all([startTestSshd(), createFixtureRepo()]);
      home = makeTempDir('mist-auto-deploy-home');
      await openCore();
      const server = await core.servers.add(serverInput(sshd));
      project = await core.handlers['projects.create']({
        name: `auto-${Date.now().toString(36)}`,
        serverId: server.id,
      });
      const port = await findFreePort();
      app = await core.handlers['apps.create']({
        projectId: project.id,
        name: 'web',
        type: 'web',
        port,
        gitUrl: repo.url,
      } as never);
      await core.handlers['env.set']({
        appId: app.id,
        vars: [{ key: 'PORT', value: String(port), scope: 'runtime' }],
      } as never);
      const first = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(first.status).toBe('success');
    }, 120_000);

    afterAll(async () => {
      await removeProjectContainers(project?.id);
      await core?.dispose();
      await Promise.all([sshd?.stop(), repo?.remove()]);
      home?.cleanup();
    });

    it('refuses an interval below 15 s', async () => {
      await expect(core.handlers['apps.update']({ id: app.id, autoDeploy: true, watchIntervalS: 5 })).rejects.toThrow(
        /every 15 seconds/,
      );
    });

    it('turned on: the deployed head needs nothing; a new commit is deployed within one interval, trigger auto', async () => {
      const turnedOn = nextCheck(5_000);
      const updated = await core.handlers['apps.update']({ id: app.id, autoDeploy: true, watchIntervalS: INTERVAL_S });
      expect(updated.autoDeploy).toEqual({ enabled: true, intervalS: INTERVAL_S });
      expect(updated.redeployPending).toBe(false); // not a setting a deploy applies
      expect((await turnedOn).kind).toBe('already-deployed');

      const pushedAt = Date.now();
      const sha = await push();
      const outcome = await nextCheck();
      expect(outcome).toMatchObject({ kind: 'deployed', sha });
      expect(Date.now() - pushedAt).toBeLessThan((INTERVAL_S + 5) * 1000);
      const done = await waitForDeployment(core, (outcome as { deployment: DeploymentDto }).deployment.id);
      expect(done).toMatchObject({ status: 'success', trigger: 'auto', commitHash: sha, number: 2 });
    }, 60_000);

    it('three quick pushes lead to one deploy, of the newest', async () => {
      expect((await nextCheck()).kind).toBe('unchanged'); // right after a check: a whole interval to push in
      const pushed = [await push(), await push(), await push()];
      const outcome = await nextCheck();
      expect(outcome).toMatchObject({ kind: 'deployed', sha: pushed[2] });
      const done = await waitForDeployment(core, (outcome as { deployment: DeploymentDto }).deployment.id);
      expect(done).toMatchObject({ status: 'success', trigger: 'auto', commitHash: pushed[2] });
      const auto = await autoDeployments();
      expect(auto).toHaveLength(2);
      expect(auto.map((d) => d.commitHash)).not.toContain(pushed[0]);
      expect(auto.map((d) => d.commitHash)).not.toContain(pushed[1]);
    }, 60_000);

    it('after the app was closed, the first check deploys the newest commit once', async () => {
      await core.close();
      const missed = [await push(), await push()];
      const before = outcomes.length;
      await openCore();
      const outcome = await nextCheck(10_000);
      expect(outcomes.length).toBe(before + 1);
      expect(outcome).toMatchObject({ kind: 'deployed', sha: missed[1] });
      const done = await waitForDeployment(core, (outcome as { deployment: DeploymentDto }).deployment.id);
      expect(done).toMatchObject({ status: 'success', trigger: 'auto', commitHash: missed[1] });
      expect((await autoDeployments()).map((d) => d.commitHash)).not.toContain(missed[0]);
    }, 60_000);

    it('turned off: a new commit is not deployed', async () => {
      await core.handlers['apps.update']({ id: app.id, autoDeploy: false });
      const count = (await core.handlers['deployments.list']({ appId: app.id })).length;
      const checksBefore = outcomes.length;
      await push();
      await new Promise((resolve) => setTimeout(resolve, (INTERVAL_S + 2) * 1000));
      expect(outcomes.length).toBe(checksBefore);
      expect(await core.handlers['deployments.list']({ appId: app.id })).toHaveLength(count);
    }, 60_000);
  },
);
