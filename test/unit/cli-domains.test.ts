import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseDomainAddArgs } from '../../src/main/cli/commands/domain-add';
import { parseDomainListArgs } from '../../src/main/cli/commands/domain-list';
import { parseDomainRemoveArgs } from '../../src/main/cli/commands/domain-remove';
import { parseServerPrepareArgs } from '../../src/main/cli/commands/server-prepare';
import { CliUsageError } from '../../src/main/cli/errors';
import {
  formatCertStatus,
  formatDomainTable,
  formatPrepareResult,
  mergeDomainChecks,
} from '../../src/main/cli/format-domains';
import type { CliCore, OpenCoreOptions } from '../../src/main/cli/open-core';
import { runCli } from '../../src/main/cli/run-cli';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import type { AppDto, ProjectDto } from '../../src/shared/dto/app';
import type { CertStatusDto, DnsStatusDto, DomainDto, PrepareServerResultDto } from '../../src/shared/dto/domain';
import type { ServerDto } from '../../src/shared/dto/server';
import { normalizeDomain } from '../../src/shared/domain-rules';
import { MistError } from '../../src/shared/errors';
import { projectDto, serverDto } from '../support/dto-fixtures';

const T0 = '2026-11-26T12:00:00.000Z';
const NOW = Date.parse(T0) + 5 * 60_000;

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('domain and server prepare: parsing', () => {
  it('domain add/remove take PROJECT/APP DOMAIN and the flags', () => {
    expect(parseDomainAddArgs(['shop/web', 'app.example.com'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      domain: 'app.example.com',
      apply: false,
      json: false,
    });
    expect(parseDomainRemoveArgs(['shop/web', 'app.example.com', '--apply', '--json'])).toMatchObject({
      apply: true,
      json: true,
    });
    expect(parseDomainAddArgs(['shop/web', 'bücher.example'])).toMatchObject({ domain: 'bücher.example' });
  });

  it('refuses invalid domains as usage errors that name DOMAIN', () => {
    expect(usage(() => parseDomainAddArgs(['shop/web', 'my_app.example.com']))).toMatch(/^invalid DOMAIN: .*"_"/);
    expect(usage(() => parseDomainAddArgs(['shop/web', 'has space.com']))).toMatch(/^invalid DOMAIN: /);
    expect(usage(() => parseDomainAddArgs(['shop/web', `${'a'.repeat(64)}.com`]))).toMatch(/longer than 63/);
    expect(usage(() => parseDomainAddArgs(['shop/web', 'x.com;rm -rf /']))).toMatch(/^invalid DOMAIN: /);
    expect(usage(() => parseDomainAddArgs(['shop/web', '*.example.com']))).toMatch(/wildcard/);
    expect(usage(() => parseDomainAddArgs(['shop/web', 'localhost']))).toMatch(/needs a dot/);
    expect(usage(() => parseDomainRemoveArgs(['shop/web']))).toBe("missing DOMAIN for 'mist domain remove'");
    expect(usage(() => parseDomainAddArgs(['shop', 'a.com']))).toMatch(/expected PROJECT\/APP/);
    expect(usage(() => parseDomainAddArgs(['shop/web', 'a.com', '--check']))).toMatch(/unknown option --check/);
  });

  it('domain list takes --check and --json', () => {
    expect(parseDomainListArgs(['shop/web', '--check', '--json'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      check: true,
      json: true,
    });
    expect(usage(() => parseDomainListArgs([]))).toBe("missing PROJECT/APP for 'mist domain list'");
  });

  it('server prepare checks --email and --wildcard by the channel schema; --wildcard none clears', () => {
    expect(parseServerPrepareArgs(['web-1', '--email', 'ops@example.com'])).toEqual({
      name: 'web-1',
      email: 'ops@example.com',
      wildcardDomain: undefined,
      json: false,
    });
    expect(parseServerPrepareArgs(['web-1', '--wildcard', 'none'])).toMatchObject({ wildcardDomain: null });
    expect(parseServerPrepareArgs(['web-1', '--wildcard', 'apps.example.com', '--json'])).toMatchObject({
      wildcardDomain: 'apps.example.com',
      json: true,
    });
    expect(usage(() => parseServerPrepareArgs(['web-1', '--email', 'not-an-email']))).toMatch(
      /^invalid --email: the ACME email must be an email address/,
    );
    expect(usage(() => parseServerPrepareArgs(['web-1', '--email', 'a@b.c', '--wildcard', 'a_b.com']))).toMatch(
      /^invalid --wildcard: /,
    );
    expect(usage(() => parseServerPrepareArgs(['--email', 'a@b.c']))).toBe("missing NAME for 'mist server prepare'");
  });
});

const domain = (host: string, extra: Partial<DomainDto> = {}): DomainDto => ({
  appId: 'a1',
  host,
  displayHost: host,
  auto: false,
  createdAt: T0,
  ...extra,
});
const dns = (host: string, status: DnsStatusDto['status'], found: string[] = []): DnsStatusDto => ({
  host,
  status,
  found,
  expected: ['203.0.113.7'],
  instructions: status === 'ok' ? [] : [`A ${host} → 203.0.113.7`],
  checkedAt: T0,
});
const cert = (host: string, status: CertStatusDto['status'], message = ''): CertStatusDto => ({
  host,
  status,
  issuer: status === 'ok' ? "Let's Encrypt R11" : status === 'default-certificate' ? 'TRAEFIK DEFAULT CERT' : null,
  subject: host,
  validTo: status === 'unreachable' ? null : '2027-02-24T00:00:00.000Z',
  message,
  checkedAt: T0,
});

describe('domain and server prepare: formatting', () => {
  it('lists domains, IDNs with their punycode, auto domains marked', () => {
    const table = formatDomainTable(
      'shop/web',
      [
        domain('xn--bcher-kva.example', { displayHost: 'bücher.example' }),
        domain('shop-web.apps.example.com', { auto: true }),
      ],
      NOW,
      false,
    );
    expect(table).toBe(
      [
        'DOMAIN                                  AUTO  ADDED',
        'shop-web.apps.example.com               auto  5 min ago',
        'bücher.example (xn--bcher-kva.example)  -     5 min ago',
        '',
      ].join('\n'),
    );
    expect(formatDomainTable('shop/web', [], NOW, false)).toBe(
      'shop/web has no domains. Add one with: mist domain add shop/web DOMAIN\n',
    );
  });

  it('with checks: a DNS and a certificate column, and what to do under the table', () => {
    const merged = mergeDomainChecks(
      [domain('a.example.com'), domain('b.example.com'), domain('c.example.com')],
      [
        dns('a.example.com', 'ok', ['203.0.113.7']),
        dns('b.example.com', 'pending'),
        dns('c.example.com', 'mismatch', ['198.51.100.1']),
      ],
      [cert('a.example.com', 'ok'), cert('b.example.com', 'unreachable', 'Nothing answered on port 443.')],
    );
    expect(merged[2]).not.toHaveProperty('certificate');
    expect(formatDomainTable('shop/web', merged, NOW, true)).toBe(
      [
        'DOMAIN         AUTO  DNS       CERTIFICATE',
        "a.example.com  -     ok        ok (Let's Encrypt R11 until 2027-02-24)",
        'b.example.com  -     pending   unreachable',
        'c.example.com  -     mismatch  -',
        '',
        'b.example.com:',
        '  DNS pending: found no A/AAAA record; the server is 203.0.113.7.',
        '    create: A b.example.com → 203.0.113.7',
        '  certificate unreachable: Nothing answered on port 443.',
        'c.example.com:',
        '  DNS mismatch: found 198.51.100.1; the server is 203.0.113.7.',
        '    create: A c.example.com → 203.0.113.7',
        '',
      ].join('\n'),
    );
  });

  it('an ok certificate with a warning gets a note', () => {
    const warned = {
      ...cert('a.example.com', 'ok'),
      message: 'Certificate for a.example.com ... Warning: it expires in 3 days.',
    };
    const text = formatDomainTable('shop/web', mergeDomainChecks([domain('a.example.com')], null, [warned]), NOW, true);
    expect(text).toContain(
      'a.example.com:\n  certificate ok, with a warning: Certificate for a.example.com ... Warning: it expires in 3 days.\n',
    );
  });

  it('certificate states read clearly', () => {
    expect(formatCertStatus(cert('a.com', 'default-certificate'))).toBe('DEFAULT CERTIFICATE');
    expect(formatCertStatus(cert('a.com', 'expired'))).toBe('EXPIRED (2027-02-24)');
    expect(formatCertStatus(undefined)).toBe('-');
  });

  it('says what prepare did', () => {
    const result: PrepareServerResultDto = {
      serverId: 's1',
      network: 'created',
      traefik: 'unchanged',
      image: 'traefik:v3.3',
      imageSource: 'present',
      messages: ['Could not pull traefik:v3.3 (no route to host); using the image already on the server.'],
    };
    expect(formatPrepareResult('web-1', result)).toBe(
      [
        'Prepared web-1 for web apps with domains.',
        '  network  traefik-net created',
        '  Traefik  container unchanged (already as configured)',
        '  image    traefik:v3.3 already on the server (used as is; the pull did not succeed)',
        '  - Could not pull traefik:v3.3 (no route to host); using the image already on the server.',
        '',
      ].join('\n'),
    );
  });
});

const server: ServerDto = serverDto();
const project: ProjectDto = projectDto();
const app = { id: 'a1', projectId: 'p1', serverId: 'srv1', name: 'web', type: 'web' } as AppDto;

/** Like the core: the host as Traefik and DNS see it. */
const ascii = (host: string) => {
  const check = normalizeDomain(host);
  return check.ok ? check.ascii : host;
};

function fakeCore(options: { certFails?: boolean; prepareFails?: string } = {}) {
  const domains: DomainDto[] = [];
  const calls: Array<{ channel: string; input: unknown }> = [];
  const record = (channel: string, input: unknown) => calls.push({ channel, input });
  const handlers = {
    'projects.list': () => [project],
    'apps.list': () => [app],
    'domains.list': () => [...domains],
    'domains.add': (input: { appId: string; host: string }) => {
      record('domains.add', input);
      if (domains.some((d) => d.host === ascii(input.host)))
        throw new MistError('conflict', `${ascii(input.host)} is already a domain of this app.`);
      domains.push(domain(ascii(input.host)));
      return [...domains];
    },
    'domains.remove': (input: { appId: string; host: string }) => {
      record('domains.remove', input);
      const at = domains.findIndex((d) => d.host === ascii(input.host));
      if (at < 0) throw new MistError('not-found', `${ascii(input.host)} is not a domain of web.`);
      domains.splice(at, 1);
      return [...domains];
    },
    'domains.apply': (input: { appId: string }) => {
      record('domains.apply', input);
      return { appId: 'a1', status: 'running', containerState: 'running', startedAt: T0, exitCode: null };
    },
    'domains.checkDns': () => domains.map((d) => dns(d.host, 'pending')),
    'domains.checkCertificates': () => {
      if (options.certFails) throw new MistError('host-unreachable', 'Cannot reach web-1: connection refused');
      return domains.map((d) => cert(d.host, 'unreachable', 'Nothing answered on port 443.'));
    },
    'servers.prepare': (input: unknown) => {
      record('servers.prepare', input);
      if (options.prepareFails) throw new MistError('conflict', options.prepareFails);
      return {
        serverId: 'srv1',
        network: 'exists',
        traefik: 'created',
        image: 'traefik:v3.3',
        imageSource: 'pulled',
        messages: [],
      };
    },
  };
  const resolve = (name: string) => {
    if (name !== server.name) throw new MistError('not-found', `No server named ${name}.`);
    return server;
  };
  const core = {
    servers: { resolve, get: resolve, list: () => [server] },
    handlers: handlers as unknown as ApiHandlers,
    close: async () => undefined,
  } as unknown as CliCore;
  return { openCore: async (_: OpenCoreOptions) => core, calls };
}

async function run(argv: string[], core = fakeCore()) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    stdin: Readable.from([]),
    isTTY: false,
    env: {},
    cwd: '/home/me',
    now: () => NOW,
    onInterrupt: () => () => undefined,
  };
  const code = await runCli(argv, io, { openCore: core.openCore });
  return { code, ...out, calls: core.calls };
}

