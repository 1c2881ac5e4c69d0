import { createInterface } from 'node:readline';
import type { DeploymentDto } from '../../shared/dto/app';
import { CliUsageError } from './errors';

/** Everything the CLI touches of its process, injectable so that commands run in-process in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream;
  /** Whether stdin is a terminal: only then may the CLI ask a question. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Relative key paths are resolved against this; defaults to process.cwd(). */
  cwd?: string;
  /**
   * Registers what Ctrl+C (SIGINT) does while a command waits on something it can cancel (a
   * deploy); returns how to unregister. Absent: Ctrl+C keeps its default (the process ends).
   */
  onInterrupt?: (listener: () => void) => () => void;
  /** The clock for "5 min ago"; defaults to Date.now. */
  now?: () => number;
  /** Set in a `deploy --no-wait` worker: tells the waiting command which deployment started. */
  reportStarted?: (deployment: DeploymentDto) => void;
}

/** Secrets larger than this are not a password or a passphrase. */
const MAX_SECRET_BYTES = 64 * 1024;

/**
 * Reads all of stdin as a secret (for --password-stdin / --passphrase-stdin) and strips exactly one
 * trailing newline, so `echo "$PW" |` and `printf %s "$PW" |` give the same value.
 */
export async function readSecretFromStdin(io: CliIo, flag: string, command: string): Promise<string> {
  if (io.isTTY) {
    throw new CliUsageError(
      `${flag} reads the secret from a pipe, not from a terminal (e.g. printf '%s' "$SECRET" | mist ${command} ...)`,
      command,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SECRET_BYTES)
      throw new CliUsageError(`${flag}: stdin holds more than 64 KiB, which is not a secret`, command);
    chunks.push(buffer);
  }
  const value = stripOneNewline(Buffer.concat(chunks).toString('utf8'));
  if (value.length === 0) throw new CliUsageError(`${flag}: stdin was empty`, command);
  return value;
}

export function stripOneNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

/**
 * Asks on stderr and reads answers from stdin (a terminal) until one is among `choices` (matched
 * case-insensitively on the first letter or the whole word). Resolves null at end of input, so
 * Ctrl+D cancels. Only called when io.isTTY is true.
 */
export function askChoice(io: CliIo, question: string, choices: readonly string[]): Promise<string | null> {
  io.stderr.write(question);
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, terminal: false });
    let settled = false;
    const finish = (value: string | null) => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(value);
    };
    rl.on('line', (line) => {
      const answer = line.trim().toLowerCase();
      const choice = choices.find((c) => answer === c || (answer.length === 1 && c.startsWith(answer)));
      if (choice) finish(choice);
      else io.stderr.write(`Please answer ${choices.map((c) => c[0]).join(', ')}: `);
    });
    rl.once('close', () => {
      if (!settled) io.stderr.write('\n');
      finish(null);
    });
  });
}

/**
 * Reads all of stdin as text (for `env import -`), refusing more than `maxBytes`. Unlike a secret,
 * the text may come from a terminal (ended with Ctrl+D) and may be empty.
 */
export async function readTextFromStdin(io: CliIo, maxBytes: number, what: string, command: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) throw new CliUsageError(`${what}: stdin holds more than ${formatKiB(maxBytes)}`, command);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatKiB(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}
