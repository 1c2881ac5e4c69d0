import type { GitHubAccount } from '../../github/github-account';
import type { HandlersFor } from '../api-handlers';

/** The GitHub account: connect, status, disconnect, and its repositories and branches for the picker. */
export type GitHubHandlers = HandlersFor<'github.'>;

export function githubHandlers(account: GitHubAccount): GitHubHandlers {
  return {
    'github.status': () => account.status(),
    'github.connect': (input) => account.connect(input),
    'github.disconnect': () => account.disconnect(),
    'github.repos': ({ search }) => account.repos(search === undefined ? {} : { search }),
    'github.branches': ({ owner, repo }) => account.branches({ owner, repo }),
  };
}
