import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { checkoutDir } from '../../src/main/core/deploy/remote-git';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGitHttpServer, type GitHttpServer } from '../fixtures/git-http-server';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { filesContaining, waitForDeployment } from '../support/deploy-helpers';

const TOKEN = 'ghp_mistTestToken0123456789abcdefXYZ';

/**
 * A private https repository: the token lives in the desktop's keychain and reaches git on the
 * server only through a credential helper fed from the SSH channel's stdin.
 */
describeIntegration(
  'deploy from a private https repository with an access token',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let gitServer: GitHttpServer;
    let delayMs = 0;

    beforeAll(async () => {
      fixture = await createAppOnTestServer({ projectPrefix: 'https', appName: 'private', type: 'service' });
      gitServer = await startGitHttpServer({ repoPath: fixture.repo.path, token: TOKEN, delayMs: () => delayMs });
      await fixture.core.handlers['apps.update']({ id: fixture.app.id, gitUrl: gitServer.url } as never);
    });

    afterAll(async () => {
      await gitServer?.close();
      await fixture?.dispose();
    });

    it('without a token the deploy fails and says to store one', async () => {
      const { core, app } = fixture;
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/could not authenticate .* store an access token/);
    });

    it('with the token in the keychain the deploy succeeds, and the token is nowhere else', async () => {
      const { core, app } = fixture;
      const updated = await core.handlers['apps.setGitToken']({ appId: app.id, token: TOKEN });
      expect(updated.hasGitToken).toBe(true);
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      const log = (await core.handlers['deployments.log']({ deploymentId: done.id })).map((l) => l.text).join('\n');
      expect(done.status, log).toBe('success');
      expect(gitServer.authorizations).toContain(`Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`);

      // not in SQLite (any table), not in any stored log, the audit log or an error
      for (const { name } of core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
        name: string;
      }>) {
        expect(JSON.stringify(core.db.prepare(`SELECT * FROM ${name}`).all()), name).not.toContain(TOKEN);
      }
      // not on the server's disk: the checkout (with its .git/config) and the SSH user's home
      expect(filesContaining(`/var/lib/mist/projects/${app.projectId}`, TOKEN)).toEqual([]);
      expect(filesContaining('/home/mist', TOKEN)).toEqual([]);
      expect(await core.secrets.get(`app/${app.id}/git-token`)).toBe(TOKEN);
    });

    it('the token is in no command line on the server while git clones (the process list, sampled)', async () => {
      const { core, app } = fixture;
      rmSync(checkoutDir(app.projectId, app.name), { recursive: true, force: true }); // a fresh clone
      delayMs = 400; // a slow git host: the clone lasts long enough to watch it
      const samples: string[] = [];
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          samples.push(execFileSync('ps', ['-eo', 'user,args', '--no-headers'], { encoding: 'utf8' }));
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      try {
        const done = await waitForDeployment(
          core,
          (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
        );
        expect(done.status).toBe('success');
      } finally {
        sampling = false;
        delayMs = 0;
        await sampler;
      }
      // the sampler saw git talking to the host (so it watched the right moment), never the token
      expect(samples.some((sample) => /git(-remote-http| remote-http| clone| ls-remote)/.test(sample))).toBe(true);
      expect(samples.filter((sample) => sample.includes(TOKEN))).toEqual([]);
      expect(filesContaining(`/var/lib/mist/projects/${app.projectId}`, TOKEN)).toEqual([]);
      expect(filesContaining('/home/mist', TOKEN)).toEqual([]);
      const logs = await Promise.all(
        (await core.handlers['deployments.list']({ appId: app.id })).map((d) =>
          core.handlers['deployments.log']({ deploymentId: d.id }),
        ),
      );
      expect(JSON.stringify(logs)).not.toContain(TOKEN);
    });

    it('removing the token deletes it from the keychain', async () => {
      const { core, app } = fixture;
      expect((await core.handlers['apps.setGitToken']({ appId: app.id, token: null })).hasGitToken).toBe(false);
      expect(await core.secrets.get(`app/${app.id}/git-token`)).toBeNull();
    });
  },
);
