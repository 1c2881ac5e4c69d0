import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseAppSetArgs } from '../../src/main/cli/commands/app-set';
import { CliUsageError } from '../../src/main/cli/errors';
import { APP_SET_HELP } from '../../src/main/cli/help';
import type { CliCore, OpenCoreOptions } from '../../src/main/cli/open-core';
import { runCli } from '../../src/main/cli/run-cli';
import type { ApiHandlers } from '../../src/main/core/api/api-handlers';
import type { AppDto, ProjectDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { MistError } from '../../src/shared/errors';
import { appDto, projectDto, serverDto } from '../support/dto-fixtures';

const T0 = '2026-11-26T12:00:00.000Z';
const TOKEN = 'ghp_s3cretT0ken';

function usage(argv: string[]): string {
  try {
    parseAppSetArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('app set --git-token parsing', () => {
  it('takes --git-token-stdin and --git-token none, alone or with other settings', () => {
    expect(parseAppSetArgs(['shop/web', '--git-token-stdin'])).toEqual({
      ref: { project: 'shop', app: 'web' },
      changes: {},
      gitToken: 'stdin',
      json: false,
    });
    expect(parseAppSetArgs(['shop/web', '--git-token', 'none', '--json'])).toMatchObject({
      changes: {},
      gitToken: 'remove',
      json: true,
    });
    expect(parseAppSetArgs(['shop/web', '--git', 'https://github.com/me/shop.git', '--git-token-stdin'])).toMatchObject(
      { changes: { gitUrl: 'https://github.com/me/shop.git' }, gitToken: 'stdin' },
    );
    expect(parseAppSetArgs(['shop/web', '--port', '8080']).gitToken).toBeUndefined();
  });

  it('never takes a token from the arguments, and does not echo it', () => {
    for (const argv of [
      ['shop/web', '--git-token', TOKEN],
      [`shop/web`, `--git-token=${TOKEN}`],
    ]) {
      const message = usage(argv);
      expect(message).toMatch(/^tokens are never taken from arguments: use --git-token-stdin/);
      expect(message).not.toContain(TOKEN);
    }
    expect(usage(['shop/web', '--git-token', 'none', '--git-token-stdin'])).toBe(
      'choose --git-token-stdin or --git-token none, not both',
    );
    expect(usage(['shop/web'])).toMatch(/^nothing to change: .*--git-token-stdin, --git-token none$/);
  });
});

const server: ServerDto = serverDto();

/** Project shop with app web, and the channels `app set` and `app show` use (in memory). */
function fakeCore() {
  const project: ProjectDto = projectDto();
  const app: AppDto = appDto({ id: 'a1' });
  const calls: Array<{ channel: string; input: unknown }> = [];
  const opened: OpenCoreOptions[] = [];
  const tokens = new Map<string, string>();
  const appById = (appId: string) => {
    if (appId !== app.id) throw new MistError('not-found', `No app ${appId}`);
    return app;
  };
  const handlers = {
    'projects.list': () => [project],
    'apps.list': () => [app],
    'apps.get': ({ appId }: { appId: string }) => ({ ...appById(appId) }),
    'apps.update': (input: Partial<AppDto> & { id: string }) => {
      calls.push({ channel: 'apps.update', input });
      Object.assign(appById(input.id), input, { redeployPending: true });
      return { ...app };
    },
    'apps.setGitToken': (input: { appId: string; token: string | null }) => {
      calls.push({ channel: 'apps.setGitToken', input });
      appById(input.appId);
      if (input.token === null) tokens.delete(input.appId);
      else tokens.set(input.appId, input.token);
      Object.assign(app, { hasGitToken: input.token !== null, redeployPending: true });
      return { ...app };
    },
  };
  const unused = async () => {
    throw new Error('not used');
  };
  const core: CliCore = {
    servers: {
      list: () => [server],
      get: () => server,
      resolve: () => server,
      probeHostKey: unused,
      add: unused,
      remove: async () => undefined,
      acceptHostKey: () => server,
    },
    check: unused,
    handlers: handlers as unknown as ApiHandlers,
    close: async () => undefined,
  };
  const deps = {
    openCore: async (options: OpenCoreOptions) => {
      opened.push(options);
      return core;
    },
    startDetachedDeploy: unused,
  };
  return { deps, calls, opened, tokens, app };
}

async function cli(fake: ReturnType<typeof fakeCore>, argv: string[], options: { stdin?: string; tty?: boolean } = {}) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    stdin: Readable.from(options.stdin !== undefined ? [options.stdin] : []),
    isTTY: options.tty ?? false,
    env: {},
    cwd: '/home/me',
    now: () => Date.parse(T0) + 60_000,
  };
  const code = await runCli(argv, io, fake.deps);
  return { code, ...out };
}

describe('mist app set --git-token-stdin / --git-token none', () => {
  it('stores the token from stdin minus one trailing newline, without printing it', async () => {
    const fake = fakeCore();
    const result = await cli(fake, ['app', 'set', 'shop/web', '--git-token-stdin'], { stdin: `${TOKEN}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(fake.calls).toEqual([{ channel: 'apps.setGitToken', input: { appId: 'a1', token: TOKEN } }]);
    expect(fake.tokens.get('a1')).toBe(TOKEN);
    expect(result.stdout).toBe(
      'Updated shop/web: git token stored in keychain.\nA redeploy applies it: mist deploy shop/web\n',
    );
    expect(result.stdout + result.stderr).not.toContain(TOKEN);

    const show = await cli(fake, ['app', 'show', 'shop/web']);
    expect(show.stdout).toContain('  git token    stored in keychain\n');
    expect(show.stdout).not.toContain(TOKEN);
    const json = await cli(fake, ['app', 'show', 'shop/web', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ hasGitToken: true });
  });

  it('removes the token with --git-token none', async () => {
    const fake = fakeCore();
    fake.tokens.set('a1', TOKEN);
    fake.app.hasGitToken = true;
    const result = await cli(fake, ['app', 'set', 'shop/web', '--git-token', 'none', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.calls).toEqual([{ channel: 'apps.setGitToken', input: { appId: 'a1', token: null } }]);
    expect(fake.tokens.has('a1')).toBe(false);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'a1', hasGitToken: false });
    const show = await cli(fake, ['app', 'show', 'shop/web']);
    expect(show.stdout).toContain('  git token    none\n');
  });

  it('combines with other settings: the settings first, then the token', async () => {
    const fake = fakeCore();
    const result = await cli(
      fake,
      ['app', 'set', 'shop/web', '--git', 'https://git.example.com/me/shop.git', '--git-token-stdin'],
      { stdin: TOKEN },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(fake.calls.map((c) => c.channel)).toEqual(['apps.update', 'apps.setGitToken']);
    expect(fake.calls[0]!.input).toEqual({ id: 'a1', gitUrl: 'https://git.example.com/me/shop.git' });
    expect(result.stdout).toBe(
      'Updated shop/web: repository https://git.example.com/me/shop.git, git token stored in keychain.\n' +
        'A redeploy applies it: mist deploy shop/web\n',
    );
  });

  it('refuses a token in the arguments, a terminal, empty stdin and a token with spaces (exit 2, nothing opened)', async () => {
    const fake = fakeCore();
    const cases: Array<[string[], { stdin?: string; tty?: boolean }, string]> = [
      [
        ['--git-token', TOKEN],
        {},
        "mist: tokens are never taken from arguments: use --git-token-stdin (or --git-token none to remove it) (see 'mist app set --help')\n",
      ],
      [
        ['--git-token-stdin'],
        { tty: true },
        "mist: --git-token-stdin reads the secret from a pipe, not from a terminal (e.g. printf '%s' \"$SECRET\" | mist app set ...) (see 'mist app set --help')\n",
      ],
      [
        ['--git-token-stdin'],
        { stdin: '\n' },
        "mist: --git-token-stdin: stdin was empty (see 'mist app set --help')\n",
      ],
      [
        ['--git-token-stdin'],
        { stdin: 'two words\n' },
        "mist: invalid token from --git-token-stdin: a token has no spaces or line breaks (see 'mist app set --help')\n",
      ],
    ];
    for (const [flags, options, stderr] of cases) {
      const result = await cli(fake, ['app', 'set', 'shop/web', ...flags], options);
      expect(result).toEqual({ code: 2, stdout: '', stderr });
    }
    expect(fake.opened).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('documents both flags in the help', () => {
    expect(APP_SET_HELP).toContain('--git-token-stdin');
    expect(APP_SET_HELP).toContain('--git-token none');
  });
});
