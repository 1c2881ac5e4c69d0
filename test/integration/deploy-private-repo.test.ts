import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { findFreePort } from '../fixtures/free-port';
import { createFixtureRepo, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { runChecked } from '../fixtures/run-command';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { waitForDeployment } from '../support/deploy-helpers';
import { serverInput } from '../support/server-input';
import { createTestCore, TEST_KEYCHAIN_SERVICE, type TestCore } from '../support/test-core';
import { deployKeyRef } from '../../src/main/core/apps/deploy-keys';
import { databasePath } from '../../src/main/core/paths';
import { KeychainSecretStore } from '../../src/main/core/secrets/secret-store';

const local = new Dockerode({ socketPath: '/var/run/docker.sock' });
const MIST_SSH_DIR = '/home/mist/.ssh';

/**
 * A private repository over ssh: the server's git authenticates with the user's own ssh-agent,
 * forwarded for the git command only (opt-in per server). No key is ever written on the server.
 */
describeIntegration(
  'deploy from a private repository over ssh: the forwarded ssh-agent, or the app’s deploy key',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let sshd: TestSshd;
    let repo: FixtureRepo;
    let core: TestCore;
    let agent: ChildProcess;
    let agentDir: TempDir;
    let server: ServerDto;
    let app: AppDto;
    let knownHostsBefore: string | null;
    let home: TempDir;
    const savedAuthSock = process.env.SSH_AUTH_SOCK;
    /** The user's ssh-agent, holding a key the git host (this sshd) accepts. */
    let socket: string;

    beforeAll(async () => {
      [sshd, repo] = await Promise.all([startTestSshd(), createFixtureRepo()]);
      agentDir = makeTempDir('mist-agent-');
      socket = join(agentDir.path, 'agent.sock');
      agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
      // ssh-agent makes its socket once it runs: up to 10 s on a busy machine
      for (let i = 0; i < 200 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
      process.env.SSH_AUTH_SOCK = socket;
      await runChecked('ssh-add', [sshd.users.docker.privateKeyPath]);
      // the server must know the git host's key (on a real server: ssh-keyscan github.com once)
      mkdirSync(MIST_SSH_DIR, { recursive: true, mode: 0o700 });
      chownSync(MIST_SSH_DIR, 1001, 1001);
      const knownHosts = join(MIST_SSH_DIR, 'known_hosts');
      knownHostsBefore = existsSync(knownHosts) ? readFileSync(knownHosts, 'utf8') : null;
      writeFileSync(knownHosts, `${knownHostsBefore ?? ''}[127.0.0.1]:${sshd.port} ${sshd.hostPublicKeyLine}\n`);

      home = makeTempDir('mist-private-home-');
      core = await createTestCore({ home: home.path });
      server = await core.servers.add(serverInput(sshd)); // forwardAgent off
      const project = await core.handlers['projects.create']({
        name: `priv-${Date.now().toString(36)}`,
        serverId: server.id,
      });
      const port = await findFreePort();
      app = await core.handlers['apps.create']({
        projectId: project.id,
        name: 'private',
        type: 'service',
        port,
        gitUrl: `ssh://mist@127.0.0.1:${sshd.port}${repo.path}`,
      } as never);
      await core.handlers['env.set']({
        appId: app.id,
        vars: [{ key: 'PORT', value: String(port), scope: 'runtime' }],
      } as never);
    });

    afterAll(async () => {
      if (app)
        await local
          .getContainer(`app-${app.id}`)
          .remove({ force: true })
          .catch(() => {});
      await core?.dispose();
      agent?.kill();
      if (savedAuthSock === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = savedAuthSock;
      const knownHosts = join(MIST_SSH_DIR, 'known_hosts');
      if (knownHostsBefore === null) rmSync(knownHosts, { force: true });
      else writeFileSync(knownHosts, knownHostsBefore);
      agentDir?.cleanup();
      home?.cleanup();
      await Promise.all([sshd?.stop(), repo?.remove()]);
    });

    it('without agent forwarding the server cannot read the repository, and says how to fix it', async () => {
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/could not authenticate .* turn on "Forward my ssh-agent"/);
    });

    it('with agent forwarding on for the server, the deploy succeeds and no key lands on the server', async () => {
      await core.servers.update({ id: server.id, forwardAgent: true });
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      const log = (await core.handlers['deployments.log']({ deploymentId: done.id })).map((l) => l.text).join('\n');
      expect(done.status, log).toBe('success');
      expect(done.commitHash).toBe(await repo.head());
      expect(readdirSync(MIST_SSH_DIR).sort()).toEqual(['known_hosts']);
      const checkout = `/var/lib/mist/projects/${app.projectId}/apps/private/.git/config`;
      expect(readFileSync(checkout, 'utf8')).not.toMatch(/PRIVATE KEY|IdentityFile/);
    });

    it('with a deploy key, git gets that key alone, through an agent answered by Mist Desktop: no key on the server, none in the database', async () => {
      await core.servers.update({ id: server.id, forwardAgent: false });
      delete process.env.SSH_AUTH_SOCK; // no user agent anywhere: the deploy key is all git can have
      const keyed = await core.handlers['apps.generateDeployKey']({ appId: app.id });
      const deployKey = keyed.deployKey!;
      expect(deployKey.publicKey).toMatch(/^ssh-ed25519 AAAA\S+ mist-desktop private \(/);
      expect(deployKey.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      const secrets = new KeychainSecretStore(TEST_KEYCHAIN_SERVICE);
      const privateKey = await secrets.get(deployKeyRef(app.id));
      expect(privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);

      // not yet added to the repository: the error names the key and what to do
      const refused = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      expect(refused.status).toBe('failed');
      expect(refused.error).toContain(`did not accept this app's deploy key (${deployKey.fingerprint})`);

      // "Check access" asks the same way, without a deploy
      await expect(core.handlers['apps.checkGitAccess']({ appId: app.id })).rejects.toThrow(
        `did not accept this app's deploy key (${deployKey.fingerprint})`,
      );

      // the git host (this sshd, as user mist) now accepts the deploy key
      sshd.authorizeKey('mist', deployKey.publicKey);
      expect(await core.handlers['apps.checkGitAccess']({ appId: app.id })).toEqual({
        branch: 'main',
        commit: await repo.head(),
      });
      const done = await waitForDeployment(
        core,
        (await core.handlers['deploy.start']({ appId: app.id, trigger: 'manual' })).id,
      );
      const log = (await core.handlers['deployments.log']({ deploymentId: done.id })).map((l) => l.text).join('\n');
      expect(done.status, log).toBe('success');
      expect(log).toContain(`git uses the app's deploy key ${deployKey.fingerprint}.`);
      expect(log).not.toContain('PRIVATE KEY');
      // git logged in to the git host (this sshd) with the deploy key
      const accepted = sshd.readLog().match(/Accepted publickey for mist .*/g) ?? [];
      expect(accepted.filter((line) => line.includes(deployKey.fingerprint)).length).toBeGreaterThan(0);
      // the auto-deploy check asks the branch head with the same key
      await core.handlers['apps.update']({ id: app.id, autoDeploy: true, watchIntervalS: 60 } as never);
      expect(await core.autoDeploy.check(app.id)).toEqual({ kind: 'already-deployed', sha: await repo.head() });
      expect(readdirSync(MIST_SSH_DIR).sort()).toEqual(['known_hosts']);
      const body = privateKey!.split('\n')[1]!;
      expect(readFileSync(databasePath(home.path)).includes(body)).toBe(false);

      const removed = await core.handlers['apps.removeDeployKey']({ appId: app.id });
      expect(removed.deployKey).toBeNull();
      expect(await secrets.get(deployKeyRef(app.id))).toBeNull();
      const audit = (await core.handlers['audit.list']({ appId: app.id, limit: 200 })).map((entry) => entry.action);
      expect(audit).toEqual(expect.arrayContaining(['app.deploy-key.generate', 'app.deploy-key.remove']));

      // deleting the app takes its key out of the keychain too
      await core.handlers['apps.generateDeployKey']({ appId: app.id });
      expect(await secrets.get(deployKeyRef(app.id))).not.toBeNull();
      await core.handlers['apps.delete']({ appId: app.id, removeVolume: false });
      expect(await secrets.get(deployKeyRef(app.id))).toBeNull();
    });

    it("a server whose login uses the user's agent: the login gets that agent, git only the deploy key", async () => {
      process.env.SSH_AUTH_SOCK = socket; // holds a key the git host accepts: it must not reach git
      const viaAgent = await core.servers.add(serverInput(sshd, { name: 'via-agent', auth: { kind: 'agent' } }));
      const project = await core.handlers['projects.create']({
        name: `agent-${Date.now().toString(36)}`,
        serverId: viaAgent.id,
      });
      const isolated = await core.handlers['apps.create']({
        projectId: project.id,
        name: 'isolated',
        type: 'service',
        port: 3000,
        gitUrl: app.gitUrl,
      } as never);
      const key = (await core.handlers['apps.generateDeployKey']({ appId: isolated.id })).deployKey!;
      // the login worked through the user's agent, yet git, offered only the new key, is refused
      await expect(core.handlers['apps.checkGitAccess']({ appId: isolated.id })).rejects.toThrow(
        `did not accept this app's deploy key (${key.fingerprint})`,
      );
      sshd.authorizeKey('mist', key.publicKey);
      expect(await core.handlers['apps.checkGitAccess']({ appId: isolated.id })).toEqual({
        branch: 'main',
        commit: await repo.head(),
      });
      await core.handlers['apps.delete']({ appId: isolated.id, removeVolume: false });
    });
  },
);
