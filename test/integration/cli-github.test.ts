import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GitHubRepositoryDto, GitHubStatusDto } from '../../src/shared/dto/github';
import { GITHUB_ACCOUNT_REF } from '../../src/main/core/github/github-account';
import { KeychainSecretStore } from '../../src/main/core/secrets/secret-store';
import { fakeRepos, startFakeGitHub, type FakeGitHub } from '../fixtures/fake-github-server';
import { describeIntegration } from '../fixtures/integration';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';
import { runMist, type MistResult, type MistRunOptions } from '../support/run-mist';

const TOKEN = 'ghp_CliAccountT0kenNeverPrinted99';
const GH_TOKEN = 'gho_FromTheGitHubCli0123456789';

/**
 * `mist github …` as a user runs it: the real CLI in a child process, the real keychain (a service
 * of its own), GitHub's API played by the local fake through MIST_GITHUB_API_URL, and the GitHub CLI
 * played by a `gh` script first on PATH.
 */
describeIntegration('mist CLI: github login, status, repos, logout', ['keychain'], () => {
  const keychainService = `mist-desktop-test-cli-github-${randomBytes(4).toString('hex')}`;
  let github: FakeGitHub;
  let home: TempDir;
  let env: Record<string, string>;
  const outputs: MistResult[] = [];

  const mist = async (args: string[], opts: MistRunOptions = {}): Promise<MistResult> => {
    const result = await runMist(home.path, args, { ...opts, env: { ...env, ...opts.env } });
    outputs.push(result);
    return result;
  };
  const ok = async (args: string[], opts: MistRunOptions = {}): Promise<MistResult> => {
    const result = await mist(args, opts);
    expect(result.code, `mist ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    github = await startFakeGitHub({
      token: TOKEN,
      repos: [...fakeRepos(150), { owner: 'acme', name: 'shop', private: true }],
    });
    home = makeTempDir('mist-cli-github-home');
    const bin = join(home.path, 'bin');
    mkdirSync(bin);
    // a stand-in for the GitHub CLI: `gh auth token` prints the token it is logged in with
    writeFileSync(
      join(bin, 'gh'),
      `#!/bin/sh\n[ "$1 $2" = "auth token" ] && [ -n "$FAKE_GH_TOKEN" ] && echo "$FAKE_GH_TOKEN" && exit 0\necho "not logged in" >&2\nexit 1\n`,
    );
    chmodSync(join(bin, 'gh'), 0o755);
    env = {
      MIST_GITHUB_API_URL: github.baseUrl,
      MIST_KEYCHAIN_SERVICE: keychainService,
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    };
  });

  afterAll(async () => {
    await new KeychainSecretStore(keychainService).delete(GITHUB_ACCOUNT_REF).catch(() => {});
    await github?.close();
    home?.cleanup();
  });

  it('status without an account: exit 1 and what to do', async () => {
    const result = await mist(['github', 'status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'mist: No GitHub account is connected. Connect one: mist github login --token-stdin',
    );
    const json = await mist(['github', 'status', '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as GitHubStatusDto).connected).toBe(false);
  });

  it('login refuses a token from an argument (exit 2) and a token GitHub rejects (exit 1, nothing stored)', async () => {
    const argv = await mist(['github', 'login', '--token', TOKEN]);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toMatch(/never taken from arguments/);
    const wrong = await mist(['github', 'login', '--token-stdin'], { input: 'ghp_wrong\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('GitHub refused the token (401)');
    expect(await new KeychainSecretStore(keychainService).get(GITHUB_ACCOUNT_REF)).toBeNull();
  });

  it('login --token-stdin connects; status shows login and scopes', async () => {
    const login = await ok(['github', 'login', '--token-stdin'], { input: `${TOKEN}\n` });
    expect(login.stdout).toBe('Connected to GitHub as octo (Octo Cat), with a pasted token.\nScopes: repo, read:org\n');
    const status = JSON.parse((await ok(['github', 'status', '--json'])).stdout) as GitHubStatusDto;
    expect(status).toEqual({
      connected: true,
      login: 'octo',
      name: 'Octo Cat',
      scopes: ['repo', 'read:org'],
      source: 'pasted',
      problem: null,
    });
  });

  it('repos: every page as JSON, or a table; --search narrows', async () => {
    const repos = JSON.parse((await ok(['github', 'repos', '--json'])).stdout) as GitHubRepositoryDto[];
    expect(repos).toHaveLength(151);
    const table = (await ok(['github', 'repos', '--search', 'SHOP'])).stdout;
    expect(table.split('\n')[0]).toMatch(/^REPOSITORY\s+VISIBILITY/);
    expect(table).toContain('acme/shop');
    expect(table.trim().split('\n')).toHaveLength(2);
  });

  it('login --gh takes the GitHub CLI token; without one it says so', async () => {
    const missing = await mist(['github', 'login', '--gh']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/The GitHub CLI gave no token.*gh auth login/);

    github.state.token = GH_TOKEN;
    try {
      const login = await ok(['github', 'login', '--gh', '--json'], { env: { FAKE_GH_TOKEN: GH_TOKEN } });
      expect(JSON.parse(login.stdout)).toMatchObject({ connected: true, login: 'octo', source: 'gh-cli' });
    } finally {
      github.state.token = TOKEN;
    }
    // GitHub no longer takes the stored token: status says so and exits 1
    const status = await mist(['github', 'status']);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/A GitHub token \(from the GitHub CLI\) is stored, but: GitHub refused the token/);
  });

  it('logout deletes the keychain entry; no output ever held a token', async () => {
    expect((await ok(['github', 'logout'])).stdout).toMatch(/Disconnected from GitHub/);
    expect(await new KeychainSecretStore(keychainService).get(GITHUB_ACCOUNT_REF)).toBeNull();
    expect((await mist(['github', 'repos'])).stderr).toMatch(/No GitHub account is connected/);
    for (const { stdout, stderr } of outputs) {
      expect(stdout + stderr).not.toContain(TOKEN);
      expect(stdout + stderr).not.toContain(GH_TOKEN);
    }
  });

  it('help lists the github commands', async () => {
    expect((await ok(['github', '--help'])).stdout).toMatch(/login \(--token-stdin \| --gh\)/);
    expect((await ok(['github', 'repos', '--help'])).stdout).toMatch(/--search TEXT/);
  });
});
