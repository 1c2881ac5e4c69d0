import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { MistError } from '../../src/shared/errors';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { serverInput } from '../support/server-input';
import { createTestCore, type TestCore } from '../support/test-core';

/** sshd logs one of these (LogLevel DEBUG3) as soon as a client starts to authenticate. */
const AUTH_ATTEMPT = /userauth-request|Failed (publickey|password|none)|Accepted (publickey|password)/;

describeIntegration(
  'servers: host keys are verified before any credential is sent',
  ['sshd', 'docker', 'keychain', 'root'],
  () => {
    let sshd: TestSshd;
    let otherSshd: TestSshd;
    let core: TestCore;
    let dir: TempDir;

    beforeAll(async () => {
      [sshd, otherSshd] = await Promise.all([startTestSshd(), startTestSshd({ hostKeyType: 'ecdsa' })]);
      dir = makeTempDir('mist-known-hosts-');
    });
    afterAll(async () => {
      await Promise.all([sshd?.stop(), otherSshd?.stop()]);
      dir?.cleanup();
    });
    afterEach(async () => {
      await core?.dispose();
    });

    it('probing the host key sends no credential', async () => {
      core = await createTestCore();
      const logBefore = otherSshd.readLog().length;
      const probe = await core.servers.probeHostKey({
        host: otherSshd.host,
        port: otherSshd.port,
        proxyJumpServerId: null,
      });
      expect(probe.fingerprint).toBe(otherSshd.hostKeyFingerprint);
      expect(probe.keyType).toBe('ecdsa-sha2-nistp256');
      expect(probe.knownHosts).toBe('unknown');
      await new Promise((resolve) => setTimeout(resolve, 200)); // let sshd flush its log
      expect(otherSshd.readLog().slice(logBefore)).not.toMatch(AUTH_ATTEMPT);
    });

    it('refuses a changed host key, names both fingerprints, and attempts no authentication', async () => {
      core = await createTestCore();
      // The server remembered the key of another machine: exactly what a changed key looks like.
      const server = await core.servers.add(
        serverInput(sshd, { auth: { kind: 'password', password: sshd.users.docker.password } }),
      );
      core.pool.forget(server.id);
      core.db.prepare('UPDATE servers SET port = ? WHERE id = ?').run(otherSshd.port, server.id);
      core.db
        .prepare('UPDATE servers SET host_key_fingerprint = ? WHERE id = ?')
        .run(sshd.hostKeyFingerprint, server.id);
      const logBefore = otherSshd.readLog().length;

      const error = (await core.pool
        .connection(server.id)
        .acquire()
        .catch((e: unknown) => e)) as MistError;
      expect(error).toBeInstanceOf(MistError);
      expect(error.code).toBe('host-key-changed');
      expect(error.message).toContain(sshd.hostKeyFingerprint);
      expect(error.message).toContain(otherSshd.hostKeyFingerprint);
      expect(error.details).toMatchObject({
        expected: sshd.hostKeyFingerprint,
        presented: otherSshd.hostKeyFingerprint,
      });
      expect(core.pool.connection(server.id).state.status).toBe('failed');

      await new Promise((resolve) => setTimeout(resolve, 200));
      const log = otherSshd.readLog().slice(logBefore);
      expect(log).toMatch(/Connection from 127\.0\.0\.1/); // the connection did reach this sshd…
      expect(log).not.toMatch(AUTH_ATTEMPT); // …and no authentication was ever attempted
      expect(sshd.readLog()).toMatch(AUTH_ATTEMPT); // control: the pattern does see real logins
    });

    it('a key accepted once is trusted this session only; a new session must ask again', async () => {
      const home = makeTempDir('mist-once-');
      try {
        core = await createTestCore({ home: home.path });
        const server = await core.servers.add(
          serverInput(sshd, { hostKey: { fingerprint: sshd.hostKeyFingerprint, trust: 'once' } }),
        );
        expect(server.hostKeyFingerprint).toBeNull();
        await expect(core.pool.docker(server.id).ping()).resolves.toBeTruthy();
        await core.close();

        core = await createTestCore({ home: home.path });
        const error = (await core.pool
          .connection(server.id)
          .acquire()
          .catch((e: unknown) => e)) as MistError;
        expect(error.code).toBe('host-key-unknown');
        expect(error.details?.presented).toBe(sshd.hostKeyFingerprint);

        core.servers.acceptHostKey(server.id, { fingerprint: sshd.hostKeyFingerprint, trust: 'remember' });
        await expect(core.pool.docker(server.id).ping()).resolves.toBeTruthy();
        expect(core.servers.get(server.id).hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
      } finally {
        home.cleanup();
      }
    });

    it('adding with the wrong fingerprint saves nothing', async () => {
      core = await createTestCore();
      const error = (await core.servers
        .add(serverInput(sshd, { hostKey: { fingerprint: otherSshd.hostKeyFingerprint, trust: 'remember' } }))
        .catch((e: unknown) => e)) as MistError;
      expect(error.code).toBe('host-key-changed');
      expect(core.servers.list()).toEqual([]);
    });

    it('honours ~/.ssh/known_hosts: a matching entry is trusted, a different one refused', async () => {
      const knownHosts = join(dir.path, 'known_hosts');
      writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKeyLine}\n`);
      core = await createTestCore({ knownHostsPath: knownHosts });
      const probe = await core.servers.probeHostKey({ host: sshd.host, port: sshd.port, proxyJumpServerId: null });
      expect(probe.knownHosts).toBe('match');
      const server = await core.servers.add(
        serverInput(sshd, { hostKey: { fingerprint: probe.fingerprint, trust: 'once' } }),
      );
      core.pool.forget(server.id); // forgets the "once" acceptance: only known_hosts vouches now
      await expect(core.pool.docker(server.id).ping()).resolves.toBeTruthy();

      // the same host and port with another ed25519 key on record: refused as a changed key
      core.pool.forget(server.id);
      writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.users.docker.publicKey.trim()}\n`);
      const error = (await core.pool
        .connection(server.id)
        .acquire()
        .catch((e: unknown) => e)) as MistError;
      expect(error.code).toBe('host-key-changed');
      expect(error.message).toContain('known_hosts');
    });
  },
);
