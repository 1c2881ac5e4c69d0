import { z } from 'zod';
import type { GitHubBranchDto, GitHubRepositoryDto } from '../../../shared/dto/github';
import { MistError } from '../../../shared/errors';
import { createRedactor } from '../deploy/redactor';

/**
 * A small client for the parts of GitHub's REST API that Mist needs: who the token belongs to,
 * the repositories and branches it can see, and a cheap "did this branch move?" check for
 * automatic deploys. Every failure becomes a MistError written for a person; the token never
 * appears in one.
 */

export interface GitHubUser {
  login: string;
  /** The profile's display name; null when the user never set one. */
  name: string | null;
  /** Scopes of a classic token (X-OAuth-Scopes). Fine-grained tokens have none: an empty array. */
  scopes: string[];
}

/** `etag` is what to pass back next time; null if GitHub sent none (then every check costs a request). */
export type BranchHead = { changed: false } | { changed: true; sha: string; etag: string | null };

export interface GitHubCommit {
  sha: string;
  message: string;
  author: string;
  date: string;
  htmlUrl: string;
}

export interface GitHubClient {
  whoAmI(): Promise<GitHubUser>;
  listRepositories(options?: { search?: string }): Promise<GitHubRepositoryDto[]>;
  listBranches(owner: string, repo: string): Promise<GitHubBranchDto[]>;
  branchHead(owner: string, repo: string, branch: string, etag?: string | null): Promise<BranchHead>;
  commit(owner: string, repo: string, ref: string): Promise<GitHubCommit>;
}

export interface GitHubClientOptions {
  token: string;
  /** https://api.github.com, or a GitHub Enterprise API root such as https://ghe.example.com/api/v3. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
  /** Waits out a rate limit; injected so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds, to turn X-RateLimit-Reset into a wait. */
  now?: () => number;
}

/** 50 pages of 100 = 5000 repositories (sorted by last push, so the ones that matter come first);
 * the cap keeps a runaway `next` link from spending the whole hourly budget of 5000 requests. */
