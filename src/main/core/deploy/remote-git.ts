import { MistError } from '../../../shared/errors';
import { execRemote, type ExecOptions } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';

/** Where an app's checkout lives on its server: one per app, reused across deploys. */
export function checkoutDir(projectId: string, appName: string): string {
  return `/var/lib/mist/projects/${projectId}/apps/${appName}`;
}

const MISSING_BRANCH_EXIT = 42;
const CANNOT_CREATE_EXIT = 41;
const MISSING_REF_EXIT = 43;

/** Control lines the script prints on stdout; everything else is git's own output. */
export const RESOLVED_MARKER = 'MIST-RESOLVED ';
export const COMMIT_MARKER = 'MIST-COMMIT ';

/**
 * The start of every remote git script: git never prompts (a missing credential fails at once), and
 * an access token, if any, is the first line of stdin. It reaches git only through a credential
 * helper whose text names the variable, not the token, and no other helper may store it. The
 * script's git calls then run as `git "$@" …`.
 */
const GIT_AUTH_PREAMBLE = `export GIT_TERMINAL_PROMPT=0 GIT_SSH_COMMAND="ssh -o BatchMode=yes"
IFS= read -r MIST_GIT_TOKEN || true
export MIST_GIT_TOKEN
if [ -n "$MIST_GIT_TOKEN" ]; then
  set -- -c credential.helper= -c 'credential.helper=!f() { test "$1" = get && printf "username=x-access-token\\npassword=%s\\n" "$MIST_GIT_TOKEN"; }; f'
else
  set --
fi`;

/**
 * Brings the app's one checkout to a commit and removes what a previous build left: clone the first
 * time, fetch afterwards (no re-clone). Without a ref: resolve the branch head with `git ls-remote`
 * and fetch only that branch. With a ref (a tag or a commit, maybe not on the branch): fetch every
 * branch and tag, then resolve it there. One remote script (a constant; the values travel as
 * positional parameters), so a deploy pays one round trip here.
 */
const CHECKOUT_SCRIPT = `set -e
dir=$1 url=$2 branch=$3 ref=$4
${GIT_AUTH_PREAMBLE}
clone_if_missing() {
  [ -d "$dir/.git" ] && return 0
  parent=$(dirname "$dir")
  if ! mkdir -p "$parent" 2>/dev/null || [ ! -w "$parent" ]; then echo "cannot create $parent" >&2; exit ${CANNOT_CREATE_EXIT}; fi
  rm -rf "$dir.partial"
  git "$@" clone --no-checkout --progress -- "$url" "$dir.partial"
  mv "$dir.partial" "$dir"
}
if [ -n "$ref" ]; then
  clone_if_missing "$@"
  git -C "$dir" remote set-url origin "$url"
  git "$@" -C "$dir" fetch --tags --force --progress origin "+refs/heads/*:refs/remotes/origin/*"
  sha=$(git -C "$dir" rev-parse --verify --quiet --end-of-options "$ref^{commit}") || exit ${MISSING_REF_EXIT}
  echo "${RESOLVED_MARKER}$sha"
else
  if out=$(git "$@" ls-remote --exit-code -- "$url" "refs/heads/$branch"); then :; else
    code=$?; if [ "$code" = 2 ]; then exit ${MISSING_BRANCH_EXIT}; fi; exit "$code"
  fi
  sha=\${out%%[[:space:]]*}
  echo "${RESOLVED_MARKER}$sha"
  if [ -d "$dir/.git" ]; then
    git -C "$dir" remote set-url origin "$url"
    git "$@" -C "$dir" fetch --no-tags --progress origin "+refs/heads/$branch:refs/remotes/origin/$branch"
  else
    clone_if_missing "$@"
  fi
fi
git -C "$dir" -c advice.detachedHead=false checkout --force --detach "$sha"
git -C "$dir" clean -ffdxq
git -C "$dir" log -1 --format='${COMMIT_MARKER}%H%x1f%an%x1f%s' "$sha"
`;

/** The branch head as the server sees it (`git ls-remote`), with the same credentials as a deploy. */
const HEAD_SCRIPT = `set -e
url=$1 branch=$2
${GIT_AUTH_PREAMBLE}
if out=$(git "$@" ls-remote --exit-code -- "$url" "refs/heads/$branch"); then :; else
  code=$?; if [ "$code" = 2 ]; then exit ${MISSING_BRANCH_EXIT}; fi; exit "$code"
fi
echo "\${out%%[[:space:]]*}"
`;

