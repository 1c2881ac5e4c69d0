import { describe, expect, it } from 'vitest';
import { expectPositionals, parseCommandArgs } from '../../src/main/cli/args';
import { parseServerAddArgs } from '../../src/main/cli/commands/server-add';
import { parseServerCheckArgs } from '../../src/main/cli/commands/server-check';
import { parseServerListArgs } from '../../src/main/cli/commands/server-list';
import { parseServerRemoveArgs } from '../../src/main/cli/commands/server-remove';
import { CliUsageError } from '../../src/main/cli/errors';
import { stripOneNewline } from '../../src/main/cli/io';
import { coreOptionsFromEnv } from '../../src/main/cli/open-core';

const FP = `SHA256:${'a'.repeat(43)}`;
const base = ['web', '--host', 'example.com', '--user', 'deploy'];

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as CliUsageError).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandArgs', () => {
  const specs = { host: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

  it('collects string and boolean options and positionals, and honours --', () => {
    expect(parseCommandArgs('x', ['a', '--host', 'h', '--json', '--', '--not-an-option'], specs)).toEqual({
      values: { host: 'h', json: true },
      positionals: ['a', '--not-an-option'],
    });
    expect(parseCommandArgs('x', ['--host=h', '-h'], specs).values).toEqual({ host: 'h', help: true });
  });

  it('turns every mistake into a specific usage error', () => {
    expect(usageMessage(() => parseCommandArgs('server add', ['--hots', 'h'], specs))).toBe(
      "unknown option --hots for 'mist server add'",
    );
    expect(usageMessage(() => parseCommandArgs('x', ['-z'], specs))).toBe("unknown option -z for 'mist x'");
    expect(usageMessage(() => parseCommandArgs('x', ['--host'], specs))).toBe('--host needs a value');
    expect(usageMessage(() => parseCommandArgs('x', ['--host', '--json'], specs))).toBe('--host needs a value');
    expect(usageMessage(() => parseCommandArgs('x', ['--host='], specs))).toBe('--host needs a value');
    expect(usageMessage(() => parseCommandArgs('x', ['--json=yes'], specs))).toBe("--json takes no value (got 'yes')");
    expect(usageMessage(() => parseCommandArgs('x', ['--host', 'a', '--host', 'b'], specs))).toBe(
      '--host is given more than once',
    );
    expect(usageMessage(() => parseCommandArgs('x', ['--constructor'], specs))).toBe(
      "unknown option --constructor for 'mist x'",
    );
  });

  it('lets a value start with a dash only when written inline', () => {
    expect(parseCommandArgs('x', ['--host=-odd'], specs).values).toEqual({ host: '-odd' });
  });

  it('checks the number of positionals', () => {
    expect(expectPositionals('server check', ['a'], ['NAME'])).toEqual(['a']);
    expect(usageMessage(() => expectPositionals('server check', [], ['NAME']))).toBe(
      "missing NAME for 'mist server check'",
    );
    expect(usageMessage(() => expectPositionals('server check', ['a', 'b'], ['NAME']))).toBe(
      "unexpected argument 'b' for 'mist server check'",
    );
  });
});

