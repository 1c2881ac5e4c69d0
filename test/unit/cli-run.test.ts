import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { SERVER_ADD_HELP, SERVER_HELP } from '../../src/main/cli/help';
import type { CliCore, OpenCoreOptions } from '../../src/main/cli/open-core';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import { runCli } from '../../src/main/cli/run-cli';
import type { HostKeyProbeDto, ServerCheckDto, ServerDto } from '../../src/shared/dto/server';
import { MistError } from '../../src/shared/errors';
import type { AddServerInput, HostKeyDecision } from '../../src/shared/schemas/server';

const FP = `SHA256:${'K'.repeat(43)}`;
const OTHER_FP = `SHA256:${'Z'.repeat(43)}`;
const ADD = ['server', 'add', 'web', '--host', 'example.com', '--user', 'deploy'];

function makeIo(options: { stdin?: string; isTTY?: boolean; env?: Record<string, string> } = {}) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    stdin: Readable.from(options.stdin ? [options.stdin] : []),
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: '/home/me',
  };
  return { io, out };
}

const serverDto = (input: Partial<ServerDto> = {}): ServerDto => ({
  id: 'srv-web',
  name: 'web',
  host: 'example.com',
  port: 22,
  user: 'deploy',
  auth: { kind: 'agent' },
  proxyJumpServerId: null,
  hostKeyFingerprint: FP,
  dockerSocketPath: '/var/run/docker.sock',
  forwardAgent: false,
  publicAddress: null,
  acmeEmail: null,
  wildcardDomain: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...input,
});

const checkDto = (ok: boolean): ServerCheckDto => ({
  serverId: 'srv-web',
  checkedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 5,
  ok,
  items: [
    { id: 'ssh', status: 'ok', title: 'SSH', detail: 'Connected.', fix: null },
    ok
      ? { id: 'docker-socket', status: 'ok', title: 'Docker socket', detail: 'fine', fix: null }
      : {
          id: 'docker-socket',
          status: 'fail',
          title: 'Docker socket',
          detail: 'Permission denied.',
          fix: 'sudo usermod -aG docker deploy',
        },
  ],
  docker: null,
  compose: null,
  git: null,
  disk: null,
  traefik: { network: false, container: null },
});

/** An in-memory stand-in for the core that records what the CLI asked of it. */
function fakeCore(
  options: {
    servers?: ServerDto[];
    probe?: Partial<HostKeyProbeDto>;
    checks?: Array<ServerCheckDto | Error>;
    addError?: Error;
  } = {},
) {
  const servers = [...(options.servers ?? [])];
  const log = {
    opened: [] as OpenCoreOptions[],
    closed: 0,
    added: [] as AddServerInput[],
    accepted: [] as HostKeyDecision[],
    removed: [] as string[],
    probed: 0,
  };
  const checks = [...(options.checks ?? [checkDto(true)])];
  const resolve = (idOrName: string) => {
    const found = servers.find((s) => s.id === idOrName || s.name.toLowerCase() === idOrName.toLowerCase());
    if (!found) throw new MistError('not-found', `No server named ${idOrName}.`);
    return found;
  };
  const core: CliCore = {
    servers: {
      list: () => servers,
      get: resolve,
      resolve,
      probeHostKey: async ({ host, port }) => {
        log.probed += 1;
        return { host, port, keyType: 'ssh-ed25519', fingerprint: FP, knownHosts: 'unknown', ...options.probe };
      },
      add: async (input) => {
        log.added.push(input);
        if (options.addError) throw options.addError;
        const created = serverDto({
          name: input.name,
          host: input.host,
          port: input.port,
          user: input.user,
          hostKeyFingerprint: input.hostKey.trust === 'remember' ? input.hostKey.fingerprint : null,
        });
        servers.push(created);
        return created;
      },
      remove: async (id) => {
        log.removed.push(id);
      },
      acceptHostKey: (id, decision) => {
        log.accepted.push(decision);
        return resolve(id);
      },
    },
    check: async () => {
      const next = checks.shift() ?? checkDto(true);
      if (next instanceof Error) throw next;
      return next;
    },
    // the server commands use none of the API channels
    handlers: {} as ApiHandlers,
    close: async () => {
      log.closed += 1;
    },
  };
  const openCore = async (opts: OpenCoreOptions) => {
    log.opened.push(opts);
    return core;
  };
  return { openCore, log };
}