export interface CommitInfo {
  hash: string;
  author: string;
  message: string;
}

/** Checks out the branch head, or `ref` (a tag or commit) when given. */
export async function checkoutBranchHead(
  conn: ServerConnection,
  target: {
    dir: string;
    url: string;
    branch: string;
    ref?: string | null;
    user: string;
    token?: string | null;
    deployKey?: string | null;
  },
  options: ExecOptions,
): Promise<CommitInfo> {
  const argv = ['sh', '-c', CHECKOUT_SCRIPT, 'sh', target.dir, target.url, target.branch, target.ref ?? ''];
  const result = await execRemote(conn, argv, { ...options, stdin: target.token ? `${target.token}\n` : '' });
  if (result.exitCode === MISSING_BRANCH_EXIT) {
    throw new MistError('invalid-input', `The branch "${target.branch}" does not exist in ${target.url}.`);
  }
  if (result.exitCode === MISSING_REF_EXIT) {
    throw new MistError('invalid-input', `No tag or commit "${target.ref}" in ${target.url}.`);
  }
  if (result.exitCode === CANNOT_CREATE_EXIT) {
    throw new MistError(
      'command-failed',
      `${target.user} cannot create ${target.dir}. Give it the Mist directory once: sudo install -d -o ${target.user} /var/lib/mist`,
    );
  }
  const line = new RegExp(`^${COMMIT_MARKER}(.*)$`, 'm').exec(result.stdout)?.[1];
  if (result.exitCode !== 0 || !line) throw gitFailure(result.stderr, result.exitCode, target);
  const [hash, author, message] = line.split('\x1f');
  return { hash: hash ?? '', author: author ?? '', message: message ?? '' };
}

/** The branch head's commit hash, asked on the server (what a deploy would build). */
export async function remoteBranchHead(
  conn: ServerConnection,
  target: { url: string; branch: string; token?: string | null; deployKey?: string | null },
  options: ExecOptions,
): Promise<string> {
  const argv = ['sh', '-c', HEAD_SCRIPT, 'sh', target.url, target.branch];
  const result = await execRemote(conn, argv, { ...options, stdin: target.token ? `${target.token}\n` : '' });
  if (result.exitCode === MISSING_BRANCH_EXIT) {
    throw new MistError('invalid-input', `The branch "${target.branch}" does not exist in ${target.url}.`);
  }
  const sha = result.stdout.trim();
  if (result.exitCode !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) throw gitFailure(result.stderr, result.exitCode, target);
  return sha;
}

/** `deployKey`: the fingerprint of the deploy key git was given, if any. */
function gitFailure(
  stderr: string,
  exitCode: number | null,
  { url, deployKey }: { url: string; deployKey?: string | null },
): MistError {
  const reason = stderr.trim().split('\n').slice(-3).join(' ') || `exit ${exitCode}`;
  if (/Host key verification failed/.test(stderr)) {
    return new MistError(
      'command-failed',
      `The server does not know the host key of the git host in ${url}. On the server, check and add it once (e.g. ssh-keyscan github.com >> ~/.ssh/known_hosts). git said: ${reason}`,
    );
  }
  if (/Permission denied \(publickey/.test(stderr) && deployKey) {
    return new MistError(
      'command-failed',
      `${url} did not accept this app's deploy key (${deployKey}). Add its public key (Git settings, or mist app deploy-key) to the repository's deploy keys; read access is enough. git said: ${reason}`,
    );
  }
  if (/Permission denied \(publickey/.test(stderr)) {
    return new MistError(
      'command-failed',
      `The server could not authenticate to ${url}. For a private repository over ssh, turn on "Forward my ssh-agent" for this server and make sure your agent holds a key the git host accepts. git said: ${reason}`,
    );
  }
  if (/could not read Username|Authentication failed|terminal prompts disabled|401/.test(stderr)) {
    return new MistError(
      'command-failed',
      `The server could not authenticate to ${url}. For a private https repository, store an access token for this app (Git settings, or mist app set --git-token-stdin), or connect your GitHub account for a GitHub repository. git said: ${reason}`,
    );
  }
  return new MistError('command-failed', `Fetching ${url} on the server failed: ${reason}`);
}
