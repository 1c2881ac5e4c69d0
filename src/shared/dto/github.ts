/** The connected GitHub account and what it can see (`github.*` channels). Never carries the token. */

/** Where the token came from: pasted by the user, or the GitHub CLI's `gh auth token`. */
export type GitHubTokenSource = 'pasted' | 'gh-cli';

export interface GitHubStatusDto {
  connected: boolean;
  login: string | null;
  /** The profile's display name; null when none is set (or the token could not be checked). */
  name: string | null;
  /** Scopes of a classic token; empty for a fine-grained token (GitHub reports none for those). */
  scopes: string[];
  source: GitHubTokenSource | null;
  /**
   * Set when a stored token could not be checked (GitHub refused it, or could not be reached):
   * the token is still stored, and login, name and scopes are unknown.
   */
  problem: string | null;
}

export interface GitHubRepositoryDto {
  fullName: string;
  owner: string;
  name: string;
  private: boolean;
  defaultBranch: string;
  cloneUrl: string;
  sshUrl: string;
  htmlUrl: string;
  /** ISO time of the last push; null for a repository nobody has pushed to. */
  pushedAt: string | null;
}

export interface GitHubBranchDto {
  name: string;
  sha: string;
}