describe('runCli: help, version and usage errors', () => {
  it('prints the version', async () => {
    const { io, out } = makeIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(out.stdout).toBe(`mist ${packageJson.version}\n`);
  });

  it('prints help on stdout for --help and on stderr (exit 2) when the command is missing', async () => {
    let { io, out } = makeIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/^mist: manage Docker/);
    ({ io, out } = makeIo());
    expect(await runCli([], io)).toBe(2);
    expect(out.stderr).toMatch(/Usage:/);
    ({ io, out } = makeIo());
    expect(await runCli(['server'], io)).toBe(2);
    expect(out.stderr).toBe(SERVER_HELP);
  });

  it('prints a command’s help without opening the core, even next to other arguments', async () => {
    const { openCore, log } = fakeCore();
    const { io, out } = makeIo();
    expect(await runCli(['server', 'add', '--bogus', '--help'], io, { openCore })).toBe(0);
    expect(out.stdout).toBe(SERVER_ADD_HELP);
    expect(log.opened).toEqual([]);
    const help = makeIo();
    expect(await runCli(['help', 'server', 'add'], help.io, { openCore })).toBe(0);
    expect(help.out.stdout).toBe(SERVER_ADD_HELP);
  });

  it('reports unknown commands and options as one line with exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['deploy-all'], "mist: unknown command 'deploy-all' (see 'mist --help')\n"],
      [['--verbose'], "mist: unknown option --verbose (see 'mist --help')\n"],
      [['server', 'frob'], "mist: unknown command 'server frob' (see 'mist server --help')\n"],
      [
        ['server', 'list', '--yaml'],
        "mist: unknown option --yaml for 'mist server list' (see 'mist server list --help')\n",
      ],
      [[...ADD, '--agent', '--port'], "mist: --port needs a value (see 'mist server add --help')\n"],
      [[...ADD, '--agent', '--host', 'x'], "mist: --host is given more than once (see 'mist server add --help')\n"],
    ];
    for (const [argv, expected] of cases) {
      const { openCore, log } = fakeCore();
      const { io, out } = makeIo();
      expect(await runCli(argv, io, { openCore })).toBe(2);
      expect(out.stderr).toBe(expected);
      expect(log.opened).toEqual([]);
    }
  });

  it('validates add input with the shared schema and names the flag', async () => {
    const { openCore, log } = fakeCore();
    const { io, out } = makeIo();
    expect(
      await runCli(['server', 'add', 'web', '--host', 'bad_host!', '--user', 'deploy', '--agent'], io, { openCore }),
    ).toBe(2);
    expect(out.stderr).toMatch(/^mist: invalid --host: a host is a DNS name/);
    expect(log.opened).toEqual([]);
  });
});

