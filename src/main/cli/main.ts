import { runCli } from './run-cli';

/** `mist`: the command-line shell over the same core and store as the app. */

// `mist server list | head -1` closes stdout early: not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  isTTY: Boolean(process.stdin.isTTY),
  env: process.env,
  onInterrupt: (listener) => {
    process.on('SIGINT', listener);
    return () => process.off('SIGINT', listener);
  },
}).then(exit, (error: unknown) => {
  // runCli reports its own errors; reaching this is a bug in the reporting itself.
  process.stderr.write(`mist: ${(error as Error)?.message ?? String(error)}\n`);
  exit(1);
});

/** Exits once stdout and stderr are flushed, even if a socket or timer would keep Node alive. */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
