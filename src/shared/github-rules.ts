/**
 * Pure rules for the GitHub account and repository picker, shared by the core, the CLI and the
 * renderer (unit-tested in shared-github-rules.test.ts).
 */

/** Repositories whose "owner/name" contains the search text (case-insensitive); all for an empty search. */
export function filterRepositories<T extends { fullName: string }>(repos: readonly T[], search?: string): T[] {
  const needle = search?.trim().toLowerCase() ?? '';
  return needle ? repos.filter((repo) => repo.fullName.toLowerCase().includes(needle)) : [...repos];
}

export interface ScopeNote {
  level: 'warn' | 'info';
  text: string;
}

/**
 * What the token's scopes mean for private repositories: a classic token needs `repo`; a
 * fine-grained token reports no scopes at all, so all we can say is what it needs.
 */
export function githubScopeNote(scopes: readonly string[]): ScopeNote | null {
  if (scopes.length === 0) {
    return {
      level: 'info',
      text: 'GitHub reports no scopes for this token (a fine-grained token): private repositories need read access to their contents (and metadata) granted to it.',
    };
  }
  if (!scopes.includes('repo')) {
    return {
      level: 'warn',
      text: 'This token lacks the "repo" scope: private repositories are neither listed nor cloned with it. Create a token with the repo scope to deploy them.',
    };
  }
  return null;
}
