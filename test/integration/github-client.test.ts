import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../src/main/core/github/github-client';
import { MistError } from '../../src/shared/errors';
import { findFreePort } from '../fixtures/free-port';
import { fakeRepos, startFakeGitHub, type FakeGitHub } from '../fixtures/fake-github-server';

const TOKEN = 'ghp_T0kenThatMustNeverLeak42';
const NOW_MS = Date.UTC(2026, 5, 1, 12, 0, 0);
const NOW_S = NOW_MS / 1000;
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

let github: FakeGitHub;
let sleep: ReturnType<typeof vi.fn<(ms: number) => Promise<void>>>;
let client: GitHubClient;

function clientFor(token: string): GitHubClient {
  return createGitHubClient({ token, baseUrl: github.baseUrl, sleep, now: () => NOW_MS });
}

/** The rejection of `promise`, which must be a MistError. */
async function failure(promise: Promise<unknown>): Promise<MistError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MistError);
  return error as MistError;
}

const requestsTo = (path: string) => github.requests.filter((r) => r.url.split('?')[0]?.endsWith(path));

beforeEach(async () => {
  github = await startFakeGitHub({
    token: TOKEN,
    repos: [{ owner: 'octo', name: 'shop', private: true, defaultBranch: 'main' }],
    branches: new Map([['octo/shop', [{ name: 'main', sha: SHA_A }]]]),
    commits: [{ sha: SHA_A, message: 'Add checkout page', author: 'Ada', date: '2026-05-31T10:00:00Z' }],
  });
  sleep = vi.fn(async (_ms: number) => {});
  client = clientFor(TOKEN);
});
afterEach(() => github.close());

describe('whoAmI', () => {
  it('returns the login, name and classic-token scopes, sending the GitHub headers', async () => {
    await expect(client.whoAmI()).resolves.toEqual({ login: 'octo', name: 'Octo Cat', scopes: ['repo', 'read:org'] });
    const [request] = github.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.accept).toBe('application/vnd.github+json');
    expect(request?.headers['x-github-api-version']).toBe('2022-11-28');
    expect(request?.headers['user-agent']).toBe('mist-desktop');
  });

  it('gives a fine-grained token (no X-OAuth-Scopes) an empty scope list', async () => {
    github.state.scopes = null;
    github.state.user = { login: 'solo', name: null };
    await expect(client.whoAmI()).resolves.toEqual({ login: 'solo', name: null, scopes: [] });
  });
});

