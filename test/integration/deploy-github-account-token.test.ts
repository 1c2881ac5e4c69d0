import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GITHUB_ACCOUNT_REF } from '../../src/main/core/github/github-account';
import { KeychainSecretStore } from '../../src/main/core/secrets/secret-store';
import { startFakeGitHub, type FakeGitHub } from '../fixtures/fake-github-server';
import { startGitHttpServer, type GitHttpServer } from '../fixtures/git-http-server';
import { describeIntegration } from '../fixtures/integration';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { filesContaining, waitForDeployment } from '../support/deploy-helpers';

const ACCOUNT_TOKEN = 'ghp_mistAccountToken0123456789abcdefXYZ';

/**
 * A private GitHub repository cloned with the connected GitHub account's token, for an app without a
 * token of its own. github.com is out of reach here, so the app's remote is a real github.com https
 * URL (the core decides on that URL alone) and git on the test server is told, through the SSH
 * user's ~/.gitconfig (`url.<fixture>.insteadOf <github URL>`), to fetch that one URL from the local
 * git HTTP server, which accepts only `x-access-token:ACCOUNT_TOKEN`. The account is checked against
 * the local fake GitHub API.
 */
describeIntegration(
  'deploy a private GitHub https repository with the GitHub account token',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    const keychainService = `mist-desktop-test-github-deploy-${randomBytes(4).toString('hex')}`;
    const githubUrl = `https://github.com/mist-test-${randomBytes(4).toString('hex')}/private.git`;
    let github: FakeGitHub;
    let fixture: AppOnTestServer;
    let gitServer: GitHttpServer;
    let gitconfig: string;
    /** `git config --file` replaces the file as root: its owner is put back after each change. */
    let owner: { uid: number; gid: number } | null = null;

    beforeAll(async () => {
      github = await startFakeGitHub({ token: ACCOUNT_TOKEN });
      fixture = await createAppOnTestServer({
        projectPrefix: 'gh-account',
        appName: 'private',
        type: 'service',
        coreOptions: { githubApiUrl: github.baseUrl, keychainService },
      });
      gitServer = await startGitHttpServer({ repoPath: fixture.repo.path, token: ACCOUNT_TOKEN });
      const user = fixture.server.user;
      const home = execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).split(':')[5]!;
      gitconfig = `${home}/.gitconfig`;
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      owner = existsSync(gitconfig) ? { uid: statSync(gitconfig).uid, gid: statSync(gitconfig).gid } : { uid, gid };
      execFileSync('git', ['config', '--file', gitconfig, '--add', `url.${gitServer.url}.insteadOf`, githubUrl]);
      chownSync(gitconfig, owner.uid, owner.gid);
      await fixture.core.handlers['apps.update']({ id: fixture.app.id, gitUrl: githubUrl } as never);
      await fixture.core.handlers['github.connect']({ token: ACCOUNT_TOKEN });
    });

    afterAll(async () => {
      if (gitconfig && gitServer) {
        try {
          execFileSync('git', ['config', '--file', gitconfig, '--remove-section', `url.${gitServer.url}`]);
          if (owner) chownSync(gitconfig, owner.uid, owner.gid);
        } catch {
          // already gone
        }
      }
      await fixture?.core.github.disconnect().catch(() => {});
      await new KeychainSecretStore(keychainService).delete(GITHUB_ACCOUNT_REF).catch(() => {});
      await gitServer?.close();
      await fixture?.dispose();
      await github?.close();
    });

    it('an app with a github.com https remote and no token of its own deploys with the account token', async () => {
      const { core, app } = fixture;
      expect((await core.handlers['apps.get']({ appId: app.id })).hasGitToken).toBe(false);
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      const log = (await core.handlers['deployments.log']({ deploymentId: done.id })).map((l) => l.text).join('\n');
      expect(done.status, log).toBe('success');
      expect(gitServer.authorizations).toContain(
        `Basic ${Buffer.from(`x-access-token:${ACCOUNT_TOKEN}`).toString('base64')}`,
      );
      expect(log).not.toContain(ACCOUNT_TOKEN);
      for (const { name } of core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
        name: string;
      }>) {
        expect(JSON.stringify(core.db.prepare(`SELECT * FROM ${name}`).all()), name).not.toContain(ACCOUNT_TOKEN);
      }
      expect(filesContaining(`/var/lib/mist/projects/${app.projectId}`, ACCOUNT_TOKEN)).toEqual([]);
      expect(filesContaining(gitconfig.replace(/\/\.gitconfig$/, ''), ACCOUNT_TOKEN)).toEqual([]);
    });

    it('a remote that is not GitHub never gets the account token', async () => {
      const { core, app } = fixture;
      await core.handlers['apps.update']({ id: app.id, gitUrl: gitServer.url } as never);
      const before = gitServer.authorizations.length;
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/could not authenticate/);
      expect(gitServer.authorizations.slice(before)).toEqual([]);
    });
  },
);
