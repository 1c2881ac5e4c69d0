import type { GitHubRepositoryDto, GitHubStatusDto } from '../../../shared/dto/github';
import { githubScopeNote } from '../../../shared/github-rules';
import { githubTokenSchema } from '../../../shared/schemas/github';
import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command, type CommandContext } from '../command';
import { CliFailure, CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors';
import { formatJson, formatTable } from '../format';
import { readSecretFromStdin } from '../io';

/** `mist github login|logout|status|repos`: the GitHub account, through the same `github.*` channels as the UI. */

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export function parseGitHubLoginArgs(argv: string[]): { from: 'stdin' | 'gh'; json: boolean } {
  const command = 'github login';
  const { values, positionals } = parseCommandArgs(command, argv, {
    'token-stdin': { type: 'boolean' },
    gh: { type: 'boolean' },
    token: { type: 'string' },
    json: { type: 'boolean' },
    ...HELP_OPTION,
  });
  // not expectPositionals: its message would quote the argument, and that could be a token
  if (positionals.length > 0) {
    throw new CliUsageError('takes no arguments: the token is read from stdin (--token-stdin)', command);
  }
  if (stringOption(values, 'token') !== undefined) {
    throw new CliUsageError('tokens are never taken from arguments: use --token-stdin (or --gh)', command);
  }
  const fromStdin = flagOption(values, 'token-stdin');
  const fromGh = flagOption(values, 'gh');
  if (fromStdin === fromGh) throw new CliUsageError('give exactly one of --token-stdin or --gh', command);
  return { from: fromStdin ? 'stdin' : 'gh', json: flagOption(values, 'json') };
}

/** The token from stdin, checked before the core opens; the token itself is never echoed. */
async function readToken(ctx: CommandContext): Promise<string> {
  const token = await readSecretFromStdin(ctx.io, '--token-stdin', 'github login');
  const checked = githubTokenSchema.safeParse(token);
  if (!checked.success) {
    throw new CliUsageError(
      `invalid token from --token-stdin: ${checked.error.issues[0]?.message ?? 'not a token'}`,
      'github login',
    );
  }
  return checked.data;
}

export function formatGitHubStatus(status: GitHubStatusDto): string {
  if (!status.connected) return 'No GitHub account is connected. Connect one: mist github login --token-stdin\n';
  const source = status.source === 'gh-cli' ? 'the GitHub CLI' : 'a pasted token';
  if (status.problem) return `A GitHub token (from ${source}) is stored, but: ${status.problem}\n`;
  const who = status.name ? `${status.login} (${status.name})` : (status.login ?? '');
  const scopes = status.scopes.length > 0 ? status.scopes.join(', ') : 'none reported (fine-grained token)';
  const note = githubScopeNote(status.scopes);
  return (
    `Connected to GitHub as ${who}, with ${source}.\nScopes: ${scopes}\n` +
    (note ? `${note.level === 'warn' ? 'Warning' : 'Note'}: ${note.text}\n` : '')
  );
}

export function formatGitHubRepos(repos: GitHubRepositoryDto[]): string {
  if (repos.length === 0) return 'No repositories.\n';
  const rows = repos.map((r) => [
    r.fullName,
    r.private ? 'private' : 'public',
    r.defaultBranch,
    r.pushedAt ? r.pushedAt.slice(0, 10) : '-',
    r.cloneUrl,
  ]);
  return formatTable(['REPOSITORY', 'VISIBILITY', 'DEFAULT BRANCH', 'PUSHED', 'CLONE URL'], rows);
}

export const githubLogin: Command = {
  name: 'github login',
  async run(argv, ctx) {
    const args = parseGitHubLoginArgs(argv);
    const token = args.from === 'stdin' ? await readToken(ctx) : null;
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const status = await callApi(core, 'github.connect', token === null ? { fromGhCli: true } : { token });
      ctx.io.stdout.write(args.json ? formatJson(status) : formatGitHubStatus(status));
      return EXIT_OK;
    });
  },
};

export const githubLogout: Command = {
  name: 'github logout',
  async run(argv, ctx) {
    const { positionals } = parseCommandArgs('github logout', argv, HELP_OPTION as OptionSpecs);
    expectPositionals('github logout', positionals, []);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      await callApi(core, 'github.disconnect', {});
      ctx.io.stdout.write('Disconnected from GitHub; the token was deleted from the keychain.\n');
      return EXIT_OK;
    });
  },
};

export const githubStatus: Command = {
  name: 'github status',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('github status', argv, {
      json: { type: 'boolean' },
      ...HELP_OPTION,
    });
    expectPositionals('github status', positionals, []);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const status = await callApi(core, 'github.status', {});
      const usable = status.connected && !status.problem;
      if (flagOption(values, 'json')) {
        ctx.io.stdout.write(formatJson(status));
        return usable ? EXIT_OK : EXIT_FAILURE;
      }
      // exit 1 with the reason on stderr, so a script can tell
      if (!usable) throw new CliFailure(formatGitHubStatus(status).trim());
      ctx.io.stdout.write(formatGitHubStatus(status));
      return EXIT_OK;
    });
  },
};

export const githubRepos: Command = {
  name: 'github repos',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('github repos', argv, {
      search: { type: 'string' },
      json: { type: 'boolean' },
      ...HELP_OPTION,
    });
    expectPositionals('github repos', positionals, []);
    const search = stringOption(values, 'search');
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const repos = await callApi(core, 'github.repos', search === undefined ? {} : { search });
      ctx.io.stdout.write(flagOption(values, 'json') ? formatJson(repos) : formatGitHubRepos(repos));
      return EXIT_OK;
    });
  },
};
