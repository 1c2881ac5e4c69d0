import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto } from '../../src/shared/dto/app';
import { apiDefinition } from '../../src/shared/api';
import { indexHtmlWithVersion, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { runChecked } from '../fixtures/run-command';
import { createAppOnTestServer, type AppOnTestServer } from '../support/app-on-test-server';
import { httpGet, waitForDeployment } from '../support/deploy-helpers';
import type { TestCore } from '../support/test-core';

describeIntegration(
  'deploying a chosen tag or commit instead of the branch head',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let fixture: AppOnTestServer;
    let core: TestCore;
    let app: AppDto;
    let repo: FixtureRepo;
    const commits: string[] = [];

    const deployRef = async (ref?: string) => {
      const started = await core.handlers['deploy.start']({ appId: app.id, trigger: 'cli', ...(ref ? { ref } : {}) });
      return waitForDeployment(core, started.id);
    };
    const servedVersion = async () => (await httpGet(fixture.port, '/index.html')).body.match(/version (\d+)/)?.[1];

    beforeAll(async () => {
      fixture = await createAppOnTestServer({ projectPrefix: 'ref', appName: 'web', type: 'web' });
      ({ core, app, repo } = fixture);
      commits.push(await repo.head());
      for (const version of [2, 3])
        commits.push(await repo.commit({ 'www/index.html': indexHtmlWithVersion(version) }, `v${version}`));
      // a tag on version 2, and a commit that is on another branch only
      await runChecked('git', ['-C', repo.path, 'tag', 'release-2', commits[1]!]);
      commits.push(await repo.commit({ 'www/index.html': indexHtmlWithVersion(9) }, 'v9 on a side branch', 'side'));
    }, 120_000);

    afterAll(async () => {
      await fixture?.dispose();
    });

    it('deploys the branch head by default, then an older commit by its hash, recorded with that commit', async () => {
      const head = await deployRef();
      expect(head).toMatchObject({ status: 'success', commitHash: commits[2] });
      expect(await servedVersion()).toBe('3');

      const older = await deployRef(commits[0]!.slice(0, 10));
      expect(older).toMatchObject({ status: 'success', commitHash: commits[0], number: 2 });
      const log = (await core.handlers['deployments.log']({ deploymentId: older.id })).map((l) => l.text).join('\n');
      expect(log).toContain(`Resolving ${commits[0]!.slice(0, 10)}`);
    }, 120_000);

    it('deploys a tag, and a commit that is on another branch only', async () => {
      const tagged = await deployRef('release-2');
      expect(tagged).toMatchObject({ status: 'success', commitHash: commits[1], commitMessage: 'v2' });
      expect(await servedVersion()).toBe('2');
      const side = await deployRef(commits[3]);
      expect(side).toMatchObject({ status: 'success', commitHash: commits[3] });
      expect(await servedVersion()).toBe('9');
    }, 120_000);

    it('a tag or commit that does not exist is a clear error, and the app keeps serving', async () => {
      const missing = await deployRef('no-such-tag');
      expect(missing.status).toBe('failed');
      expect(missing.error).toMatch(/No tag or commit "no-such-tag"/);
      expect(await servedVersion()).toBe('9');
    }, 60_000);

    it('refuses refs that git could read as an option or a range', () => {
      for (const ref of ['--upload-pack=touch /tmp/x', 'main..side', '-x', 'a b', 'x;rm -rf /', '$(id)']) {
        expect(apiDefinition['deploy.start'].input.safeParse({ appId: app.id, ref }).success, ref).toBe(false);
      }
    });
  },
);
