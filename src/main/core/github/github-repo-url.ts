// The GitHub remote rules are pure and shared with the renderer (commit links); the core imports them from here.
export { githubCommitUrl, parseGitHubRemote, type GitHubRepoRef } from '../../../shared/github-remote';