describe('listRepositories', () => {
  it('follows the Link pages to the end and returns every repository exactly once', async () => {
    github.state.repos = fakeRepos(250);
    const repos = await client.listRepositories();

    expect(repos).toHaveLength(250);
    expect(new Set(repos.map((r) => r.fullName)).size).toBe(250);
    expect(repos.map((r) => r.name)).toEqual(github.state.repos.map((r) => r.name));
    const pages = requestsTo('/user/repos');
    expect(pages).toHaveLength(3);
    const query = new URL(pages[0]?.url ?? '', 'http://x').searchParams;
    expect(query.get('per_page')).toBe('100');
    expect(query.get('affiliation')).toBe('owner,collaborator,organization_member');
    expect(query.get('sort')).toBe('pushed');
    expect(repos[0]).toEqual({
      fullName: 'octo/repo-000',
      owner: 'octo',
      name: 'repo-000',
      private: true,
      defaultBranch: 'main',
      cloneUrl: 'https://github.com/octo/repo-000.git',
      sshUrl: 'git@github.com:octo/repo-000.git',
      htmlUrl: 'https://github.com/octo/repo-000',
      pushedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('filters by a case-insensitive substring of the full name', async () => {
    github.state.repos = [...fakeRepos(150), { owner: 'Acme', name: 'Shop-API' }];
    const repos = await client.listRepositories({ search: 'REPO-01' });
    expect(repos.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `repo-01${i}`));
    expect((await client.listRepositories({ search: 'acme/shop' })).map((r) => r.fullName)).toEqual(['Acme/Shop-API']);
    expect(await client.listRepositories({ search: 'nothing-like-this' })).toEqual([]);
  });

  it('drops a repository that a push moved onto a second page', async () => {
    const repos = fakeRepos(150);
    github.state.repos = [...repos.slice(0, 100), repos[99]!, ...repos.slice(100)];
    const listed = await client.listRepositories();
    expect(listed).toHaveLength(150);
    expect(listed.filter((r) => r.name === 'repo-099')).toHaveLength(1);
  });

  it('refuses a next-page link to another host, so the token is not sent there', async () => {
    github.state.repos = fakeRepos(150);
    github.state.linkOrigin = 'http://attacker.example';
    const error = await failure(client.listRepositories());
    expect(error.code).toBe('command-failed');
    expect(error.message).toContain('attacker.example');
    expect(github.requests).toHaveLength(1);
  });
});

describe('listBranches', () => {
  it('pages through every branch with its head sha', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ name: `b-${i}`, sha: i.toString(16).padStart(40, '0') }));
    github.state.branches.set('octo/shop', many);
    await expect(client.listBranches('octo', 'shop')).resolves.toEqual(many);
    expect(requestsTo('/repos/octo/shop/branches')).toHaveLength(2);
  });

  it('names the repository and the repo scope when GitHub answers 404', async () => {
    const error = await failure(client.listBranches('octo', 'nope'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('octo/nope');
    expect(error.message).toContain('repo scope');
  });
});

describe('branchHead', () => {
  it('asks for the bare sha and returns it with the ETag', async () => {
    await expect(client.branchHead('octo', 'shop', 'main')).resolves.toEqual({
      changed: true,
      sha: SHA_A,
      etag: `"${SHA_A}"`,
    });
    const [request] = github.requests;
    expect(request?.url).toBe('/api/v3/repos/octo/shop/commits/heads/main');
    expect(request?.headers.accept).toBe('application/vnd.github.sha');
    expect(request?.headers['if-none-match']).toBeUndefined();
  });

  it('returns changed:false on a 304 for an unchanged branch, having sent If-None-Match', async () => {
    const first = await client.branchHead('octo', 'shop', 'main');
    if (!first.changed) throw new Error('the first check must report a sha');
    await expect(client.branchHead('octo', 'shop', 'main', first.etag)).resolves.toEqual({ changed: false });
    expect(github.requests[1]?.headers['if-none-match']).toBe(first.etag);
  });

  it('reports a new commit with its sha and a new ETag', async () => {
    const first = await client.branchHead('octo', 'shop', 'main');
    if (!first.changed) throw new Error('the first check must report a sha');
    github.state.commits.push({ sha: SHA_B, message: 'Fix totals', author: 'Lin', date: '2026-06-01T09:00:00Z' });
    github.state.branches.set('octo/shop', [{ name: 'main', sha: SHA_B }]);

    const next = await client.branchHead('octo', 'shop', 'main', first.etag);
    expect(next).toEqual({ changed: true, sha: SHA_B, etag: `"${SHA_B}"` });
    expect(github.requests[1]?.headers['if-none-match']).toBe(`"${SHA_A}"`);
  });

  it('keeps the slashes of a branch name and encodes the rest of it', async () => {
    github.state.branches.set('octo/shop', [{ name: 'feature/fix#12', sha: SHA_A }]);
    await expect(client.branchHead('octo', 'shop', 'feature/fix#12')).resolves.toMatchObject({ sha: SHA_A });
    expect(github.requests[0]?.url).toBe('/api/v3/repos/octo/shop/commits/heads/feature/fix%2312');
  });

  it('names the branch when it does not exist', async () => {
    const error = await failure(client.branchHead('octo', 'shop', 'gone'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('"gone"');
    expect(error.message).toContain('octo/shop');
  });

  it('refuses empty, dot and dot-dot path segments before sending anything', async () => {
    for (const [owner, repo, branch] of [
      ['octo', 'shop', '../../../user'],
      ['octo', 'shop', 'feature//x'],
      ['octo', 'shop', ''],
      ['', 'shop', 'main'],
      ['octo', '..', 'main'],
      ['octo', 'a/b', 'main'],
    ] as const) {
      expect((await failure(client.branchHead(owner, repo, branch))).code).toBe('invalid-input');
    }
    expect(github.requests).toHaveLength(0);
  });
});

describe('commit', () => {
  it('returns the sha, message, author, date and web page, by sha or by branch', async () => {
    const expected = {
      sha: SHA_A,
      message: 'Add checkout page',
      author: 'Ada',
      date: '2026-05-31T10:00:00Z',
      htmlUrl: `https://github.com/octo/shop/commit/${SHA_A}`,
    };
    await expect(client.commit('octo', 'shop', SHA_A)).resolves.toEqual(expected);
    await expect(client.commit('octo', 'shop', 'main')).resolves.toEqual(expected);
  });
});

describe('errors', () => {
  it('turns a 401 into auth-failed that says what to do and never shows the token', async () => {
    const wrongToken = 'ghp_WrongButStillSecret99';
    const error = await failure(clientFor(wrongToken).whoAmI());
    expect(error.code).toBe('auth-failed');
    expect(error.message).toContain('401');
    expect(error.message).toMatch(/wrong, expired or revoked/);
    expect(error.message).toMatch(/Create a new one/);
    expect(error.message).not.toContain(wrongToken);
    expect(JSON.stringify(error.toShape())).not.toContain(wrongToken);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('treats a 403 without rate-limit headers as a missing permission, not a limit to wait out', async () => {
    github.state.forbidden.add('octo/shop');
    const error = await failure(client.listBranches('octo', 'shop'));
    expect(error.code).toBe('auth-failed');
    expect(error.message).toContain('octo/shop');
    expect(error.message).toContain('Resource not accessible by personal access token');
    expect(sleep).not.toHaveBeenCalled();
    expect(github.requests).toHaveLength(1);
  });

  it('waits until X-RateLimit-Reset (plus a second) and then succeeds', async () => {
    github.state.rateLimit = { times: 2, resetEpochSeconds: NOW_S + 5 };
    await expect(client.whoAmI()).resolves.toMatchObject({ login: 'octo' });
    expect(sleep.mock.calls).toEqual([[6_000], [6_000]]);
    expect(github.requests).toHaveLength(3);
  });

  it('waits for Retry-After on a secondary rate limit (429) and then succeeds', async () => {
    github.state.retryAfter = { times: 1, seconds: 3 };
    await expect(client.branchHead('octo', 'shop', 'main')).resolves.toMatchObject({ changed: true, sha: SHA_A });
    expect(sleep.mock.calls).toEqual([[3_000]]);
  });

  it('gives up after three waits and says when the limit resets', async () => {
    github.state.rateLimit = { times: 100, resetEpochSeconds: NOW_S + 5 };
    const error = await failure(client.listRepositories());
    expect(error.code).toBe('command-failed');
    expect(error.message).toMatch(/rate limit/);
    expect(error.message).toContain('12:00:05 UTC');
    expect(error.message).not.toContain(TOKEN);
    expect(error.details).toEqual({ resetAt: '2026-06-01T12:00:05.000Z' });
    expect(sleep).toHaveBeenCalledTimes(3);
    expect(github.requests).toHaveLength(4);
  });

  it('does not sit out a reset that is far away: it fails at once with the time', async () => {
    github.state.rateLimit = { times: 100, resetEpochSeconds: NOW_S + 3_600 };
    const error = await failure(client.whoAmI());
    expect(error.code).toBe('command-failed');
    expect(error.message).toContain('about 60 minutes');
    expect(error.message).toContain('13:00:00 UTC');
    expect(sleep).not.toHaveBeenCalled();
    expect(github.requests).toHaveLength(1);
  });

  it('names the host when the network fails', async () => {
    const port = await findFreePort();
    const offline = createGitHubClient({ token: TOKEN, baseUrl: `http://127.0.0.1:${port}`, sleep });
    const error = await failure(offline.whoAmI());
    expect(error.code).toBe('host-unreachable');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain(TOKEN);
  });

  it('refuses a token that could not go in a header', () => {
    for (const token of ['', 'ghp_with space', 'ghp_line\nbreak']) {
      expect(() => createGitHubClient({ token })).toThrow(
        expect.objectContaining({ code: 'invalid-input' }) as unknown as Error,
      );
    }
  });
});
