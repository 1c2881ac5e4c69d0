import { describe, expect, it } from 'vitest';
import { formatGitHubRepos, formatGitHubStatus, parseGitHubLoginArgs } from '../../src/main/cli/commands/github';
import { CliUsageError } from '../../src/main/cli/errors';
import type { GitHubStatusDto } from '../../src/shared/dto/github';

const usage = (argv: string[]): string => {
  try {
    parseGitHubLoginArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('mist github login arguments', () => {
  it('takes --token-stdin or --gh', () => {
    expect(parseGitHubLoginArgs(['--token-stdin'])).toEqual({ from: 'stdin', json: false });
    expect(parseGitHubLoginArgs(['--gh', '--json'])).toEqual({ from: 'gh', json: true });
  });
  it('needs exactly one of them', () => {
    expect(usage([])).toMatch(/exactly one of --token-stdin or --gh/);
    expect(usage(['--gh', '--token-stdin'])).toMatch(/exactly one/);
  });
  it('never takes a token from an argument, and never echoes one', () => {
    expect(usage(['--token', 'ghp_fromArgv'])).toMatch(/never taken from arguments/);
    const message = usage(['ghp_positionalSecret']);
    expect(message).toMatch(/takes no arguments/);
    expect(message).not.toContain('ghp_positionalSecret');
  });
});

describe('mist github output', () => {
  const base: GitHubStatusDto = {
    connected: true,
    login: 'octo',
    name: 'Octo Cat',
    scopes: ['repo'],
    source: 'pasted',
    problem: null,
  };
  it('status: who, scopes, where the token came from; warns without repo', () => {
    expect(formatGitHubStatus({ ...base, scopes: ['repo', 'read:org'] })).toBe(
      'Connected to GitHub as octo (Octo Cat), with a pasted token.\nScopes: repo, read:org\n',
    );
    expect(formatGitHubStatus({ ...base, source: 'gh-cli', scopes: ['public_repo'] })).toMatch(
      /with the GitHub CLI\.\nScopes: public_repo\nWarning: .*"repo" scope/,
    );
    expect(formatGitHubStatus({ ...base, scopes: [] })).toMatch(/none reported \(fine-grained token\)\nNote: /);
  });
  it('status: disconnected, or a stored token with a problem', () => {
    expect(
      formatGitHubStatus({ connected: false, login: null, name: null, scopes: [], source: null, problem: null }),
    ).toMatch(/No GitHub account is connected/);
    expect(formatGitHubStatus({ ...base, login: null, problem: 'GitHub refused the token (401).' })).toBe(
      'A GitHub token (from a pasted token) is stored, but: GitHub refused the token (401).\n',
    );
  });
  it('repos as a table', () => {
    const out = formatGitHubRepos([
      {
        fullName: 'octo/shop',
        owner: 'octo',
        name: 'shop',
        private: true,
        defaultBranch: 'main',
        cloneUrl: 'https://github.com/octo/shop.git',
        sshUrl: 'git@github.com:octo/shop.git',
        htmlUrl: 'https://github.com/octo/shop',
        pushedAt: '2026-01-02T03:04:05Z',
      },
    ]);
    expect(out.split('\n')[0]).toMatch(/^REPOSITORY\s+VISIBILITY\s+DEFAULT BRANCH\s+PUSHED\s+CLONE URL$/);
    expect(out).toContain('octo/shop   private     main            2026-01-02  https://github.com/octo/shop.git');
    expect(formatGitHubRepos([])).toBe('No repositories.\n');
  });
});
