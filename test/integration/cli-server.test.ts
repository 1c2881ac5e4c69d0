import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DockerSpaceDto, ServerCheckDto, ServerDto } from '../../src/shared/dto/server';
import { describeIntegration } from '../fixtures/integration';
import { runChecked } from '../fixtures/run-command';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { runMist, type MistResult, type MistRunOptions } from '../support/run-mist';

/** A well-formed fingerprint that no test key has. */
const WRONG_FINGERPRINT = `SHA256:${'Q'.repeat(43)}`;

describeIntegration('mist CLI: server add / list / check / remove', ['sshd', 'docker', 'keychain', 'root'], () => {
  let sshd: TestSshd;
  let home: TempDir;

  /** The real CLI in a child process: stdin is a pipe (never a TTY), the store is a temp dir. */
  const mist = (args: string[], opts: MistRunOptions = {}): Promise<MistResult> => runMist(home.path, args, opts);

  const addArgs = (name: string, ...rest: string[]) => [
    'server',
    'add',
    name,
    '--host',
    sshd.host,
    '--port',
    String(sshd.port),
    ...rest,
  ];
  const listJson = async (): Promise<ServerDto[]> => {
    const result = await mist(['server', 'list', '--json']);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as ServerDto[];
  };
  const names = async () => (await listJson()).map((s) => s.name);

  beforeAll(async () => {
    sshd = await startTestSshd();
    home = makeTempDir('mist-cli-home');
  });

  afterAll(async () => {
    // Remove through the CLI so that stored secrets leave the test keychain too.
    if (home) {
      for (const name of await names().catch(() => [])) await mist(['server', 'remove', name]);
      home.cleanup();
    }
    await sshd?.stop();
  });

  it('refuses to add without --accept-host-key when stdin is not a terminal, printing the fingerprint and the flag', async () => {
    const result = await mist(
      addArgs('web', '--user', sshd.users.docker.name, '--key', sshd.users.docker.privateKeyPath),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(sshd.hostKeyFingerprint);
    expect(result.stderr).toContain(`--accept-host-key ${sshd.hostKeyFingerprint}`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await names()).toEqual([]);
  });

  it('refuses a wrong --accept-host-key, naming both fingerprints, and saves nothing', async () => {
    const result = await mist(
      addArgs(
        'web',
        '--user',
        sshd.users.docker.name,
        '--key',
        sshd.users.docker.privateKeyPath,
        '--accept-host-key',
        WRONG_FINGERPRINT,
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(sshd.hostKeyFingerprint);
    expect(result.stderr).toContain(WRONG_FINGERPRINT);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await names()).toEqual([]);
  });

  it('adds a server with the right fingerprint and remembers it', async () => {
    const result = await mist(
      addArgs(
        'web',
        '--user',
        sshd.users.docker.name,
        '--key',
        sshd.users.docker.privateKeyPath,
        '--accept-host-key',
        sshd.hostKeyFingerprint,
      ),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Added web');
    const [server] = await listJson();
    expect(server).toMatchObject({
      name: 'web',
      host: sshd.host,
      port: sshd.port,
      user: sshd.users.docker.name,
      auth: { kind: 'key', keyPath: sshd.users.docker.privateKeyPath, hasPassphrase: false },
      proxyJumpServerId: null,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      dockerSocketPath: '/var/run/docker.sock',
    });
    expect(Object.keys(server!).sort()).toEqual(
      [
        'acmeEmail',
        'auth',
        'createdAt',
        'dockerSocketPath',
        'forwardAgent',
        'host',
        'hostKeyFingerprint',
        'id',
        'name',
        'port',
        'proxyJumpServerId',
        'publicAddress',
        'updatedAt',
        'user',
        'wildcardDomain',
      ].sort(),
    );
    const table = await mist(['server', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+ADDRESS/);
    expect(table.stdout).toContain(`web   ${sshd.users.docker.name}@${sshd.host}:${sshd.port}`);
  });

  it('refuses a second server with the same name', async () => {
    const result = await mist(
      addArgs('WEB', '--user', sshd.users.docker.name, '--agent', '--accept-host-key', sshd.hostKeyFingerprint),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('mist: A server named WEB already exists.\n');
  });

  it('check --json reports the same Docker version as the local engine and exits 0', async () => {
    const localVersion = (await runChecked('docker', ['version', '--format', '{{.Server.Version}}'])).trim();
    const result = await mist(['server', 'check', 'web', '--json']);
    const check = JSON.parse(result.stdout) as ServerCheckDto;
    expect(check.docker?.version).toBe(localVersion);
    expect(check.items.find((item) => item.id === 'docker-socket')?.status).toBe('ok');
    expect(result.code, JSON.stringify(check.items.filter((i) => i.status === 'fail'))).toBe(check.ok ? 0 : 1);
    expect(check.ok).toBe(true);
    const human = await mist(['server', 'check', 'web']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`Docker ${localVersion}`);
  });

  it('space shows what Docker keeps on the server (the same engine), as a table or JSON', async () => {
    const space = JSON.parse((await mist(['server', 'space', 'web', '--json'])).stdout) as DockerSpaceDto;
    expect(space.images.count).toBeGreaterThan(0);
    expect(space.images.bytes).toBeGreaterThan(0);
    const table = await mist(['server', 'space', 'web']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^WHAT +COUNT +SIZE +NOTE\n/);
    expect(table.stdout).toMatch(new RegExp(`^images +${space.images.count} `, 'm'));
    expect(table.stdout).toMatch(/^volumes .*never cleaned up$/m);
    const usage = await mist(['server', 'space', 'web', '--build-cache']);
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toBe("mist: --build-cache goes with --clean (see 'mist server space --help')\n");
  });

  it('adds with --password-stdin (one trailing newline stripped) and checks through the stored password', async () => {
    const result = await mist(
      addArgs('pw', '--user', sshd.users.docker.name, '--password-stdin', '--accept-host-key', sshd.hostKeyFingerprint),
      {
        input: `${sshd.users.docker.password}\n`,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect((await listJson()).find((s) => s.name === 'pw')?.auth).toEqual({ kind: 'password' });
    const check = await mist(['server', 'check', 'pw', '--json']);
    expect(check.code, check.stderr).toBe(0);
  });

  it('uses MIST_SSH_SECRET instead of the keychain when it is set', async () => {
    const result = await mist(['server', 'check', 'pw'], { env: { MIST_SSH_SECRET: 'not-the-password' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the password was rejected');
  });

  it('refuses a wrong password with a clear message and saves nothing', async () => {
    const result = await mist(
      addArgs(
        'badpw',
        '--user',
        sshd.users.docker.name,
        '--password-stdin',
        '--accept-host-key',
        sshd.hostKeyFingerprint,
      ),
      {
        input: 'wrong-password\n',
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `mist: badpw: authentication as ${sshd.users.docker.name} failed: the password was rejected.\n`,
    );
    expect(await names()).not.toContain('badpw');
  });

  it('adds with an encrypted key and --passphrase-stdin', async () => {
    const result = await mist(
      addArgs(
        'enc',
        '--user',
        sshd.users.docker.name,
        '--key',
        sshd.encryptedKey.path,
        '--passphrase-stdin',
        '--accept-host-key',
        sshd.hostKeyFingerprint,
      ),
      { input: sshd.encryptedKey.passphrase },
    );
    expect(result.code, result.stderr).toBe(0);
    expect((await listJson()).find((s) => s.name === 'enc')?.auth).toEqual({
      kind: 'key',
      keyPath: sshd.encryptedKey.path,
      hasPassphrase: true,
    });
  });

  it('honours a matching known_hosts entry without --accept-host-key, and remembers the key', async () => {
    const knownHosts = join(home.path, 'known_hosts');
    writeFileSync(knownHosts, `[${sshd.host}]:${sshd.port} ${sshd.hostPublicKeyLine}\n`);
    const result = await mist(
      addArgs('known', '--user', sshd.users.docker.name, '--key', sshd.users.docker.privateKeyPath),
      {
        env: { MIST_KNOWN_HOSTS: knownHosts },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('matches known_hosts');
    expect((await listJson()).find((s) => s.name === 'known')?.hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('adds a server reached through a saved jump server (--jump), and keeps the jump server while it is used', async () => {
    const result = await mist(
      addArgs(
        'via',
        '--user',
        sshd.users.docker.name,
        '--key',
        sshd.users.docker.privateKeyPath,
        '--jump',
        'known',
        '--public-address',
        '203.0.113.7',
        '--accept-host-key',
        sshd.hostKeyFingerprint,
      ),
    );
    expect(result.code, result.stderr).toBe(0);
    const servers = await listJson();
    const known = servers.find((s) => s.name === 'known');
    expect(servers.find((s) => s.name === 'via')).toMatchObject({
      proxyJumpServerId: known?.id,
      publicAddress: '203.0.113.7', // where its apps' domains must point, unlike its host
    });
    const table = await mist(['server', 'list']);
    expect(table.stdout).toMatch(/^via\s+\S+\s+key \S+\s+known\s+remembered$/m);
    const blocked = await mist(['server', 'remove', 'known']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toBe('mist: known is the jump host of via; change those first.\n');
    expect(await mist(['server', 'remove', 'via'])).toMatchObject({ code: 0 });
  });

  it('check exits 1 for a user outside the docker group and prints the usermod fix', async () => {
    const user = sshd.users.noGroup.name;
    const added = await mist(
      addArgs(
        'nogroup',
        '--user',
        user,
        '--key',
        sshd.users.noGroup.privateKeyPath,
        '--accept-host-key',
        sshd.hostKeyFingerprint,
      ),
    );
    expect(added.code, added.stderr).toBe(0);
    const result = await mist(['server', 'check', 'nogroup']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL\s+Docker socket/);
    expect(result.stdout).toContain(`fix: sudo usermod -aG docker ${user}`);
    const json = await mist(['server', 'check', 'nogroup', '--json']);
    expect(json.code).toBe(1);
    const check = JSON.parse(json.stdout) as ServerCheckDto;
    expect(check.ok).toBe(false);
    expect(check.items.find((item) => item.id === 'docker-socket')).toMatchObject({
      status: 'fail',
      fix: `sudo usermod -aG docker ${user}`,
    });
  });

  it('removes a server', async () => {
    const result = await mist(['server', 'remove', 'web']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Removed web.\n');
    expect(await names()).not.toContain('web');
    const again = await mist(['server', 'remove', 'web']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('mist: No server named web.\n');
  });

  it('reports usage errors with exit 2 and one line, and answers --version', async () => {
    const usage = await mist(['server', 'add', 'x', '--host', sshd.host, '--user', 'mist', '--agent', '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe("mist: unknown option --bogus for 'mist server add' (see 'mist server add --help')\n");
    const badAddress = await mist([
      'server',
      'add',
      'x',
      '--host',
      sshd.host,
      '--user',
      'mist',
      '--agent',
      '--public-address',
      'not an address',
    ]);
    expect(badAddress).toMatchObject({ code: 2, stdout: '' });
    expect(badAddress.stderr).toBe(
      "mist: invalid --public-address: a host is a DNS name (letters, digits and hyphens between dots) or an IP address (see 'mist server add --help')\n",
    );
    const version = await mist(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^mist \d+\.\d+\.\d+/);
  });
});
