/** Pure rules for projects, apps, env vars and git settings; shared by the UI, the CLI and the core. */

export const APP_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const APP_NAME_RULE =
  'a name is 1–63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit';

export const ENV_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
export const ENV_KEY_RULE = 'a variable name is letters, digits and underscores, not starting with a digit';

/** git check-ref-format, plus no leading '-' (it would read as an option). */
export function branchProblem(branch: string): string | null {
  if (branch.length === 0 || branch.length > 255) return 'a branch name is 1–255 characters';
  if (branch.startsWith('-')) return 'a branch name cannot start with "-"';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(branch))
    return 'a branch name cannot contain spaces, control characters or ~^:?*[\\';
  if (branch.includes('..') || branch.includes('@{') || branch === '@')
    return 'a branch name cannot contain ".." or "@{"';
  if (branch.startsWith('/') || branch.endsWith('/') || branch.includes('//'))
    return 'a branch name cannot start or end with "/" or contain "//"';
  if (branch.endsWith('.') || branch.endsWith('.lock') || branch.split('/').some((part) => part.startsWith('.'))) {
    return 'a branch name cannot end with "." or ".lock", nor have a part starting with "."';
  }
  return null;
}

/** A path inside the repository: relative, no '..', no NUL. Returns it normalised ('./a/b' → 'a/b'). */
export function repoRelativePath(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (value.length === 0 || value.length > 1024 || /[\x00-\x1f]/.test(value)) return null;
  const parts = value
    .replace(/^\/+/, '')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return null;
  return parts.join('/');
}

export type GitUrlKind = 'https' | 'ssh' | 'git' | 'file' | 'github';

/**
 * Accepts the repository forms a user types: https URL, ssh URL or scp-like `git@host:owner/repo.git`,
 * `git://` URL, an absolute path or `file://` URL on the server, or `owner/repo` (GitHub). Returns the
 * URL git should clone, or null when it is not one of these. Nothing may start with '-'.
 */
export function normalizeGitUrl(value: string): { url: string; kind: GitUrlKind } | null {
  const text = value.trim();
  // eslint-disable-next-line no-control-regex
  if (text.length === 0 || text.length > 2048 || text.startsWith('-') || /[\s\x00-\x1f\x7f]/.test(text)) return null;
  if (/^https?:\/\/[^/\s]+\/.+/.test(text)) return { url: text, kind: 'https' };
  if (/^ssh:\/\/[^/\s]+\/.+/.test(text)) return { url: text, kind: 'ssh' };
  if (/^git:\/\/[^/\s]+\/.+/.test(text)) return { url: text, kind: 'git' };
  if (/^file:\/\/\/.+/.test(text)) return { url: text, kind: 'file' };
  if (text.startsWith('/')) return repoRelativePath(text) === null ? null : { url: text, kind: 'file' };
  if (/^[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+:[^/].*$/.test(text)) return { url: text, kind: 'ssh' };
  const github = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9_.-]{1,100}?)(\.git)?$/.exec(text);
  if (github) return { url: `https://github.com/${github[1]}/${github[2]}.git`, kind: 'github' };
  return null;
}
/** Whether git reaches the repository over ssh (so an app's deploy key applies to it). */
export function isSshGitUrl(gitUrl: string | null): boolean {
  return gitUrl !== null && normalizeGitUrl(gitUrl)?.kind === 'ssh';
}

export const GIT_URL_RULE =
  'use an https, ssh (git@host:owner/repo.git) or git:// URL, a path or file:// URL on the server, or owner/repo for GitHub';