const MAX_PAGES = 50;
/** Longer waits are not worth holding a caller for: we give up and say when the limit resets. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;
const MAX_RATE_LIMIT_RETRIES = 3;
/** X-RateLimit-Reset has whole seconds and GitHub's clock is not ours: wait a little longer. */
const RESET_MARGIN_MS = 1_000;
/** GitHub's advice for a secondary rate limit that comes without a Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

const userSchema = z.object({ login: z.string(), name: z.string().nullable().optional() });
const repoSchema = z.object({
  full_name: z.string(),
  owner: z.object({ login: z.string() }),
  name: z.string(),
  private: z.boolean(),
  default_branch: z.string(),
  clone_url: z.string(),
  ssh_url: z.string(),
  html_url: z.string(),
  pushed_at: z.string().nullable().optional(),
});
const branchSchema = z.object({ name: z.string(), commit: z.object({ sha: z.string() }) });
const commitSchema = z.object({
  sha: z.string(),
  html_url: z.string(),
  author: z.object({ login: z.string() }).nullable().optional(),
  commit: z.object({
    message: z.string(),
    author: z.object({ name: z.string(), date: z.string() }).nullable().optional(),
    committer: z.object({ date: z.string() }).nullable().optional(),
  }),
});

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { token } = options;
  // Printable ASCII only: anything else could not go in a header, and fetch's complaint might quote it.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new MistError('invalid-input', 'A GitHub token is needed: letters, digits and punctuation, no spaces.');
  }
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new MistError('invalid-input', `"${baseUrl}" is not a GitHub API address.`);
  const { origin, host } = new URL(baseUrl);
  const fetchImpl = options.fetchImpl ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const redact = createRedactor([token]);

  /** One GET, with the rate limit waited out; resolves with a 2xx or 304 response, else throws. */
  async function get(url: URL, what: string, headers: Record<string, string> = {}): Promise<Response> {
    for (let retries = 0; ; retries++) {
      const response = await fetchOnce(url, headers);
      if (response.ok || response.status === 304) return response;
      const body = await response.text().catch(() => '');
      const limit = rateLimit(response, body);
      if (!limit) throw httpError(response.status, githubMessage(body), what);
      if (retries >= MAX_RATE_LIMIT_RETRIES || limit.waitMs > MAX_RATE_LIMIT_WAIT_MS) throw rateLimitError(limit);
      await sleep(limit.waitMs);
    }
  }

  async function fetchOnce(url: URL, headers: Record<string, string>): Promise<Response> {
    try {
      return await fetchImpl(url, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'mist-desktop',
          ...headers,
        },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
        throw new MistError('timeout', `GitHub (${host}) did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`);
      }
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a TLS error) is the cause.
      const cause = (
        error instanceof Error && error.cause instanceof Error ? error.cause : error
      ) as NodeJS.ErrnoException;
      const reason = cause?.code ?? cause?.message ?? String(cause);
      throw new MistError('host-unreachable', redact(`Could not reach GitHub at ${host}: ${reason}.`));
    }
  }

  /** How long to wait, if this refusal is a rate limit (403 and 429 are also used for other things). */
  function rateLimit(response: Response, body: string): { waitMs: number; resetAt: number } | null {
    if (response.status !== 403 && response.status !== 429) return null;
    const retryAfter = Number(response.headers.get('retry-after'));
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (response.headers.has('retry-after') && Number.isFinite(retryAfter)) {
      const waitMs = Math.max(0, retryAfter) * 1000; // secondary limit: GitHub says exactly how long
      return { waitMs, resetAt: now() + waitMs };
    }
    if (response.headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset)) {
      // Primary limit: the hourly budget is used up until the reset time GitHub gives.
      return { waitMs: Math.max(0, reset * 1000 - now()) + RESET_MARGIN_MS, resetAt: reset * 1000 };
    }
    if (response.status === 429 || /rate limit/i.test(githubMessage(body))) {
      return { waitMs: DEFAULT_RATE_LIMIT_WAIT_MS, resetAt: now() + DEFAULT_RATE_LIMIT_WAIT_MS };
    }
    return null; // a plain 403: the token may not do this
  }

  function rateLimitError(limit: { waitMs: number; resetAt: number }): MistError {
    const resetAt = new Date(limit.resetAt).toISOString();
    const seconds = Math.ceil(limit.waitMs / 1000);
    const wait = seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} minutes`;
    return new MistError(
      'command-failed',
      `GitHub's rate limit for this token is used up; it resets in about ${wait} (at ${resetAt.slice(11, 19)} UTC). Try again then.`,
      { resetAt },
    );
  }

  function httpError(status: number, message: string, what: string): MistError {
    const said = message ? ` GitHub said: ${redact(message)}` : '';
    switch (status) {
      case 401:
        return new MistError(
          'auth-failed',
          'GitHub refused the token (401): it is wrong, expired or revoked. Create a new one (GitHub → Settings → Developer settings → Personal access tokens, or `gh auth login`) and save it in Mist again.',
        );
      case 403:
        return new MistError(
          'auth-failed',
          `GitHub refused access to ${what} (403): the token lacks a permission (a fine-grained token needs read access to the repository's contents), or the organization requires SSO authorization for it.${said}`,
        );
      case 404:
      case 422: // what the commits endpoint answers for a ref it cannot resolve (a deleted branch)
        return new MistError(
          'not-found',
          `GitHub has no ${what}, or this token cannot see it (a private repository needs a classic token with the repo scope, or a fine-grained token that includes the repository).${said}`,
        );
      default:
        return new MistError('command-failed', `GitHub answered ${status} for ${what}.${said}`);
    }
  }

  async function json<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new MistError('command-failed', `GitHub sent an unexpected answer for ${what}.`);
    return parsed.data;
  }

  /** Every page of a list, following `Link: <…>; rel="next"`. */
  async function getAllPages<T>(first: URL, schema: z.ZodType<T>, what: string): Promise<T[]> {
    const items: T[] = [];
    let url: URL | null = first;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const response = await get(url, what);
      items.push(...(await json(response, z.array(schema), what)));
      url = nextPage(response.headers.get('link'), what);
    }
    return items;
  }

  function nextPage(link: string | null, what: string): URL | null {
    const next = link && /<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1];
    if (!next) return null;
    const url = new URL(next, baseUrl);
    // The token goes with every request: never let a response steer it to another host.
    if (url.origin !== origin) {
      throw new MistError('command-failed', `GitHub's next page of ${what} points to another host (${url.host}).`);
    }
    return url;
  }

  const api = (path: string): URL => new URL(`${baseUrl}${path}`);

  return {
    async whoAmI() {
      const response = await get(api('/user'), 'the user of this token');
      const user = await json(response, userSchema, 'the user of this token');
      const scopes = (response.headers.get('x-oauth-scopes') ?? '')
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean);
      return { login: user.login, name: user.name ?? null, scopes };
    },

    async listRepositories({ search } = {}) {
      const url = api('/user/repos?per_page=100&affiliation=owner,collaborator,organization_member&sort=pushed');
      const repos = await getAllPages(url, repoSchema, 'repositories of this token');
      // A push while we page moves a repository up the pushed-sorted list, so it can show up on two pages.
      const seen = new Set<string>();
      const needle = search?.trim().toLowerCase() ?? '';
      return repos
        .filter((repo) => !seen.has(repo.full_name) && seen.add(repo.full_name))
        .filter((repo) => repo.full_name.toLowerCase().includes(needle))
        .map((repo) => ({
          fullName: repo.full_name,
          owner: repo.owner.login,
          name: repo.name,
          private: repo.private,
          defaultBranch: repo.default_branch,
          cloneUrl: repo.clone_url,
          sshUrl: repo.ssh_url,
          htmlUrl: repo.html_url,
          pushedAt: repo.pushed_at ?? null,
        }));
    },

    async listBranches(owner, repo) {
      const what = `repository ${owner}/${repo}`;
      const branches = await getAllPages(api(`${repoPath(owner, repo)}/branches?per_page=100`), branchSchema, what);
      return branches.map((branch) => ({ name: branch.name, sha: branch.commit.sha }));
    },

    async branchHead(owner, repo, branch, etag) {
      // The commits endpoint with the sha media type answers with the bare sha (41 bytes, not a JSON
      // document) and honours If-None-Match: GitHub documents it for exactly this "has the ref moved?"
      // check, and a 304 does not count against the rate limit, so polling every branch is cheap.
      // `heads/` makes it the branch, even if a tag has the same name.
      const what = `branch "${branch}" in ${owner}/${repo}`;
      const url = api(`${repoPath(owner, repo)}/commits/heads/${refPath(branch, 'branch')}`);
      const response = await get(url, what, {
        Accept: 'application/vnd.github.sha',
        ...(etag ? { 'If-None-Match': etag } : {}),
      });
      if (response.status === 304) return { changed: false };
      const sha = (await response.text()).trim();
      if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new MistError('command-failed', `GitHub sent no commit for ${what}.`);
      return { changed: true, sha, etag: response.headers.get('etag') };
    },

    async commit(owner, repo, ref) {
      const what = `commit "${ref}" in ${owner}/${repo}`;
      const response = await get(api(`${repoPath(owner, repo)}/commits/${refPath(ref, 'commit')}`), what);
      const commit = await json(response, commitSchema, what);
      return {
        sha: commit.sha,
        message: commit.commit.message,
        author: commit.commit.author?.name ?? commit.author?.login ?? '',
        date: commit.commit.author?.date ?? commit.commit.committer?.date ?? '',
        htmlUrl: commit.html_url,
      };
    },
  };
}

/**
 * One path segment, percent-encoded. `.` and `..` are refused as well as empty ones: encoding leaves
 * them alone and the URL parser would resolve them, turning `../../user` into another endpoint.
 */
function segment(value: string, label: string): string {
  // eslint-disable-next-line no-control-regex
  if (!value || value === '.' || value === '..' || value.includes('/') || /[\x00-\x1f\x7f]/.test(value)) {
    throw new MistError('invalid-input', `"${value}" is not a valid ${label} name.`);
  }
  return encodeURIComponent(value);
}

function repoPath(owner: string, repo: string): string {
  return `/repos/${segment(owner, 'GitHub owner')}/${segment(repo, 'repository')}`;
}

/** A branch or other ref may contain slashes (`feature/login`): each part is encoded on its own. */
function refPath(ref: string, label: string): string {
  try {
    return ref
      .split('/')
      .map((part) => segment(part, label))
      .join('/');
  } catch {
    throw new MistError('invalid-input', `"${ref}" is not a valid ${label} name.`);
  }
}

/** GitHub's error bodies are `{ "message": "…" }`; anything else is shown shortened. */
function githubMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through
  }
  return body.trim().slice(0, 200);
}
