/**
 * The one function that turns an argv array into a POSIX shell command line. Every remote command
 * goes through it, so nothing user-supplied ever reaches the remote shell unquoted.
 */
export function quoteArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('quoteArgv: empty argv');
  // A bare `NAME=value` first word would be a variable assignment, not the program to run.
  return argv.map((arg, index) => quoteArg(arg, index === 0 && arg.includes('='))).join(' ');
}

const SAFE = /^[A-Za-z0-9_\-+=/.,:@%]+$/;

export function quoteArg(arg: string, alwaysQuote = false): string {
  if (arg.includes('\0')) throw new Error('a command argument contains a NUL byte');
  if (!alwaysQuote && arg.length > 0 && SAFE.test(arg)) return arg;
  // Inside single quotes nothing is special; a single quote itself becomes '\'' .
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
