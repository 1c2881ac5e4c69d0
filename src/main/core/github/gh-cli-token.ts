import { execFile } from 'node:child_process';

/** The slice of `child_process.execFile` this needs, so tests can stand in for `gh`. */
export type ExecFileFn = (
  file: string,
  args: readonly string[],
  options: { timeout: number; windowsHide: boolean },
) => Promise<{ stdout: string }>;

const GH_TIMEOUT_MS = 5_000;

/**
 * The token the GitHub CLI is logged in with (`gh auth token`), so a user who already uses `gh`
 * need not create and paste a token. Null when `gh` is not installed, not logged in, hangs or
 * prints something that is not a token: this is a convenience, and the fallback (paste a token)
 * always remains. The token is returned only; it is never logged or put in an error.
 */
export async function readGhCliToken(options: { execFileImpl?: ExecFileFn } = {}): Promise<string | null> {
  const run = options.execFileImpl ?? execFileUtf8;
  try {
    // execFile, not a shell: nothing is interpreted, and a missing `gh` is a plain ENOENT.
    const { stdout } = await run('gh', ['auth', 'token'], { timeout: GH_TIMEOUT_MS, windowsHide: true });
    const token = stdout.trim();
    return token && !/\s/.test(token) ? token : null;
  } catch {
    // ENOENT (not installed), exit 1 (not logged in) or killed by the timeout. The error is
    // dropped on purpose rather than logged: on some failures it carries gh's output.
    return null;
  }
}

function execFileUtf8(
  file: string,
  args: readonly string[],
  options: { timeout: number; windowsHide: boolean },
): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { ...options, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve({ stdout }),
    );
  });
}
