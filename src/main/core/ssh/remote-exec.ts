import { MistError } from '../../../shared/errors';
import { openExecChannel, signalRemoteProcess } from './channels';
import type { ServerConnection } from './server-connection';
import { quoteArgv } from './shell-quote';

export interface ExecOptions {
  /** Default 60 s. The command is killed and the promise rejects with `timeout` after this. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * What the command reads. A promise: the command starts at once and its stdin is written (and
   * closed) when the promise settles, e.g. a script that waits for a value computed meanwhile.
   */
  stdin?: string | Buffer | Promise<string | Buffer>;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Output kept for the result; older output is dropped beyond this (the callbacks still see all). */
  maxBufferBytes?: number;
  /** Forward the local ssh-agent to this one command (the server must have opted in). */
  forwardAgent?: boolean;
}

export interface ExecResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BUFFER = 1024 * 1024;
const STOP_GRACE_MS = 2_000;

/**
 * The one way to run a command on a server: an argv array (quoted by `quoteArgv`), on a channel of
 * the server's connection, with a timeout and an AbortSignal, output streamed and collected.
 * A non-zero exit resolves (callers decide); use `execChecked` to turn it into an error.
 */
export async function execRemote(
  conn: ServerConnection,
  argv: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const commandLine = quoteArgv(argv);
  const label = argv[0] ?? 'command';
  if (options.signal?.aborted) throw cancelled(label);
  const started = Date.now();
  const channel = await openExecChannel(conn, commandLine, { forwardAgent: options.forwardAgent === true });
  const stdout = new TailBuffer(options.maxBufferBytes ?? DEFAULT_MAX_BUFFER);
  const stderr = new TailBuffer(options.maxBufferBytes ?? DEFAULT_MAX_BUFFER);

  return new Promise<ExecResult>((resolve, reject) => {
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let failure: MistError | null = null;
    let closed = false;

    const stop = (error: MistError) => {
      if (failure) return;
      failure = error;
      signalRemoteProcess(channel, 'KILL'); // kill the remote process, not just drop our end
      channel.close();
      // An sshd that ignores the signal keeps the channel open until the process exits: stop
      // waiting for it (and stop counting it as live) after a grace period.
      setTimeout(() => channel.emit('close'), STOP_GRACE_MS).unref();
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(
      () =>
        stop(new MistError('timeout', `${label} did not finish within ${formatDuration(timeoutMs)} and was stopped.`)),
      timeoutMs,
    );
    const onAbort = () => stop(cancelled(label));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    channel.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onStdout?.(chunk);
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      options.onStderr?.(chunk);
    });
    channel.on('exit', (code: number | null, signalName?: string) => {
      exitCode = code;
      exitSignal = signalName ?? null;
    });
    // ssh2 may report the exit status with 'close' rather than a separate 'exit' event.
    channel.once('close', (code?: number | null, signalName?: string) => {
      closed = true;
      if (exitCode === null && typeof code === 'number') exitCode = code;
      if (exitSignal === null && typeof signalName === 'string') exitSignal = signalName;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure) return reject(failure);
      resolve({
        exitCode,
        signal: exitSignal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: Date.now() - started,
      });
    });
    const input = options.stdin;
    if (input instanceof Promise) {
      input.then(
        // the command may have ended (or been stopped) before its input was ready
        (data) => {
          if (!failure && !closed) channel.end(data);
        },
        () => {
          if (!failure && !closed) channel.end();
        },
      );
    } else if (input !== undefined) channel.end(input);
    else channel.end();
  });
}

/** Like execRemote, but a non-zero exit becomes a `command-failed` error with the stderr tail. */
export async function execChecked(
  conn: ServerConnection,
  argv: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const result = await execRemote(conn, argv, options);
  if (result.exitCode !== 0) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n');
    throw new MistError('command-failed', `${argv[0]} exited with ${result.exitCode ?? result.signal}: ${tail}`, {
      exitCode: result.exitCode,
    });
  }
  return result;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function cancelled(label: string): MistError {
  return new MistError('cancelled', `${label} was cancelled.`);
}

/** Keeps the last `limit` bytes of a stream. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}