describe('domain and server prepare: commands', () => {
  it('domain add / list --json / remove --apply', async () => {
    const core = fakeCore();
    const added = await run(['domain', 'add', 'shop/web', 'App.Example.com'], core);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('Added app.example.com to shop/web. Apply it with: mist domain apply shop/web\n');
    expect(core.calls[0]).toEqual({ channel: 'domains.add', input: { appId: 'a1', host: 'App.Example.com' } });

    const listed = await run(['domain', 'list', 'shop/web', '--check', '--json'], core);
    expect(listed.code).toBe(0);
    const json = JSON.parse(listed.stdout) as Array<DomainDto & { dns?: DnsStatusDto; certificate?: CertStatusDto }>;
    expect(json).toEqual([
      expect.objectContaining({ host: 'app.example.com', dns: expect.objectContaining({ status: 'pending' }) }),
    ]);
    expect(json[0]!.certificate).toMatchObject({ status: 'unreachable' });

    const removed = await run(['domain', 'remove', 'shop/web', 'App.Example.com', '--apply'], core);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(
      'Removed App.Example.com from shop/web.\nApplied: the container was recreated with the new labels (no build).\nshop/web: running (started 5 min ago)\n',
    );
    expect(core.calls.map((c) => c.channel)).toEqual(['domains.add', 'domains.remove', 'domains.apply']);
  });

  it('an invalid domain exits 2 with one line and never opens the core', async () => {
    const result = await run(['domain', 'add', 'shop/web', 'bad_name.example.com']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mist: invalid DOMAIN: the label "bad_name" .* \(see 'mist domain add --help'\)\n$/);
    expect(result.calls).toEqual([]);
  });

  it('a refusal from the core is one line, exit 1', async () => {
    const core = fakeCore();
    await run(['domain', 'add', 'shop/web', 'a.example.com'], core);
    const again = await run(['domain', 'add', 'shop/web', 'a.example.com'], core);
    expect(again).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'mist: a.example.com is already a domain of this app.\n',
    });
  });

  it('domain list --check prints the list and exits 1 when a check fails as a whole', async () => {
    const core = fakeCore({ certFails: true });
    await run(['domain', 'add', 'shop/web', 'a.example.com'], core);
    const result = await run(['domain', 'list', 'shop/web', '--check'], core);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('a.example.com  -     pending  -');
    expect(result.stderr).toBe('mist: certificate check of shop/web failed: Cannot reach web-1: connection refused\n');
  });

  it('server prepare: needs an email unless saved; prints what it did; a refusal is one line', async () => {
    const noEmail = await run(['server', 'prepare', 'web-1']);
    expect(noEmail.code).toBe(1);
    expect(noEmail.stderr).toMatch(/^mist: web-1 has no ACME email yet/);
    expect(noEmail.calls).toEqual([]);

    const done = await run([
      'server',
      'prepare',
      'web-1',
      '--email',
      'ops@example.com',
      '--wildcard',
      'apps.example.com',
    ]);
    expect(done.code).toBe(0);
    expect(done.calls).toEqual([
      {
        channel: 'servers.prepare',
        input: { id: 'srv1', email: 'ops@example.com', wildcardDomain: 'apps.example.com' },
      },
    ]);
    expect(done.stdout).toContain('  network  traefik-net already exists\n  Traefik  container created\n');

    const json = await run(['server', 'prepare', 'web-1', '--email', 'ops@example.com', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ network: 'exists', traefik: 'created', imageSource: 'pulled' });

    const taken = await run(
      ['server', 'prepare', 'web-1', '--email', 'ops@example.com'],
      fakeCore({ prepareFails: 'Port 80 on web-1 is taken by the container nginx; nothing was changed.' }),
    );
    expect(taken).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'mist: Port 80 on web-1 is taken by the container nginx; nothing was changed.\n',
    });
  });

  it('help lists the new commands', async () => {
    expect((await run(['domain', '--help'])).stdout).toContain('list PROJECT/APP');
    expect((await run(['server', 'prepare', '--help'])).stdout).toMatch(/^Usage: mist server prepare NAME --email/);
    expect((await run(['--help'])).stdout).toContain('mist domain list PROJECT/APP [--check] [--json]');
  });
});
