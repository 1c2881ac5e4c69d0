import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto, DeploymentDto } from '../../src/shared/dto/app';
import { indexHtmlWithVersion, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { httpGet, waitForDeployment } from '../support/deploy-helpers';
import { rejection } from '../support/rejection';
import type { TestCore } from '../support/test-core';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });

describeIntegration('rollback: an earlier image again, without a build', ['sshd', 'docker', 'keychain', 'root'], () => {
  let fixture: AppOnTestServer;
  let core: TestCore;
  let app: AppDto;
  let repo: FixtureRepo;
  let port: number;
  let first: DeploymentDto;
  let second: DeploymentDto;

  const deploy = async (): Promise<DeploymentDto> =>
    waitForDeployment(core, (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id);
  const logOf = async (deployment: DeploymentDto) =>
    (await core.handlers['deployments.log']({ deploymentId: deployment.id })).map((line) => line.text);

  beforeAll(async () => {
    fixture = await createAppOnTestServer({ projectPrefix: 'rollback', appName: 'web', type: 'web' });
    ({ core, app, repo, port } = fixture);
    await repo.commit({ 'www/index.html': indexHtmlWithVersion(1) }, 'version 1');
    first = await deploy();
    await repo.commit({ 'www/index.html': indexHtmlWithVersion(2) }, 'version 2');
    second = await deploy();
    if (first.status !== 'success' || second.status !== 'success')
      throw new Error(`setup deploys failed: ${first.error ?? ''} ${second.error ?? ''}`);
  }, 240_000);

  afterAll(async () => {
    await fixture?.dispose();
  }, 60_000);

  it("runs #1's image again with today's variables: no clone, no build, recorded as a rollback", async () => {
    expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
    await core.handlers['env.set']({
      appId: app.id,
      vars: [{ key: 'ADDED_AFTER', value: 'since version 2', scope: 'runtime' }],
    } as never);
    expect((await core.handlers['apps.get']({ appId: app.id })).redeployPending).toBe(true);

    const started = await core.handlers['deploy.rollback']({ deploymentId: first.id });
    expect(started).toMatchObject({ number: 3, trigger: 'rollback', rollbackOf: 1 });
    const done = await waitForDeployment(core, started.id);
    expect(done).toMatchObject({
      status: 'success',
      active: true,
      commitHash: first.commitHash,
      commitMessage: 'version 1',
      image: first.image,
      rollbackOf: 1,
    });
    expect(done.stages.map((stage) => stage.stage)).toEqual(['queued', 'deploy']);
    const log = await logOf(done);
    expect(log[0]).toBe(
      `Rolling back to deployment #1: ${first.commitHash!.slice(0, 12)} "version 1" by ${first.commitAuthor}, image ${first.image}, no build.`,
    );
    expect(log.join('\n')).not.toMatch(/Cloning|Building|Checked out/);

    expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 1');
    const container = await local.getContainer(`app-${app.id}`).inspect();
    expect(container.Config.Image).toBe(first.image);
    expect(container.Config.Labels['mist.deployment']).toBe(started.id);
    expect(container.Config.Env).toContain('ADDED_AFTER=since version 2');
    expect((await core.handlers['apps.get']({ appId: app.id })).redeployPending).toBe(false);

    const history = await core.handlers['deployments.list']({ appId: app.id });
    expect(history.map((d) => [d.number, d.active, d.trigger])).toEqual([
      [3, true, 'rollback'],
      [2, false, 'manual'],
      [1, false, 'manual'],
    ]);
    const audit = await core.handlers['audit.list']({ appId: app.id, limit: 50 });
    expect(audit.map((entry) => entry.summary)).toContain('Deployment #3 (rollback to #1) success');
  });

  it('rolls forward to #2 the same way', async () => {
    const done = await waitForDeployment(
      core,
      (await core.handlers['deploy.rollback']({ deploymentId: second.id })).id,
    );
    expect(done).toMatchObject({ number: 4, status: 'success', image: second.image, rollbackOf: 2 });
    expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
  });

  it('refuses the one running, one that failed, and an unknown id, before anything starts', async () => {
    const [running] = await core.handlers['deployments.list']({ appId: app.id });
    const current = await rejection(() => core.handlers['deploy.rollback']({ deploymentId: running!.id }));
    expect(current.code).toBe('invalid-input');
    expect(current.message).toBe('Deployment #4 is the one running now.');

    await core.handlers['apps.update']({ id: app.id, branch: 'no-such-branch' } as never);
    const failed = await deploy();
    await core.handlers['apps.update']({ id: app.id, branch: 'main' } as never);
    expect(failed).toMatchObject({ number: 5, status: 'failed' });
    const notBuilt = await rejection(() => core.handlers['deploy.rollback']({ deploymentId: failed.id }));
    expect(notBuilt.message).toBe('Deployment #5 did not succeed (failed): there is no image of it to roll back to.');

    const unknown = await rejection(() => core.handlers['deploy.rollback']({ deploymentId: 'nosuchdeployment' }));
    expect(unknown.code).toBe('not-found');
    expect((await core.handlers['deployments.list']({ appId: app.id })).length).toBe(5);
  });

  it('an image no longer on the server fails the rollback with what to do; the app serves on', async () => {
    const running = await local.getContainer(`app-${app.id}`).inspect();
    await local.getImage(first.image!).remove();
    const done = await waitForDeployment(core, (await core.handlers['deploy.rollback']({ deploymentId: first.id })).id);
    expect(done.status).toBe('failed');
    expect(done.error).toBe(
      `The image of deployment #1 (${first.image}) is no longer on the server: Mist keeps an app's newest 5 images. ` +
        `Deploy commit ${first.commitHash!.slice(0, 12)} instead (it builds again).`,
    );
    expect((await local.getContainer(`app-${app.id}`).inspect()).Id).toBe(running.Id);
    expect((await httpGet(port, '/')).body).toContain('mist-fixture-app version 2');
    const active = (await core.handlers['deployments.list']({ appId: app.id })).find((d) => d.active);
    expect(active?.number).toBe(4);
  });
});
