import { MistError } from '../../../shared/errors';
import { execRemote, type ExecOptions } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';

export interface BuildSpec {
  contextDir: string;
  dockerfile: string;
  /** The image repository; the tag is the commit, known only once the checkout is done. */
  repository: string;
  /** Labels without the commit (added as `mist.commit` when `labelCommit`). */
  labels: Record<string, string>;
  labelCommit: boolean;
  buildArgs: ReadonlyArray<{ key: string; value: string }>;
  buildKit: boolean;
}

/**
 * The build's remote script starts BEFORE the commit is known, so its SSH channel opens while the
 * checkout runs (saving the channel's round trips on every deploy); it waits on stdin for
 * `commit SHA`, then `KEY base64` lines. No commit line (the checkout failed): it exits 0, building
 * nothing. Build-arg values become environment variables of the docker CLI and are named with
 * `--build-arg KEY` (no value): never in a command line, the server's process list or our log. The
 * docker binary is resolved before the user's variables are exported, so a variable named PATH
 * cannot redirect it. BuildKit when buildx is installed (asked once per server: see detectBuildKit).
 */
const BUILD_SCRIPT = `set -e
docker_bin=$(command -v docker)
if [ "$1" = buildkit ]; then export DOCKER_BUILDKIT=1; progress=--progress=plain; else export DOCKER_BUILDKIT=0; progress=; fi
repository=$2 label_commit=$3 context=$4
shift 4
read -r word commit || exit 0
[ "$word" = commit ] || exit 0
case "$commit" in ''|*[!0-9a-f]*) echo "not a commit: $commit" >&2; exit 2 ;; esac
if [ "$label_commit" = yes ]; then set -- "$@" --label "mist.commit=$commit"; fi
while read -r key value; do
  [ -n "$key" ] || continue
  export "$key=$(printf '%s' "$value" | base64 -d)"
done
exec "$docker_bin" build $progress "$@" -t "$repository:$commit" -- "$context"
`;

/** Variables the docker CLI itself reads must not be exported to it: they go as KEY=VALUE args. */
const CLI_SENSITIVE = /^(DOCKER_|BUILDKIT_)/;

/** Whether the server's docker CLI can build with BuildKit (the buildx plugin is installed). */
export async function detectBuildKit(conn: ServerConnection): Promise<boolean> {
  const result = await execRemote(conn, ['docker', 'buildx', 'version'], { timeoutMs: 15_000 });
  return result.exitCode === 0;
}

/** A build whose remote script already runs and waits for the commit (see BUILD_SCRIPT). */
export interface PendingBuild {
  /** Hands over the commit (and the build-arg values), and waits for the build. */
  run(commit: string): Promise<void>;
  /** Nothing to build (the checkout failed): the script exits without building. Never throws. */
  abandon(): Promise<void>;
}

export function startBuild(conn: ServerConnection, spec: BuildSpec, options: ExecOptions): PendingBuild {
  let handOver!: (stdin: string) => void;
  const stdin = new Promise<string>((resolve) => (handOver = resolve));
  const viaEnv = spec.buildArgs.filter((arg) => !CLI_SENSITIVE.test(arg.key));
  const viaArgv = spec.buildArgs.filter((arg) => CLI_SENSITIVE.test(arg.key));
  const argv = [
    'sh',
    '-c',
    BUILD_SCRIPT,
    'sh',
    spec.buildKit ? 'buildkit' : 'classic',
    spec.repository,
    spec.labelCommit ? 'yes' : 'no',
    spec.contextDir,
    '--force-rm', // a failed classic build would otherwise leave its intermediate containers behind
    '-f',
    spec.dockerfile,
    ...Object.entries(spec.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    ...viaEnv.flatMap((arg) => ['--build-arg', arg.key]),
    ...viaArgv.flatMap((arg) => ['--build-arg', `${arg.key}=${arg.value}`]),
  ];
  const exec = execRemote(conn, argv, { ...options, stdin });
  exec.catch(() => {}); // observed by run() or abandon()
  return {
    async run(commit) {
      // "KEY BASE64" lines: neither part can contain a space, and base64's '=' padding stays intact
      handOver(
        `commit ${commit}\n` +
          viaEnv.map((arg) => `${arg.key} ${Buffer.from(arg.value).toString('base64')}\n`).join(''),
      );
      const result = await exec;
      if (result.exitCode !== 0) {
        const tail = meaningfulTail(result.stderr) || meaningfulTail(result.stdout);
        throw new MistError(
          'command-failed',
          `docker build failed (exit ${result.exitCode ?? result.signal}): ${tail}`,
        );
      }
    },
    async abandon() {
      handOver('');
      await exec.catch(() => undefined);
    },
  };
}

/** The last lines that say something, without the docker CLI's "legacy builder is deprecated" banner. */
function meaningfulTail(output: string): string {
  const banner = /DEPRECATED: The legacy builder|BuildKit is currently disabled|environment-variable\.$|^\s*$/;
  return output
    .split('\n')
    .filter((line) => !banner.test(line))
    .slice(-3)
    .map((line) => line.trim())
    .join(' ');
}
