import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { ApiSession } from '../../src/main/core/api/api-session';
import type { ServerMessage } from '../../src/shared/wire';
import { GITHUB_ACCOUNT_REF } from '../../src/main/core/github/github-account';
import { KeychainSecretStore } from '../../src/main/core/secrets/secret-store';
import { fakeRepos, startFakeGitHub, type FakeGitHub } from '../fixtures/fake-github-server';
import { describeIntegration } from '../fixtures/integration';
import { createTestCore, type TestCore } from '../support/test-core';

const TOKEN = 'ghp_AccountT0kenThatMustNeverLeak77';
const SHA = 'c'.repeat(40);

/** Every row of every SQLite table, as one string (to prove the token is in none). */
function everySqliteRow(core: TestCore): string {
  const tables = core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
    name: string;
  }>;
  return tables.map(({ name }) => JSON.stringify(core.db.prepare(`SELECT * FROM ${name}`).all())).join('\n');
}

/**
 * The GitHub account against a local fake GitHub, through the real core, the real keychain (a
 * keychain service of its own, so parallel tests never share the account) and the API channels.
 */
describeIntegration('GitHub account: connect, status, repositories, branches, disconnect', ['keychain'], () => {
  const keychainService = `mist-desktop-test-github-${randomBytes(4).toString('hex')}`;
  let github: FakeGitHub;
  let core: TestCore;

  beforeAll(async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      repos: [
        ...fakeRepos(230),
        { owner: 'acme-org', name: 'shop', private: true, defaultBranch: 'trunk' },
        { owner: 'acme-org', name: 'Shop-Admin', private: false },
      ],
      branches: new Map([
        [
          'acme-org/shop',
          Array.from({ length: 120 }, (_, i) => ({ name: i === 0 ? 'trunk' : `feature/f-${i}`, sha: SHA })),
        ],
      ]),
    });
  });
  afterAll(async () => {
    await github?.close();
    await new KeychainSecretStore(keychainService).delete(GITHUB_ACCOUNT_REF).catch(() => {});
  });

  beforeEach(async () => {
    core = await createTestCore({ githubApiUrl: github.baseUrl, keychainService });
    github.state.scopes = 'repo, read:org';
    github.requests.length = 0;
  });
  afterEach(async () => {
    await core.github.disconnect().catch(() => {});
    await core.dispose();
  });

  it('is disconnected at first; repositories then say to connect', async () => {
    await expect(core.handlers['github.status']({})).resolves.toEqual({
      connected: false,
      login: null,
      name: null,
      scopes: [],
      source: null,
      problem: null,
    });
    await expect(core.handlers['github.repos']({})).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/No GitHub account is connected.*mist github login/),
    });
  });

  it('refuses a token GitHub rejects, with the client message, and stores nothing', async () => {
    await expect(core.handlers['github.connect']({ token: 'ghp_wrong' })).rejects.toMatchObject({
      code: 'auth-failed',
      message: expect.stringContaining('GitHub refused the token (401)'),
    });
    expect(await core.secrets.get(GITHUB_ACCOUNT_REF)).toBeNull();
    expect((await core.handlers['github.status']({})).connected).toBe(false);
    expect(await core.handlers['audit.list']({ limit: 50 })).toEqual([]);
  });

  it('connects with a valid token: login and scopes; the token is in the keychain only, never in SQLite or the audit log', async () => {
    const status = await core.handlers['github.connect']({ token: ` ${TOKEN}\n` });
    expect(status).toEqual({
      connected: true,
      login: 'octo',
      name: 'Octo Cat',
      scopes: ['repo', 'read:org'],
      source: 'pasted',
      problem: null,
    });
    expect(JSON.parse((await core.secrets.get(GITHUB_ACCOUNT_REF)) ?? '{}')).toEqual({
      token: TOKEN,
      source: 'pasted',
    });
    const audit = await core.handlers['audit.list']({ limit: 50 });
    expect(audit.map((entry) => entry.action)).toEqual(['github.connect']);
    expect(audit[0]?.summary).toBe('Connected the GitHub account octo');
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(everySqliteRow(core)).not.toContain(TOKEN);
    expect(await core.github.token()).toBe(TOKEN);
  });

  it('status is cached in memory, and after a restart asks GitHub again once', async () => {
    await core.handlers['github.connect']({ token: TOKEN });
    const userRequests = () => github.requests.filter((r) => r.url === '/api/v3/user').length;
    expect(userRequests()).toBe(1);
    await core.handlers['github.status']({});
    await core.handlers['github.status']({});
    expect(userRequests()).toBe(1);

    // "restart": a new core over the same data directory and keychain
    const restarted = await createTestCore({ home: core.dataDir, githubApiUrl: github.baseUrl, keychainService });
    try {
      github.state.scopes = 'public_repo';
      const status = await restarted.handlers['github.status']({});
      expect(status).toMatchObject({ connected: true, login: 'octo', scopes: ['public_repo'], problem: null });
      await restarted.handlers['github.status']({});
      expect(userRequests()).toBe(2);
    } finally {
      await restarted.close();
    }
  });

  it('a stored token GitHub no longer accepts shows as a problem, still connected', async () => {
    await core.handlers['github.connect']({ token: TOKEN });
    const restarted = await createTestCore({ home: core.dataDir, githubApiUrl: github.baseUrl, keychainService });
    try {
      github.state.token = 'ghp_rotated';
      const status = await restarted.handlers['github.status']({});
      expect(status).toMatchObject({ connected: true, login: null, source: 'pasted' });
      expect(status.problem).toContain('GitHub refused the token (401)');
    } finally {
      github.state.token = TOKEN;
      await restarted.close();
    }
  });

  it('fine-grained tokens report no scopes', async () => {
    github.state.scopes = null;
    expect((await core.handlers['github.connect']({ token: TOKEN })).scopes).toEqual([]);
  });

  it('lists every page of repositories, and searches them without asking GitHub again', async () => {
    await core.handlers['github.connect']({ token: TOKEN });
    const repos = await core.handlers['github.repos']({});
    expect(repos).toHaveLength(232);
    expect(repos[0]).toMatchObject({ fullName: 'octo/repo-000', private: true, cloneUrl: expect.any(String) });
    expect(github.requests.filter((r) => r.url.startsWith('/api/v3/user/repos')).length).toBe(3);

    const found = await core.handlers['github.repos']({ search: 'SHOP' });
    expect(found.map((r) => r.fullName)).toEqual(['acme-org/shop', 'acme-org/Shop-Admin']);
    expect(found[0]).toMatchObject({
      defaultBranch: 'trunk',
      private: true,
      cloneUrl: 'https://github.com/acme-org/shop.git',
    });
    expect(github.requests.filter((r) => r.url.startsWith('/api/v3/user/repos')).length).toBe(3);
  });

  it('lists the branches of a repository (every page); a bad owner name is refused by the schema', async () => {
    await core.handlers['github.connect']({ token: TOKEN });
    const branches = await core.handlers['github.branches']({ owner: 'acme-org', repo: 'shop' });
    expect(branches).toHaveLength(120);
    expect(branches[0]).toEqual({ name: 'trunk', sha: SHA });
    await expect(core.handlers['github.branches']({ owner: 'acme-org', repo: 'nope' })).rejects.toMatchObject({
      code: 'not-found',
    });

    // through a session, as the UI calls it: input validated with the channel's schema
    const sent: ServerMessage[] = [];
    const session = new ApiSession(
      core.handlers,
      (message) => sent.push(message),
      () => {},
    );
    session.receive({ type: 'call', id: 1, channel: 'github.branches', input: { owner: '../user', repo: 'shop' } });
    session.receive({ type: 'call', id: 2, channel: 'github.connect', input: { token: 'two words' } });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.find((m) => m.id === 1)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const refused = sent.find((m) => m.id === 2);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringMatching(/token: .*no spaces/) },
    });
    expect(JSON.stringify(refused)).not.toContain('two words');
  });

  it('disconnect deletes the keychain entry and is audited without the token', async () => {
    await core.handlers['github.connect']({ token: TOKEN });
    await expect(core.handlers['github.disconnect']({})).resolves.toMatchObject({ connected: false });
    expect(await core.secrets.get(GITHUB_ACCOUNT_REF)).toBeNull();
    expect((await core.handlers['github.status']({})).connected).toBe(false);
    expect(await core.github.token()).toBeNull();
    const audit = await core.handlers['audit.list']({ limit: 50 });
    expect(audit.map((entry) => entry.action)).toEqual(['github.disconnect', 'github.connect']);
    expect(audit[0]?.summary).toBe('Disconnected the GitHub account octo');
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    expect(everySqliteRow(core)).not.toContain(TOKEN);
  });

  it('the GitHub CLI token: connects with it when gh gives one, says what to do when not', async () => {
    const { GitHubAccount } = await import('../../src/main/core/github/github-account');
    const records: unknown[] = [];
    const withGh = (token: string | null) =>
      new GitHubAccount({
        secrets: core.secrets,
        audit: { record: (entry) => records.push(entry) },
        apiUrl: github.baseUrl,
        readGhToken: async () => token,
      });
    await expect(withGh(null).connect({ fromGhCli: true })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('gh auth login'),
    });
    const status = await withGh(TOKEN).connect({ fromGhCli: true });
    expect(status).toMatchObject({ connected: true, login: 'octo', source: 'gh-cli' });
    expect((await core.handlers['github.status']({})).source).toBe('gh-cli');
    expect(JSON.stringify(records)).not.toContain(TOKEN);
  });

  it('answers branch heads for the auto-deploy watcher with conditional requests (an unchanged branch costs a 304)', async () => {
    const url = 'https://github.com/acme-org/shop.git';
    expect(await core.github.branchHead(url, 'trunk')).toBeNull(); // not connected: the watcher asks git
    await core.handlers['github.connect']({ token: TOKEN });
    github.state.commits.push({ sha: SHA, message: 'm', author: 'a', date: '2026-11-26T00:00:00Z' });
    github.requests.length = 0;
    expect(await core.github.branchHead(url, 'trunk')).toBe(SHA);
    expect(await core.github.branchHead(url, 'trunk')).toBe(SHA);
    const heads = github.requests.filter((r) => r.url.includes('/commits/heads/trunk'));
    expect(heads).toHaveLength(2);
    expect(heads[0]!.headers['if-none-match']).toBeUndefined();
    expect(heads[1]!.headers['if-none-match']).toBe(`"${SHA}"`);
    expect(await core.github.branchHead('https://gitlab.com/acme-org/shop.git', 'trunk')).toBeNull();
  });
});
