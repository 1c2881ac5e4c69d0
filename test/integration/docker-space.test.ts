import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE_IMAGE, dockerCli, loadDanglingImage } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { waitForDeployment, waitForStatus } from '../support/deploy-helpers';
import { rejection } from '../support/rejection';

const exists = async (image: string) => (await dockerCli(['image', 'inspect', image])).code === 0;

/**
 * The server page's Docker disk space, and its clean-up, against the real engine: only dangling
 * images old enough not to be a running build's steps go; tagged images and young ones stay.
 */
describeIntegration('Docker disk space: measure and clean up', ['sshd', 'docker', 'keychain', 'root'], () => {
  let fixture: AppOnTestServer;
  const label = `space-${randomBytes(4).toString('hex')}`;
  const loaded: string[] = [];

  beforeAll(async () => {
    fixture = await createAppOnTestServer({ projectPrefix: 'space', appName: 'web', type: 'service' });
  });

  afterAll(async () => {
    for (const image of loaded) await dockerCli(['rmi', '--force', image]);
    await fixture?.dispose();
  });

  it('counts an old dangling image, removes it, and keeps a young dangling image and every tagged one', async () => {
    const { core, server } = fixture;
    const old = await loadDanglingImage(new Date(Date.now() - 3 * 3600_000), `${label}-old`);
    const young = await loadDanglingImage(new Date(), `${label}-young`);
    loaded.push(old, young);

    const before = await core.handlers['servers.dockerSpace']({ id: server.id });
    expect(before.serverId).toBe(server.id);
    expect(before.images.count).toBeGreaterThanOrEqual(3);
    expect(before.danglingImages.count).toBeGreaterThanOrEqual(1);
    expect(before.danglingImages.bytes).toBeGreaterThanOrEqual(0);

    const result = await core.handlers['servers.reclaimDockerSpace']({ id: server.id, buildCache: false });
    expect(result.removedImages).toBeGreaterThanOrEqual(1);
    expect(await exists(old)).toBe(false);
    expect(await exists(young)).toBe(true); // may be a step of a build that is running
    expect(await exists(BASE_IMAGE)).toBe(true);
    const audit = await core.handlers['audit.list']({ limit: 20 });
    expect(audit.find((entry) => entry.action === 'server.reclaim-space')?.summary).toMatch(
      new RegExp(`^Freed .+ on ${server.name}: \\d+ dangling images?$`),
    );
  });

  it('refuses to clean up while a deploy builds on the server, saying why', async () => {
    const { core, server, repo, app } = fixture;
    await repo.commit({ Dockerfile: `FROM ${BASE_IMAGE}\nRUN sleep 30\nCMD ["sleep","1"]\n` }, 'slow build');
    const started = await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' });
    await waitForStatus(core, started.id, ['building']);
    const refused = await rejection(() =>
      core.handlers['servers.reclaimDockerSpace']({ id: server.id, buildCache: true }),
    );
    expect(refused.code).toBe('conflict');
    expect(refused.message).toBe(
      `A deploy is running on ${server.name}: clean up once it has finished (a build's newest layers look unused while it runs).`,
    );
    await core.handlers['deploy.cancel']({ deploymentId: started.id });
    expect((await waitForDeployment(core, started.id, 20_000)).status).toBe('cancelled');
  });
});
