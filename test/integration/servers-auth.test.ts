import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MistError } from '../../src/shared/errors';
import { dockerCli } from '../fixtures/docker-host';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';

async function rejection(promise: Promise<unknown>): Promise<MistError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MistError);
  return error as MistError;
}

describeIntegration('servers: adding, authenticating and checking', ['sshd', 'docker', 'keychain', 'root'], () => {
  let sshd: TestSshd;
  let core: TestCore;
  let localDockerVersion: string;

  beforeAll(async () => {
    sshd = await startTestSshd();
    localDockerVersion = (await dockerCli(['version', '--format', '{{.Server.Version}}'])).stdout.trim();
  });
  afterAll(async () => {
    await sshd?.stop();
  });
  afterEach(async () => {
    await core?.dispose();
  });

  describe('each authentication method', () => {
    it('connects with a private key and the check reports the real Docker version', async () => {
      core = await createTestCore();
      const server = await core.servers.add(serverInput(sshd));
      expect(server.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
      const check = await core.handlers['servers.check']({ id: server.id });
      expect(check.docker?.version).toBe(localDockerVersion);
      expect(check.items.find((i) => i.id === 'docker-socket')?.status).toBe('ok');
      expect(check.items.find((i) => i.id === 'git')?.detail).toMatch(/^git \d+\.\d+/);
      expect(check.disk?.freeBytes).toBeGreaterThan(0);
      expect(check.ok).toBe(true);
    });

    it('connects with a password kept in the keychain, never in SQLite', async () => {
      core = await createTestCore();
      const server = await core.servers.add(
        serverInput(sshd, { auth: { kind: 'password', password: sshd.users.docker.password } }),
      );
      expect(await core.secrets.get(`server/${server.id}/password`)).toBe(sshd.users.docker.password);
      const rows = JSON.stringify(core.db.prepare('SELECT * FROM servers').all());
      expect(rows).not.toContain(sshd.users.docker.password);
      await expect(core.pool.docker(server.id).ping()).resolves.toBeTruthy();
    });

    it('connects with a passphrase-protected key, the passphrase in the keychain', async () => {
      core = await createTestCore();
      const server = await core.servers.add(
        serverInput(sshd, {
          auth: { kind: 'key', keyPath: sshd.encryptedKey.path, passphrase: sshd.encryptedKey.passphrase },
        }),
      );
      expect(server.auth).toEqual({ kind: 'key', keyPath: sshd.encryptedKey.path, hasPassphrase: true });
      expect(core.pool.connection(server.id).state.status).toBe('connected');
    });
  });

  describe('each failure has its own clear message and saves nothing', () => {
    it('wrong password', async () => {
      core = await createTestCore();
      const error = await rejection(
        core.servers.add(serverInput(sshd, { auth: { kind: 'password', password: 'not-the-password' } })),
      );
      expect(error.code).toBe('auth-failed');
      expect(error.message).toMatch(/authentication as mist failed: the password was rejected/);
      expect(core.servers.list()).toEqual([]);
      expect(core.db.prepare('SELECT count(*) AS n FROM servers').get()).toEqual({ n: 0 });
    });

    it('wrong key', async () => {
      core = await createTestCore();
      const error = await rejection(
        core.servers.add(serverInput(sshd, { auth: { kind: 'key', keyPath: sshd.unauthorizedKeyPath } })),
      );
      expect(error.code).toBe('auth-failed');
      expect(error.message).toMatch(/private key was not accepted/);
      expect(core.servers.list()).toEqual([]);
    });

    it('encrypted key with a wrong passphrase', async () => {
      core = await createTestCore();
      const error = await rejection(
        core.servers.add(
          serverInput(sshd, { auth: { kind: 'key', keyPath: sshd.encryptedKey.path, passphrase: 'wrong' } }),
        ),
      );
      expect(error.code).toBe('auth-failed');
      expect(core.servers.list()).toEqual([]);
    });

    it('unreachable host', async () => {
      core = await createTestCore();
      const closedPort = sshd.port === 1 ? 2 : 1; // nothing listens on port 1 on loopback
      const error = await rejection(core.servers.add(serverInput(sshd, { port: closedPort })));
      expect(error.code).toBe('host-unreachable');
      expect(error.message).toMatch(/connection refused/);
      expect(core.servers.list()).toEqual([]);
    });

    it('Docker not installed: no docker command and no socket', async () => {
      core = await createTestCore();
      const server = await core.servers.add(
        serverInput(sshd, {
          name: 'no-docker',
          user: sshd.users.noDocker.name,
          auth: { kind: 'key', keyPath: sshd.users.noDocker.privateKeyPath },
        }),
      );
      const error = await rejection(core.pool.docker(server.id).ping());
      expect(error.code).toBe('docker-not-installed');
      expect(error.message).toMatch(/Docker is not installed on no-docker/);
      const check = await core.handlers['servers.check']({ id: server.id });
      const engine = check.items.find((i) => i.id === 'docker-engine');
      expect(engine?.status).toBe('fail');
      expect(check.ok).toBe(false);
    });

    it('no permission on the Docker socket names the exact fix', async () => {
      core = await createTestCore();
      const server = await core.servers.add(
        serverInput(sshd, {
          name: 'no-group',
          user: sshd.users.noGroup.name,
          auth: { kind: 'key', keyPath: sshd.users.noGroup.privateKeyPath },
        }),
      );
      const error = await rejection(core.pool.docker(server.id).ping());
      expect(error.code).toBe('docker-permission-denied');
      const check = await core.handlers['servers.check']({ id: server.id });
      const socket = check.items.find((i) => i.id === 'docker-socket');
      expect(socket?.status).toBe('fail');
      expect(socket?.fix).toBe('sudo usermod -aG docker mistnogroup');
    });

    it('a duplicate name is refused', async () => {
      core = await createTestCore();
      await core.servers.add(serverInput(sshd, { name: 'prod' }));
      const error = await rejection(core.servers.add(serverInput(sshd, { name: 'PROD' })));
      expect(error.code).toBe('conflict');
      expect(core.servers.list()).toHaveLength(1);
    });
  });

  it('removing a server deletes its secret from the keychain', async () => {
    core = await createTestCore();
    const server = await core.servers.add(
      serverInput(sshd, { auth: { kind: 'password', password: sshd.users.docker.password } }),
    );
    await core.servers.update({ id: server.id, name: 'renamed' });
    await core.servers.remove(server.id);
    expect(await core.secrets.get(`server/${server.id}/password`)).toBeNull();
    expect(core.servers.list()).toEqual([]);
    const audit = await core.handlers['audit.list']({ limit: 10 });
    expect(audit.map((e) => e.action)).toEqual(['server.remove', 'server.update', 'server.add']);
    expect(audit[1]).toMatchObject({
      targetType: 'server',
      targetId: server.id,
      before: { name: 'test-server' },
      after: { name: 'renamed' },
    });
    expect(JSON.stringify(audit)).not.toContain(sshd.users.docker.password);
  });

  it('a server that hosts projects cannot be removed', async () => {
    core = await createTestCore();
    const server = await core.servers.add(serverInput(sshd));
    await core.handlers['projects.create']({ name: 'shop', serverId: server.id });
    const error = await rejection(core.servers.remove(server.id));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('shop');
    expect(core.servers.list()).toHaveLength(1);
  });

  it('reaches a server through a saved jump host (ProxyJump)', async () => {
    core = await createTestCore();
    const jump = await core.servers.add(serverInput(sshd, { name: 'bastion' }));
    const inner = await core.servers.add(serverInput(sshd, { name: 'inner', proxyJumpServerId: jump.id }));
    await expect(core.pool.docker(inner.id).ping()).resolves.toBeTruthy();
    expect(core.pool.connection(jump.id).state.channels).toBeGreaterThanOrEqual(1); // the tunnel
    const error = await rejection(core.servers.remove(jump.id));
    expect(error.code).toBe('conflict');
  });
});
