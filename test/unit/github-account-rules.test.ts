import { describe, expect, it } from 'vitest';
import { accountTokenApplies, chooseGitToken } from '../../src/main/core/github/github-account';
import { filterRepositories, githubScopeNote } from '../../src/shared/github-rules';
import {
  githubBranchesInputSchema,
  githubConnectInputSchema,
  githubReposInputSchema,
} from '../../src/shared/schemas/github';

describe('accountTokenApplies', () => {
  it.each([
    ['https://github.com/octo/shop.git', true],
    ['https://github.com/octo/shop', true],
    ['https://www.github.com/octo/shop.git', true],
    ['http://github.com/octo/shop.git', false], // never a token over plain http
    ['git@github.com:octo/shop.git', false], // ssh: the agent, not a token
    ['ssh://git@github.com/octo/shop.git', false],
    ['https://gitlab.com/octo/shop.git', false],
    ['https://github.com.evil.example/octo/shop.git', false],
    ['https://ghe.example.com/octo/shop.git', false],
    ['https://github.com/octo/shop/tree/main', false],
    ['/srv/git/shop.git', false],
    [null, false],
  ])('%s → %s', (url, expected) => {
    expect(accountTokenApplies(url)).toBe(expected);
  });
});

describe('chooseGitToken', () => {
  const account = async () => 'account-token';
  it("prefers the app's own token, and never reads the account's then", async () => {
    let asked = false;
    const token = await chooseGitToken(
      async () => 'app-token',
      'https://github.com/o/r.git',
      async () => ((asked = true), 'account-token'),
    );
    expect(token).toBe('app-token');
    expect(asked).toBe(false);
  });
  it("uses the account's for a GitHub https remote without an app token", async () => {
    await expect(chooseGitToken(async () => null, 'https://github.com/o/r.git', account)).resolves.toBe(
      'account-token',
    );
  });
  it('uses none for other remotes', async () => {
    await expect(chooseGitToken(async () => null, 'https://git.example.com/o/r.git', account)).resolves.toBeNull();
    await expect(chooseGitToken(async () => null, 'git@github.com:o/r.git', account)).resolves.toBeNull();
    await expect(chooseGitToken(async () => null, null, account)).resolves.toBeNull();
  });
  it('none when no account is connected', async () => {
    await expect(
      chooseGitToken(
        async () => null,
        'https://github.com/o/r.git',
        async () => null,
      ),
    ).resolves.toBeNull();
  });
});

describe('filterRepositories', () => {
  const repos = [{ fullName: 'octo/Shop' }, { fullName: 'acme/shop-admin' }, { fullName: 'octo/blog' }];
  it('matches owner/name case-insensitively, keeping the order', () => {
    expect(filterRepositories(repos, ' SHOP ').map((r) => r.fullName)).toEqual(['octo/Shop', 'acme/shop-admin']);
    expect(filterRepositories(repos, 'octo/b').map((r) => r.fullName)).toEqual(['octo/blog']);
  });
  it('returns all for an empty or missing search, as a copy', () => {
    expect(filterRepositories(repos, '')).toEqual(repos);
    expect(filterRepositories(repos)).not.toBe(repos);
  });
});

describe('githubScopeNote', () => {
  it('nothing to say for a classic token with repo', () => {
    expect(githubScopeNote(['repo', 'read:org'])).toBeNull();
  });
  it('warns when a classic token lacks repo', () => {
    expect(githubScopeNote(['public_repo'])).toMatchObject({ level: 'warn', text: expect.stringContaining('"repo"') });
  });
  it('explains a fine-grained token (no scopes reported)', () => {
    expect(githubScopeNote([])).toMatchObject({ level: 'info', text: expect.stringContaining('fine-grained') });
  });
});

describe('github schemas', () => {
  it('connect takes a token (trimmed) or fromGhCli, exactly one', () => {
    expect(githubConnectInputSchema.parse({ token: ' ghp_abc\n' })).toEqual({ token: 'ghp_abc' });
    expect(githubConnectInputSchema.parse({ fromGhCli: true })).toEqual({ fromGhCli: true });
    expect(githubConnectInputSchema.safeParse({}).success).toBe(false);
    expect(githubConnectInputSchema.safeParse({ token: 'ghp_abc', fromGhCli: true }).success).toBe(false);
    expect(githubConnectInputSchema.safeParse({ token: 'two words' }).success).toBe(false);
    expect(githubConnectInputSchema.safeParse({ token: 'ghp', extra: 1 }).success).toBe(false);
  });
  it('never echoes a refused token in its message', () => {
    const result = githubConnectInputSchema.safeParse({ token: 'ghp_secret value' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('ghp_secret');
  });
  it('repos: optional search; branches: GitHub names only', () => {
    expect(githubReposInputSchema.parse(undefined)).toEqual({});
    expect(githubBranchesInputSchema.parse({ owner: 'acme-org', repo: 'shop.web_1' })).toEqual({
      owner: 'acme-org',
      repo: 'shop.web_1',
    });
    for (const bad of [
      { owner: '../x', repo: 'r' },
      { owner: 'o', repo: '..' },
      { owner: 'o', repo: 'a/b' },
      { owner: '-o', repo: 'r' },
    ]) {
      expect(githubBranchesInputSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
