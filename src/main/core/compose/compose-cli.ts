import { MistError } from '../../../shared/errors';
import { execRemote, type ExecOptions, type ExecResult } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';

/** Which compose the server has: the v2 plugin (`docker compose`) or the v1 binary (`docker-compose`). */
export type ComposeCli = 'v2' | 'v1';

const DETECT_SCRIPT = `if docker compose version >/dev/null 2>&1; then echo v2
elif docker-compose version >/dev/null 2>&1; then echo v1
else echo none; fi`;

/** Asked once per connection (v1 is a Python program: `docker-compose version` alone takes ~0.3 s). */
const detected = new WeakMap<ServerConnection, Promise<ComposeCli>>();

export function detectCompose(conn: ServerConnection, serverName = 'the server'): Promise<ComposeCli> {
  let known = detected.get(conn);
  if (!known) {
    known = execRemote(conn, ['sh', '-c', DETECT_SCRIPT], { timeoutMs: 30_000 }).then((result) => {
      const found = result.stdout.trim();
      if (found === 'v2' || found === 'v1') return found;
      throw new MistError(
        'command-failed',
        `Docker Compose is not installed on ${serverName}: neither \`docker compose\` nor \`docker-compose\` runs there. ` +
          'Install the Compose plugin (Docker’s packages: sudo apt-get install docker-compose-plugin) ' +
          'or Debian/Ubuntu’s docker-compose (sudo apt-get install docker-compose), then deploy again.',
      );
    });
    // a failure is asked again next time (the user may have installed it meanwhile)
    known.catch(() => detected.delete(conn));
    detected.set(conn, known);
  }
  return known;
}

/** Exit code of the script when the compose file is missing from the checkout. */
export const MISSING_FILE_EXIT = 44;

/**
 * Runs compose in a directory. The app's variables travel on stdin (`KEY base64` lines) and are
 * exported to the compose process only (for `${VAR}` interpolation and `environment:` pass-through):
 * never in a command line, a file, or the log. The binary is resolved before they are exported, so
 * a variable named PATH cannot redirect it. `$4`, when set, is a file that must exist first.
 */
const COMPOSE_SCRIPT = `set -e
cli=$1 builder=$2 dir=$3 need=$4
shift 4
if [ -n "$need" ] && [ ! -f "$need" ]; then exit ${MISSING_FILE_EXIT}; fi
if [ "$cli" = v2 ]; then set -- "$(command -v docker)" compose "$@"; else set -- "$(command -v docker-compose)" "$@"; fi
if [ "$builder" = classic ]; then export DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0; fi
while read -r key value; do
  [ -n "$key" ] || continue
  # the trailing x keeps trailing newlines of the value, which $( ) would strip
  value=$(printf '%s' "$value" | base64 -d; echo x)
  export "$key=\${value%x}"
done
cd "$dir"
exec "$@"
`;

/** Variables that would change how compose or docker themselves run: never exported to them. */
const CLI_SENSITIVE = /^(DOCKER_|COMPOSE_|BUILDKIT_|LD_|PYTHON)|^(PATH|HOME)$/;

export function notExported(env: ReadonlyArray<{ key: string }>): string[] {
  return env.filter((v) => CLI_SENSITIVE.test(v.key)).map((v) => v.key);
}

export interface ComposeRun {
  cli: ComposeCli;
  /** Where compose runs (relative paths in the compose file resolve from the file's directory). */
  dir: string;
  /** `-p`, `-f` … and the command: everything after `docker compose`. */
  args: string[];
  env?: ReadonlyArray<{ key: string; value: string }>;
  /** false: the classic builder (the server has no buildx). */
  buildKit?: boolean;
  /** A file that must exist, else the result's exit code is MISSING_FILE_EXIT. */
  requireFile?: string;
}

export function runCompose(conn: ServerConnection, run: ComposeRun, options: ExecOptions): Promise<ExecResult> {
  const env = (run.env ?? []).filter((v) => !CLI_SENSITIVE.test(v.key));
  const stdin = env.map((v) => `${v.key} ${Buffer.from(v.value).toString('base64')}\n`).join('');
  const argv = [
    'sh',
    '-c',
    COMPOSE_SCRIPT,
    'sh',
    run.cli,
    run.buildKit === false ? 'classic' : 'default',
    run.dir,
    run.requireFile ?? '',
    ...run.args,
  ];
  return execRemote(conn, argv, { ...options, stdin });
}

/** compose's own error lines (v1: `ERROR: …`, v2: `Error …`/`… error …`), else its last lines. */
export function composeErrorLines(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const errors = lines.filter((line) => /^ERROR\b|^Error\b|\berror\b|failed|not found|invalid|no such/i.test(line));
  return (errors.length ? errors : lines).slice(-5).join('\n');
}
