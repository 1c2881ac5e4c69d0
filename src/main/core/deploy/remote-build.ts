import { MistError } from '../../../shared/errors';
import { execRemote, type ExecOptions } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';

export interface BuildSpec {
  contextDir: string;
  dockerfile: string;
  tag: string;
  labels: Record<string, string>;
  buildArgs: Array<{ key: string; value: string }>;
  buildKit: boolean;
}

/**
 * Build-arg values travel on stdin (`KEY base64` lines), become environment variables of the docker
 * CLI, and are named with `--build-arg KEY` (no value): so no value is ever in a command line, the
 * server's process list or our log. The docker binary is resolved before the user's variables are
 * exported, so a variable named PATH cannot redirect it. BuildKit when buildx is installed (asked
 * once per server: see detectBuildKit).
 */
const BUILD_SCRIPT = `set -e
docker_bin=$(command -v docker)
if [ "$1" = buildkit ]; then export DOCKER_BUILDKIT=1; progress=--progress=plain; else export DOCKER_BUILDKIT=0; progress=; fi
shift
while read -r key value; do
  [ -n "$key" ] || continue
  export "$key=$(printf '%s' "$value" | base64 -d)"
done
exec "$docker_bin" build $progress "$@"
`;

/** Variables the docker CLI itself reads must not be exported to it: they go as KEY=VALUE args. */
const CLI_SENSITIVE = /^(DOCKER_|BUILDKIT_)/;

/** Whether the server's docker CLI can build with BuildKit (the buildx plugin is installed). */
export async function detectBuildKit(conn: ServerConnection): Promise<boolean> {
  const result = await execRemote(conn, ['docker', 'buildx', 'version'], { timeoutMs: 15_000 });
  return result.exitCode === 0;
}

export async function buildImage(conn: ServerConnection, spec: BuildSpec, options: ExecOptions): Promise<void> {
  const viaEnv = spec.buildArgs.filter((arg) => !CLI_SENSITIVE.test(arg.key));
  const viaArgv = spec.buildArgs.filter((arg) => CLI_SENSITIVE.test(arg.key));
  const argv = [
    'sh',
    '-c',
    BUILD_SCRIPT,
    'sh',
    spec.buildKit ? 'buildkit' : 'classic',
    '--force-rm', // a failed classic build would otherwise leave its intermediate containers behind
    '-f',
    spec.dockerfile,
    '-t',
    spec.tag,
    ...Object.entries(spec.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
    ...viaEnv.flatMap((arg) => ['--build-arg', arg.key]),
    ...viaArgv.flatMap((arg) => ['--build-arg', `${arg.key}=${arg.value}`]),
    '--',
    spec.contextDir,
  ];
  // "KEY BASE64" lines: neither part can contain a space, and base64's '=' padding stays intact
  const stdin = viaEnv.map((arg) => `${arg.key} ${Buffer.from(arg.value).toString('base64')}\n`).join('');
  const result = await execRemote(conn, argv, { ...options, stdin });
  if (result.exitCode !== 0) {
    const tail = meaningfulTail(result.stderr) || meaningfulTail(result.stdout);
    throw new MistError('command-failed', `docker build failed (exit ${result.exitCode ?? result.signal}): ${tail}`);
  }
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
