/**
 * The two ways a CLI command ends badly. A usage error (exit 2) means the command line itself is
 * wrong; a failure (exit 1) means the command ran and something refused. Core failures arrive as
 * MistError and are reported like failures.
 */
export class CliUsageError extends Error {
  /** The command whose --help explains the right usage, e.g. 'server add'. */
  readonly command: string;

  constructor(message: string, command: string) {
    super(message);
    this.name = 'CliUsageError';
    this.command = command;
  }
}

export class CliFailure extends Error {
  /** Further lines printed after the message, each prefixed with `mist: ` (e.g. the flag to pass). */
  readonly hints: string[];

  constructor(message: string, hints: string[] = []) {
    super(message);
    this.name = 'CliFailure';
    this.hints = hints;
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** What a shell reports for a process ended by Ctrl+C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;