describe('runCli: server add and the host key', () => {
  it('without a terminal and without --accept-host-key, fails with the fingerprint and the flag to pass', async () => {
    const { openCore, log } = fakeCore();
    const { io, out } = makeIo();
    expect(await runCli([...ADD, '--agent'], io, { openCore })).toBe(1);
    expect(out.stderr).toBe(
      `mist: The host key of example.com:22 is not known yet: ${FP} (ssh-ed25519); nothing was saved.\n` +
        `mist: if that is the server's key, run the command again with --accept-host-key ${FP}\n`,
    );
    expect(out.stdout).toBe('');
    expect(log.added).toEqual([]);
    expect(log.closed).toBe(1);
  });

  it('refuses an --accept-host-key that differs from the presented key, naming both', async () => {
    const { openCore, log } = fakeCore();
    const { io, out } = makeIo();
    expect(await runCli([...ADD, '--agent', '--accept-host-key', OTHER_FP], io, { openCore })).toBe(1);
    expect(out.stderr).toBe(
      `mist: The host key of example.com:22 is ${FP} (ssh-ed25519), not ${OTHER_FP} as given with --accept-host-key; nothing was saved.\n`,
    );
    expect(log.added).toEqual([]);
  });

  it('remembers the key given with --accept-host-key and adds without secrets from argv', async () => {
    const { openCore, log } = fakeCore();
    const { io, out } = makeIo();
    expect(
      await runCli([...ADD, '--port', '2222', '--key', 'id_ed25519', '--accept-host-key', FP], io, { openCore }),
    ).toBe(0);
    expect(log.opened).toEqual([{ useSecretOverride: false }]);
    expect(log.added).toEqual([
      {
        name: 'web',
        host: 'example.com',
        port: 2222,
        user: 'deploy',
        auth: { kind: 'key', keyPath: '/home/me/id_ed25519' },
        proxyJumpServerId: null,
        dockerSocketPath: '/var/run/docker.sock',
        forwardAgent: false,
        publicAddress: null,
        hostKey: { fingerprint: FP, trust: 'remember' },
      },
    ]);
    expect(out.stdout).toContain('Added web (deploy@example.com:2222');
    expect(out.stdout).toContain(`Host key ${FP} remembered.`);
  });

  it('opts in to ssh-agent forwarding with --forward-agent', async () => {
    const { openCore, log } = fakeCore();
    const { io } = makeIo();
    expect(await runCli([...ADD, '--agent', '--forward-agent', '--accept-host-key', FP], io, { openCore })).toBe(0);
    expect(log.added[0]?.forwardAgent).toBe(true);
  });

  it('with --json prints the saved server', async () => {
    const { openCore } = fakeCore();
    const { io, out } = makeIo();
    expect(await runCli([...ADD, '--agent', '--accept-host-key', FP, '--json'], io, { openCore })).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ name: 'web', hostKeyFingerprint: FP });
  });

  it('honours a matching known_hosts entry and remembers the key', async () => {
    const { openCore, log } = fakeCore({ probe: { knownHosts: 'match' } });
    const { io, out } = makeIo();
    expect(await runCli([...ADD, '--agent'], io, { openCore })).toBe(0);
    expect(log.added[0]?.hostKey).toEqual({ fingerprint: FP, trust: 'remember' });
    expect(out.stdout).toContain('matches known_hosts');
  });

  it('refuses a key that contradicts known_hosts unless the flag names it', async () => {
    const refused = fakeCore({ probe: { knownHosts: 'mismatch' } });
    let { io, out } = makeIo({ isTTY: true });
    expect(await runCli([...ADD, '--agent'], io, { openCore: refused.openCore })).toBe(1);
    expect(out.stderr).toMatch(
      /^mist: WARNING: example\.com:22 presented .* does not match the key recorded for it in known_hosts/,
    );
    expect(refused.log.added).toEqual([]);

    const accepted = fakeCore({ probe: { knownHosts: 'mismatch' } });
    ({ io, out } = makeIo());
    expect(await runCli([...ADD, '--agent', '--accept-host-key', FP], io, { openCore: accepted.openCore })).toBe(0);
    expect(out.stderr).toContain('mist: warning: known_hosts records a different key');
    expect(accepted.log.added).toHaveLength(1);
  });

  it('asks on a terminal: once, remember or cancel, repeating on a bad answer', async () => {
    for (const [answers, expected] of [
      ['o\n', 'once'],
      ['x\nremember\n', 'remember'],
      ['R\n', 'remember'],
    ] as const) {
      const { openCore, log } = fakeCore();
      const { io, out } = makeIo({ isTTY: true, stdin: answers });
      expect(await runCli([...ADD, '--agent'], io, { openCore })).toBe(0);
      expect(log.added[0]?.hostKey).toEqual({ fingerprint: FP, trust: expected });
      expect(out.stderr).toContain(`ssh-ed25519 ${FP}`);
      expect(out.stderr).toContain('[o/r/c]');
    }
    for (const answers of ['c\n', '']) {
      const { openCore, log } = fakeCore();
      const { io, out } = makeIo({ isTTY: true, stdin: answers });
      expect(await runCli([...ADD, '--agent'], io, { openCore })).toBe(1);
      expect(out.stderr).toMatch(/mist: Cancelled; nothing was saved\.\n$/);
      expect(log.added).toEqual([]);
    }
  });

  it('reads the password from stdin, stripping one trailing newline', async () => {
    const { openCore, log } = fakeCore();
    const { io } = makeIo({ stdin: 'pa ss\n\n' });
    expect(await runCli([...ADD, '--password-stdin', '--accept-host-key', FP], io, { openCore })).toBe(0);
    expect(log.added[0]?.auth).toEqual({ kind: 'password', password: 'pa ss\n' });
  });

  it('reads a key passphrase from stdin', async () => {
    const { openCore, log } = fakeCore();
    const { io } = makeIo({ stdin: 'phrase\r\n' });
    expect(await runCli([...ADD, '--key', '/k', '--passphrase-stdin', '--accept-host-key', FP], io, { openCore })).toBe(
      0,
    );
    expect(log.added[0]?.auth).toEqual({ kind: 'key', keyPath: '/k', passphrase: 'phrase' });
  });

  it('refuses an empty stdin secret and a secret typed at a terminal', async () => {
    let { io, out } = makeIo();
    expect(await runCli([...ADD, '--password-stdin', '--accept-host-key', FP], io, fakeCore())).toBe(2);
    expect(out.stderr).toBe("mist: --password-stdin: stdin was empty (see 'mist server add --help')\n");
    ({ io, out } = makeIo({ isTTY: true }));
    expect(await runCli([...ADD, '--password-stdin'], io, fakeCore())).toBe(2);
    expect(out.stderr).toMatch(/^mist: --password-stdin reads the secret from a pipe, not from a terminal/);
  });

  it('refuses a duplicate name before probing', async () => {
    const { openCore, log } = fakeCore({ servers: [serverDto()] });
    const { io, out } = makeIo();
    expect(
      await runCli(['server', 'add', 'WEB', '--host', 'example.com', '--user', 'deploy', '--agent'], io, { openCore }),
    ).toBe(1);
    expect(out.stderr).toBe('mist: A server named WEB already exists.\n');
    expect(log.probed).toBe(0);
  });

  it('reports a core failure as one line and closes the core', async () => {
    const { openCore, log } = fakeCore({
      addError: new MistError('auth-failed', 'web: authentication as deploy failed: the password was rejected.'),
    });
    const { io, out } = makeIo({ stdin: 'nope' });
    expect(await runCli([...ADD, '--password-stdin', '--accept-host-key', FP], io, { openCore })).toBe(1);
    expect(out.stderr).toBe('mist: web: authentication as deploy failed: the password was rejected.\n');
    expect(log.closed).toBe(1);
  });
});