describe('parseServerAddArgs', () => {
  it('parses a key login with defaults', () => {
    expect(parseServerAddArgs([...base, '--key', '/k/id'], '/cwd')).toEqual({
      name: 'web',
      host: 'example.com',
      port: 22,
      user: 'deploy',
      auth: { kind: 'key', keyPath: '/k/id', passphraseStdin: false },
      jump: null,
      dockerSocketPath: undefined,
      forwardAgent: false,
      publicAddress: undefined,
      acceptHostKey: undefined,
      json: false,
    });
  });

  it('parses every option', () => {
    const args = [
      ...base,
      '--port',
      '2222',
      '--key',
      '~/.ssh/id',
      '--passphrase-stdin',
      '--jump',
      'bastion',
      '--docker-socket',
      '/run/docker.sock',
      '--public-address',
      '203.0.113.7',
      '--accept-host-key',
      FP,
      '--json',
    ];
    expect(parseServerAddArgs(args, '/cwd')).toEqual({
      name: 'web',
      host: 'example.com',
      port: 2222,
      user: 'deploy',
      auth: { kind: 'key', keyPath: '~/.ssh/id', passphraseStdin: true },
      jump: 'bastion',
      dockerSocketPath: '/run/docker.sock',
      forwardAgent: false,
      publicAddress: '203.0.113.7',
      acceptHostKey: FP,
      json: true,
    });
  });

  it('resolves a relative key path against the working directory', () => {
    expect(parseServerAddArgs([...base, '--key', 'keys/id'], '/home/me').auth).toEqual({
      kind: 'key',
      keyPath: '/home/me/keys/id',
      passphraseStdin: false,
    });
  });

  it('parses --agent and --password-stdin', () => {
    expect(parseServerAddArgs([...base, '--agent'], '/').auth).toEqual({ kind: 'agent' });
    expect(parseServerAddArgs([...base, '--password-stdin'], '/').auth).toEqual({ kind: 'password' });
  });

  it('rejects incomplete or contradictory command lines', () => {
    const msg = (args: string[]) => usageMessage(() => parseServerAddArgs(args, '/'));
    expect(msg(['--host', 'h', '--user', 'u', '--agent'])).toBe("missing NAME for 'mist server add'");
    expect(msg(['web', '--user', 'u', '--agent'])).toBe('missing --host');
    expect(msg(['web', '--host', 'h', '--agent'])).toBe('missing --user');
    expect(msg(base)).toBe('choose how to log in: --key PATH, --agent or --password-stdin');
    expect(msg([...base, '--agent', '--password-stdin'])).toBe(
      'choose one way to log in, not --agent and --password-stdin',
    );
    expect(msg([...base, '--key', '/k', '--agent'])).toBe('choose one way to log in, not --key and --agent');
    expect(msg([...base, '--agent', '--passphrase-stdin'])).toBe('--passphrase-stdin goes with --key');
    expect(msg([...base, '--agent', '--port', '0'])).toBe("--port must be a number from 1 to 65535 (got '0')");
    expect(msg([...base, '--agent', '--port', '65536'])).toBe("--port must be a number from 1 to 65535 (got '65536')");
    expect(msg([...base, '--agent', '--port', '22x'])).toBe("--port must be a number from 1 to 65535 (got '22x')");
    expect(msg([...base, '--agent', '--accept-host-key', 'MD5:aa'])).toBe(
      'invalid --accept-host-key: a fingerprint looks like SHA256: followed by 43 base64 characters',
    );
    expect(msg([...base, '--agent', '--password', 'hunter2'])).toBe("unknown option --password for 'mist server add'");
    expect(msg([...base, 'extra', '--agent'])).toBe("unexpected argument 'extra' for 'mist server add'");
  });
});

describe('the other commands', () => {
  it('server list takes only --json', () => {
    expect(parseServerListArgs([])).toEqual({ json: false });
    expect(parseServerListArgs(['--json'])).toEqual({ json: true });
    expect(usageMessage(() => parseServerListArgs(['web']))).toBe("unexpected argument 'web' for 'mist server list'");
  });

  it('server check takes NAME, --json and --accept-host-key', () => {
    expect(parseServerCheckArgs(['web', '--json'])).toEqual({ name: 'web', json: true, acceptHostKey: undefined });
    expect(parseServerCheckArgs(['web', '--accept-host-key', FP])).toEqual({
      name: 'web',
      json: false,
      acceptHostKey: FP,
    });
    expect(usageMessage(() => parseServerCheckArgs(['web', '--accept-host-key', 'nope']))).toMatch(
      /^invalid --accept-host-key/,
    );
  });

  it('server remove takes NAME only', () => {
    expect(parseServerRemoveArgs(['web'])).toEqual({ name: 'web' });
    expect(usageMessage(() => parseServerRemoveArgs(['web', '--force']))).toBe(
      "unknown option --force for 'mist server remove'",
    );
  });
});

describe('secrets from stdin and the environment', () => {
  it('strips exactly one trailing newline', () => {
    expect(stripOneNewline('pw\n')).toBe('pw');
    expect(stripOneNewline('pw\r\n')).toBe('pw');
    expect(stripOneNewline('pw\n\n')).toBe('pw\n');
    expect(stripOneNewline('pw ')).toBe('pw ');
  });

  it('maps MIST_* variables onto the core options', () => {
    const env = {
      MIST_HOME: '/data',
      MIST_KEYCHAIN_SERVICE: 'svc',
      MIST_KNOWN_HOSTS: '/kh',
      MIST_SSH_SECRET: 's3cret',
    };
    expect(coreOptionsFromEnv(env, { useSecretOverride: true })).toEqual({
      home: '/data',
      keychainService: 'svc',
      knownHostsPath: '/kh',
      secretOverride: 's3cret',
    });
    expect(coreOptionsFromEnv(env, { useSecretOverride: false })).toEqual({
      home: '/data',
      keychainService: 'svc',
      knownHostsPath: '/kh',
    });
    expect(coreOptionsFromEnv({ MIST_HOME: '/data', MIST_KNOWN_HOSTS: 'none' }, { useSecretOverride: true })).toEqual({
      home: '/data',
      knownHostsPath: null,
    });
  });
});
