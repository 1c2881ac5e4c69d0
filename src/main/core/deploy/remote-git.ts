import { MistError } from '../../../shared/errors';
import { execRemote, type ExecOptions } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';

/** Where an app's checkout lives on its server: one per app, reused across deploys. */
export function checkoutDir(projectId: string, appName: string): string {
  return `/var/lib/mist/projects/${projectId}/apps/${appName}`;
}

/** The head commit of a branch, asked of the remote from the server itself. */
export async function resolveBranchHead(
  conn: ServerConnection,
  url: string,
  branch: string,
  options: Pick<ExecOptions, 'signal' | 'timeoutMs'>,
): Promise<string> {
  const result = await execRemote(
    conn,
    ['git', 'ls-remote', '--exit-code', '--', url, `refs/heads/${branch}`],
    options,
  );
  if (result.exitCode === 2) {
    throw new MistError('invalid-input', `The branch "${branch}" does not exist in ${url}.`);
  }
  const sha = /^([0-9a-f]{40})\s/m.exec(result.stdout)?.[1];
  if (result.exitCode !== 0 || !sha) {
    const reason =
      result.stderr.trim().split('\n').slice(-3).join(' ') || `git ls-remote exited with ${result.exitCode}`;
    throw new MistError('command-failed', `Could not read ${url} from the server: ${reason}`);
  }
  return sha;
}

const CANNOT_CREATE_EXIT = 41;

/**
 * Clones the first time, afterwards fetches only the branch, then checks out exactly `sha` and
 * removes anything a previous build left behind. One remote script (a constant; the values travel
 * as positional parameters) so a deploy pays one round trip here, not five.
 */
const CHECKOUT_SCRIPT = `set -e
dir=$1 url=$2 branch=$3 sha=$4
if [ -d "$dir/.git" ]; then
  git -C "$dir" remote set-url origin "$url"
  git -C "$dir" fetch --no-tags --progress origin "+refs/heads/$branch:refs/remotes/origin/$branch"
else
  parent=$(dirname "$dir")
  if ! mkdir -p "$parent" 2>/dev/null || [ ! -w "$parent" ]; then echo "cannot create $parent" >&2; exit ${CANNOT_CREATE_EXIT}; fi
  rm -rf "$dir.partial"
  git clone --no-checkout --progress -- "$url" "$dir.partial"
  mv "$dir.partial" "$dir"
fi
git -C "$dir" -c advice.detachedHead=false checkout --force --detach "$sha"
git -C "$dir" clean -ffdxq
git -C "$dir" log -1 --format='MIST-COMMIT %H%x1f%an%x1f%s' "$sha"
`;

export interface CommitInfo {
  hash: string;
  author: string;
  message: string;
}

export async function checkoutCommit(
  conn: ServerConnection,
  target: { dir: string; url: string; branch: string; sha: string; user: string },
  options: ExecOptions,
): Promise<CommitInfo> {
  const result = await execRemote(
    conn,
    ['sh', '-c', CHECKOUT_SCRIPT, 'sh', target.dir, target.url, target.branch, target.sha],
    options,
  );
  if (result.exitCode === CANNOT_CREATE_EXIT) {
    throw new MistError(
      'command-failed',
      `${target.user} cannot create ${target.dir}. Give it the Mist directory once: sudo install -d -o ${target.user} /var/lib/mist`,
    );
  }
  const line = /^MIST-COMMIT (.*)$/m.exec(result.stdout)?.[1];
  if (result.exitCode !== 0 || !line) {
    const reason = result.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${result.exitCode}`;
    throw new MistError('command-failed', `Fetching ${target.sha.slice(0, 12)} on the server failed: ${reason}`);
  }
  const [hash, author, message] = line.split('\x1f');
  return { hash: hash ?? target.sha, author: author ?? '', message: message ?? '' };
}