describe('runCli: list, check, remove', () => {
  it('lists servers as JSON', async () => {
    const { openCore } = fakeCore({ servers: [serverDto()] });
    const { io, out } = makeIo();
    expect(await runCli(['server', 'list', '--json'], io, { openCore })).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([serverDto()]);
  });

  it('checks with the secret override; exit 0 when nothing failed, 1 otherwise', async () => {
    const good = fakeCore({ servers: [serverDto()], checks: [checkDto(true)] });
    let { io, out } = makeIo();
    expect(await runCli(['server', 'check', 'web', '--json'], io, { openCore: good.openCore })).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(checkDto(true));
    expect(good.log.opened).toEqual([{ useSecretOverride: true }]);

    const bad = fakeCore({ servers: [serverDto()], checks: [checkDto(false)] });
    ({ io, out } = makeIo());
    expect(await runCli(['server', 'check', 'web'], io, { openCore: bad.openCore })).toBe(1);
    expect(out.stdout).toContain('fix: sudo usermod -aG docker deploy');
  });

  it('asks for a host key that is not remembered, or takes --accept-host-key, then checks again', async () => {
    const unknown = () => new MistError('host-key-unknown', 'not known', { presented: FP, keyType: 'ssh-ed25519' });
    const refused = fakeCore({ servers: [serverDto({ hostKeyFingerprint: null })], checks: [unknown()] });
    let { io, out } = makeIo();
    expect(await runCli(['server', 'check', 'web'], io, { openCore: refused.openCore })).toBe(1);
    expect(out.stderr).toContain(`run the command again with --accept-host-key ${FP}`);
    expect(out.stderr).toContain('no credential was sent');

    const flagged = fakeCore({
      servers: [serverDto({ hostKeyFingerprint: null })],
      checks: [unknown(), checkDto(true)],
    });
    ({ io, out } = makeIo());
    expect(await runCli(['server', 'check', 'web', '--accept-host-key', FP], io, { openCore: flagged.openCore })).toBe(
      0,
    );
    expect(flagged.log.accepted).toEqual([{ fingerprint: FP, trust: 'remember' }]);
  });

  it('never accepts a changed host key from check: the core message goes out as is', async () => {
    const changed = new MistError(
      'host-key-changed',
      `WARNING: the host key of web has CHANGED. Expected ${OTHER_FP}, but the server presented ${FP}.`,
    );
    const { openCore, log } = fakeCore({ servers: [serverDto()], checks: [changed] });
    const { io, out } = makeIo();
    expect(await runCli(['server', 'check', 'web', '--accept-host-key', FP], io, { openCore })).toBe(1);
    expect(out.stderr).toBe(`mist: ${changed.message}\n`);
    expect(log.accepted).toEqual([]);
  });

  it('removes by name', async () => {
    const { openCore, log } = fakeCore({ servers: [serverDto()] });
    const { io, out } = makeIo();
    expect(await runCli(['server', 'remove', 'web'], io, { openCore })).toBe(0);
    expect(log.removed).toEqual(['srv-web']);
    expect(out.stdout).toBe('Removed web.\n');
  });

  it('prints no stack trace unless MIST_DEBUG=1', async () => {
    const boom = () => ({
      openCore: async (): Promise<CliCore> => {
        throw new Error('database is locked');
      },
    });
    let { io, out } = makeIo();
    expect(await runCli(['server', 'list'], io, boom())).toBe(1);
    expect(out.stderr).toBe('mist: database is locked\n');
    ({ io, out } = makeIo({ env: { MIST_DEBUG: '1' } }));
    expect(await runCli(['server', 'list'], io, boom())).toBe(1);
    expect(out.stderr).toMatch(/^mist: database is locked\nError: database is locked\n\s+at /);
  });
});
