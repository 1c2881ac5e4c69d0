import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CertStatusDto, DnsStatusDto, DomainDto } from '../../src/shared/dto/domain';
import { createFixtureRepo, type FixtureRepo } from '../fixtures/git-repo';
import { describeIntegration } from '../fixtures/integration';
import { startTestSshd, type TestSshd } from '../fixtures/sshd';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { runMist, type MistResult } from '../support/run-mist';

type CheckedDomain = DomainDto & { dns?: DnsStatusDto; certificate?: CertStatusDto };

// `server prepare` needs a Traefik image on the server; it is covered by traefik-prepare.test.ts.
describeIntegration('mist CLI: domains', ['sshd', 'docker', 'keychain', 'root'], () => {
  let sshd: TestSshd;
  let repo: FixtureRepo;
  let home: TempDir;
  const project = `dom-${Date.now().toString(36)}`;
  const ref = `${project}/web`;
  const host = `${project}-web.test`;

  /** The real CLI in a child process: stdin is a pipe (never a TTY), the store is a temp dir. */
  const mist = (args: string[]): Promise<MistResult> => runMist(home.path, args);

  const ok = async (args: string[]): Promise<MistResult> => {
    const result = await mist(args);
    expect(result.code, `mist ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  const json = async <T>(args: string[]): Promise<T> => JSON.parse((await ok(args)).stdout) as T;

  beforeAll(async () => {
    [sshd, repo] = await Promise.all([startTestSshd(), createFixtureRepo()]);
    home = makeTempDir('mist-cli-domains-home');
    await ok([
      'server',
      'add',
      'web',
      '--host',
      sshd.host,
      '--port',
      String(sshd.port),
      '--user',
      sshd.users.docker.name,
      '--key',
      sshd.users.docker.privateKeyPath,
      '--accept-host-key',
      sshd.hostKeyFingerprint,
    ]);
    await ok(['project', 'create', project, '--server', 'web']);
    await ok(['app', 'create', ref, '--type', 'web', '--git', repo.url]);
  });

  afterAll(async () => {
    if (home) {
      await mist(['app', 'delete', ref]).catch(() => undefined);
      await mist(['server', 'remove', 'web']).catch(() => undefined);
      home.cleanup();
    }
    await Promise.all([sshd?.stop(), repo?.remove()]);
  });

  it('domain add refuses an invalid domain with one clear line (exit 2) and saves nothing', async () => {
    for (const bad of ['my_app.example.com', 'two words.example.com', `${'a'.repeat(64)}.example.com`, 'x.com;id']) {
      const result = await mist(['domain', 'add', ref, bad]);
      expect(result.code, bad).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^mist: invalid DOMAIN: .+\(see 'mist domain add --help'\)\n$/);
    }
    expect(await json<DomainDto[]>(['domain', 'list', ref, '--json'])).toEqual([]);
    expect((await ok(['domain', 'list', ref])).stdout).toBe(
      `${ref} has no domains. Add one with: mist domain add ${ref} DOMAIN\n`,
    );
  });

  it('domain add: listed by domain list --json; a second add is refused (exit 1)', async () => {
    const added = await ok(['domain', 'add', ref, host.toUpperCase()]);
    expect(added.stdout).toBe(`Added ${host} to ${ref}. Apply it with: mist domain apply ${ref}\n`);
    const domains = await json<DomainDto[]>(['domain', 'list', ref, '--json']);
    expect(domains).toEqual([expect.objectContaining({ host, displayHost: host, auto: false })]);
    expect(Object.keys(domains[0]!).sort()).toEqual(['appId', 'auto', 'createdAt', 'displayHost', 'host']);
    expect((await ok(['domain', 'list', ref])).stdout).toMatch(new RegExp(`^${host}\\s+-\\s+`, 'm'));

    const again = await mist(['domain', 'add', ref, host]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^mist: .*already a domain of this app/);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('domain list --check --json: DNS pending for a .test name, with the record to create', async () => {
    const result = await mist(['domain', 'list', ref, '--check', '--json']);
    const [checked] = JSON.parse(result.stdout) as CheckedDomain[];
    expect(checked).toMatchObject({ host, dns: { host, status: 'pending', found: [] } });
    expect(checked!.dns!.instructions.length).toBeGreaterThan(0);
    // No Traefik answers on the test server's port 443: the certificate check says so, per domain.
    expect(result.code, result.stderr).toBe(0);
    expect(checked!.certificate).toMatchObject({ host, status: 'unreachable', issuer: null });

    const table = await mist(['domain', 'list', ref, '--check']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^${host}\\s+-\\s+pending\\s+unreachable$`, 'm'));
    expect(table.stdout).toContain('DNS pending: found no A/AAAA record');
    expect(table.stdout).toContain(`    create: A ${host} → `);
  });

  it('domain apply before any deploy fails with one line; domain remove', async () => {
    const apply = await mist(['domain', 'apply', ref]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/^mist: .*not been deployed yet/);
    const removed = await ok(['domain', 'remove', ref, host]);
    expect(removed.stdout).toBe(`Removed ${host} from ${ref}. Apply it with: mist domain apply ${ref}\n`);
    expect(await json<DomainDto[]>(['domain', 'list', ref, '--json'])).toEqual([]);
    const missing = await mist(['domain', 'remove', ref, host]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^mist: .*is not a domain of web/);
  });
});
