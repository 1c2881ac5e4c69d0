import { DEPLOY_WORKER_ENV, workerIo } from './deploy-worker';
import { runCli, type CliIo } from './run-cli';

/** `mist`: the command-line shell over the same core and store as the app. */

// `mist server list | head -1` closes stdout early: not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  isTTY: Boolean(process.stdin.isTTY),
  env: process.env,
  onInterrupt: (listener) => {
    process.on('SIGINT', listener);
    return () => process.off('SIGINT', listener);
  },
};

// A `deploy --no-wait` worker (see deploy-worker.ts) talks to the command that started it over IPC.
const isDeployWorker = process.env[DEPLOY_WORKER_ENV] === '1' && typeof process.send === 'function';

runCli(
  process.argv.slice(2),
  isDeployWorker
    ? workerIo(
        io,
        (message) => process.send?.(message),
        () => process.connected,
      )
    : io,
).then(exit, (error: unknown) => {
  // runCli reports its own errors; reaching this is a bug in the reporting itself.
  process.stderr.write(`mist: ${(error as Error)?.message ?? String(error)}\n`);
  exit(1);
});

/** Exits once stdout and stderr are flushed, even if a socket or timer would keep Node alive. */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
