import type {
  GitHubBranchDto,
  GitHubRepositoryDto,
  GitHubStatusDto,
  GitHubTokenSource,
} from '../../../shared/dto/github';
import { MistError } from '../../../shared/errors';
import { filterRepositories } from '../../../shared/github-rules';
import type { GitHubConnectInput } from '../../../shared/schemas/github';
import type { AuditRecordInput } from '../audit/audit-log';
import type { SecretStore } from '../secrets/secret-store';
import { readGhCliToken } from './gh-cli-token';
import { createGitHubClient, type GitHubClient } from './github-client';
import { parseGitHubRemote } from '../../../shared/github-remote';

/** The keychain account holding the connected token (and where it came from); nothing in SQLite. */
export const GITHUB_ACCOUNT_REF = 'github/account';
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/**
 * The audit log's target types are fixed by a CHECK in the schema (server, project, app); until a
 * migration adds an account type, the account's entries are filed under this target.
 */
const AUDIT_TARGET = { targetType: 'account', targetId: 'github' } as const;

/** A repository list is fetched whole (up to 50 pages); searches within this long reuse it. */
const REPO_LIST_TTL_MS = 60_000;

interface StoredAccount {
  token: string;
  source: GitHubTokenSource;
}

interface CheckedAccount {
  token: string;
  source: GitHubTokenSource;
  login: string;
  name: string | null;
  scopes: string[];
}

export interface GitHubAccountDeps {
  secrets: SecretStore;
  audit: { record(entry: AuditRecordInput): void };
  /** The REST API root (default https://api.github.com; tests point it at a local fake). */
  apiUrl?: string;
  /** `gh auth token`; injectable for tests. */
  readGhToken?: () => Promise<string | null>;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

const DISCONNECTED: GitHubStatusDto = {
  connected: false,
  login: null,
  name: null,
  scopes: [],
  source: null,
  problem: null,
};

/**
 * The one GitHub account of this installation: a personal access token (pasted, or the GitHub
 * CLI's), checked with GitHub before it is kept, kept in the OS keychain only, and used to list
 * repositories and branches for the picker and to clone private GitHub repositories. Who the
 * token belongs to is cached in memory; after a restart the first status() asks GitHub again.
 */
export class GitHubAccount {
  private checked: CheckedAccount | null = null;
  private repoList: { token: string; at: number; repos: GitHubRepositoryDto[] } | null = null;
  private readonly apiUrl: string;
  private readonly now: () => number;

  /** Last answers of branchHead: their ETags make the next request conditional. */
  private readonly heads = new Map<string, { sha: string; etag: string | null }>();

  constructor(private readonly deps: GitHubAccountDeps) {
    this.apiUrl = deps.apiUrl ?? DEFAULT_GITHUB_API_URL;
    this.now = deps.now ?? Date.now;
  }

  async connect(input: GitHubConnectInput): Promise<GitHubStatusDto> {
    const source: GitHubTokenSource = input.token !== undefined ? 'pasted' : 'gh-cli';
    const token = input.token !== undefined ? input.token.trim() : await this.ghToken();
    // Checked first: a token GitHub refuses is never stored (the client's 401 message says what to do).
    const user = await this.client(token).whoAmI();
    const stored: StoredAccount = { token, source };
    await this.deps.secrets.set(GITHUB_ACCOUNT_REF, JSON.stringify(stored));
    this.checked = { ...stored, ...user };
    this.repoList = null;
    this.deps.audit.record({
      action: 'github.connect',
      ...AUDIT_TARGET,
      appId: null,
      summary: `Connected the GitHub account ${user.login}${source === 'gh-cli' ? ' (GitHub CLI token)' : ''}`,
      after: { login: user.login, scopes: user.scopes, source },
    });
    return statusOf(this.checked);
  }

  /** Whether an account is connected, and who it is (GitHub is asked once per token per process). */
  async status(): Promise<GitHubStatusDto> {
    const stored = await this.stored();
    if (!stored) {
      this.checked = null;
      return DISCONNECTED;
    }
    try {
      return statusOf(await this.check(stored));
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      return { ...DISCONNECTED, connected: true, source: stored.source, problem };
    }
  }

  async disconnect(): Promise<GitHubStatusDto> {
    const stored = await this.stored().catch(() => null);
    await this.deps.secrets.delete(GITHUB_ACCOUNT_REF);
    const login = this.checked?.login ?? null;
    this.checked = null;
    this.repoList = null;
    if (stored) {
      this.deps.audit.record({
        action: 'github.disconnect',
        ...AUDIT_TARGET,
        appId: null,
        summary: `Disconnected the GitHub account${login ? ` ${login}` : ''}`,
        before: { login, source: stored.source },
      });
    }
    return DISCONNECTED;
  }

