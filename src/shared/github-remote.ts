/**
 * Recognises a github.com repository in the git URLs people paste, so the app can offer
 * GitHub-only features (commit links, branch lists, automatic deploys) for it. Pure functions.
 */

export interface GitHubRepoRef {
  owner: string;
  repo: string;
}

// GitHub's naming rules (loosely): owners are letters, digits and hyphens; repositories also allow . and _.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const GITHUB_HOSTS = new Set(['github.com', 'www.github.com']);

/** `git@github.com:owner/repo.git` (scp-like syntax: there is no scheme, and a colon before the path). */
const SCP_LIKE = /^(?:[^@/\s]+@)?github\.com:([^/\s]+)\/([^/\s]+?)\/?$/i;
/** `owner/repo`, the shorthand GitHub's own tools accept. */
const SHORTHAND = /^([^/\s:]+)\/([^/\s:]+)$/;

/**
 * `{ owner, repo }` for `https://github.com/o/r(.git)`, `git@github.com:o/r.git`,
 * `ssh://git@github.com/o/r.git` and the shorthand `o/r`; null for anything else (other hosts
 * included, so a GitLab or self-hosted remote is never mistaken for GitHub).
 */
export function parseGitHubRemote(gitUrl: string): GitHubRepoRef | null {
  const text = gitUrl.trim();
  const scp = SCP_LIKE.exec(text) ?? (text.includes('://') ? null : SHORTHAND.exec(text));
  if (scp) return validRef(scp[1] ?? '', scp[2] ?? '');

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol) || !GITHUB_HOSTS.has(url.hostname)) return null;
  const parts = url.pathname.replace(/\/+$/, '').split('/').slice(1);
  if (parts.length !== 2 || url.search || url.hash) return null;
  return validRef(parts[0] ?? '', parts[1] ?? ''); // percent-escapes fail validation: GitHub names need none
}

/** The web page of a commit, e.g. to link a deployment to what it deployed; null for non-GitHub remotes. */
export function githubCommitUrl(gitUrl: string, sha: string): string | null {
  const ref = parseGitHubRemote(gitUrl);
  if (!ref || !/^[0-9a-f]{7,64}$/i.test(sha)) return null;
  return `https://github.com/${ref.owner}/${ref.repo}/commit/${sha.toLowerCase()}`;
}

function validRef(owner: string, rawRepo: string): GitHubRepoRef | null {
  const repo = rawRepo.replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') return null;
  return { owner, repo };
}