  /** The account's (and its organisations') repositories, most recently pushed first. */
  async repos(input: { search?: string } = {}): Promise<GitHubRepositoryDto[]> {
    const { token } = await this.required();
    const cached = this.repoList;
    if (!cached || cached.token !== token || this.now() - cached.at > REPO_LIST_TTL_MS) {
      const repos = await this.client(token).listRepositories();
      this.repoList = { token, at: this.now(), repos };
    }
    return filterRepositories(this.repoList!.repos, input.search);
  }

  async branches(input: { owner: string; repo: string }): Promise<GitHubBranchDto[]> {
    const { token } = await this.required();
    return this.client(token).listBranches(input.owner, input.repo);
  }

  /**
   * The branch head of a GitHub remote through the API, for the auto-deploy watcher: a conditional
   * request (the ETag of the last answer), so an unchanged branch costs nothing against the rate
   * limit. null when no account is connected or the remote is not GitHub: the watcher then asks git.
   */
  async branchHead(cloneUrl: string | null, branch: string): Promise<string | null> {
    const remote = cloneUrl ? parseGitHubRemote(cloneUrl) : null;
    const token = remote ? await this.token() : null;
    if (!remote || !token) return null;
    const key = `${remote.owner}/${remote.repo}#${branch}`;
    const known = this.heads.get(key);
    const answer = await this.client(token).branchHead(remote.owner, remote.repo, branch, known?.etag);
    if (!answer.changed) return known?.sha ?? null;
    this.heads.set(key, { sha: answer.sha, etag: answer.etag });
    return answer.sha;
  }

  /**
   * The token for a deploy's git command, or null when none is connected. Never throws: a public
   * repository must deploy even when the keychain cannot be read.
   */
  async token(): Promise<string | null> {
    return (await this.stored().catch(() => null))?.token ?? null;
  }

  private async check(stored: StoredAccount): Promise<CheckedAccount> {
    if (this.checked && this.checked.token === stored.token) return this.checked;
    const user = await this.client(stored.token).whoAmI();
    this.checked = { ...stored, ...user };
    return this.checked;
  }

  private async required(): Promise<StoredAccount> {
    const stored = await this.stored();
    if (!stored) {
      throw new MistError(
        'not-found',
        'No GitHub account is connected. Connect one on the GitHub page, or with `mist github login --token-stdin`.',
      );
    }
    return stored;
  }

  private async stored(): Promise<StoredAccount | null> {
    return parseStored(await this.deps.secrets.get(GITHUB_ACCOUNT_REF));
  }

  private async ghToken(): Promise<string> {
    const token = await (this.deps.readGhToken ?? (() => readGhCliToken()))();
    if (!token) {
      throw new MistError(
        'not-found',
        'The GitHub CLI gave no token: it is not installed, or not logged in (run `gh auth login`). You can paste a token instead.',
      );
    }
    return token;
  }

  private client(token: string): GitHubClient {
    return createGitHubClient({
      token,
      baseUrl: this.apiUrl,
      ...(this.deps.fetchImpl ? { fetchImpl: this.deps.fetchImpl } : {}),
    });
  }
}

function statusOf(account: CheckedAccount): GitHubStatusDto {
  return {
    connected: true,
    login: account.login,
    name: account.name,
    scopes: account.scopes,
    source: account.source,
    problem: null,
  };
}

/** The keychain value: JSON with the token and its source; a bare token (stored by hand) counts as pasted. */
function parseStored(value: string | null): StoredAccount | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<StoredAccount>;
    if (typeof parsed.token === 'string' && parsed.token) {
      return { token: parsed.token, source: parsed.source === 'gh-cli' ? 'gh-cli' : 'pasted' };
    }
  } catch {
    // not JSON: a bare token
  }
  return /^[\x21-\x7e]+$/.test(value) ? { token: value, source: 'pasted' } : null;
}

/**
 * Whether a deploy may hand the account's token to git for this clone URL: only over https, and
 * only to github.com (never to another host, and never over plain http).
 */
export function accountTokenApplies(cloneUrl: string | null): boolean {
  if (!cloneUrl || !parseGitHubRemote(cloneUrl)) return false;
  try {
    return new URL(cloneUrl).protocol === 'https:';
  } catch {
    return false; // scp-like ssh syntax: the token is of no use there
  }
}

/**
 * The token a deploy gives git: the app's own first; else, for a GitHub https remote, the
 * connected account's; else none.
 */
export async function chooseGitToken(
  appToken: () => Promise<string | null>,
  cloneUrl: string | null,
  accountToken: () => Promise<string | null>,
): Promise<string | null> {
  const own = await appToken();
  if (own !== null) return own;
  return accountTokenApplies(cloneUrl) ? accountToken() : null;
}
