import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteArg, quoteArgv } from '../../src/main/core/ssh/shell-quote';

/**
 * Runs `/bin/sh -c <commandLine>` in `cwd` and returns stdout. The command line is built with
 * quoteArgv, so the shell sees exactly what a remote sshd would hand to the login shell.
 */
function runSh(commandLine: string, cwd: string): Buffer {
  return execFileSync('/bin/sh', ['-c', commandLine], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd },
  });
}

/** What `printf '%s\0' args...` prints, split back into the arguments the program received. */
function echoArgs(args: readonly string[], cwd: string): string[] {
  const out = runSh(quoteArgv(['printf', '%s\\0', ...args]), cwd).toString('utf8');
  expect(out.endsWith('\0')).toBe(true);
  return out.slice(0, -1).split('\0');
}

let work: string;
let sentinelDir: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mist-quote-'));
  sentinelDir = mkdtempSync(join(tmpdir(), 'mist-quote-sentinel-'));
  // Files a stray glob would expand to.
  writeFileSync(join(work, 'alpha.txt'), '');
  writeFileSync(join(work, 'beta.txt'), '');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(sentinelDir, { recursive: true, force: true });
});

describe('quoteArgv through a real /bin/sh', () => {
  const sentinel = () => join(sentinelDir, 'pwned');

  const hostile: Array<[string, () => string]> = [
    ['command substitution $()', () => `$(touch ${sentinel()})`],
    ['backticks', () => `\`touch ${sentinel()}\``],
    ['semicolon', () => `x; touch ${sentinel()}`],
    ['&&', () => `x && touch ${sentinel()}`],
    ['||', () => `false || touch ${sentinel()}`],
    ['pipe', () => `x | touch ${sentinel()}`],
    ['newline', () => `x\ntouch ${sentinel()}`],
    ['redirection', () => `> ${sentinel()}`],
    ['background &', () => `x & touch ${sentinel()}`],
    ['single quote breakout', () => `'; touch ${sentinel()}; echo '`],
    ['double quote breakout', () => `"; touch ${sentinel()}; echo "`],
    ['escaped single quote breakout', () => `\\'; touch ${sentinel()} #`],
    ['variable expansion', () => '$HOME ${HOME} $0 $$ $?'],
    ['arithmetic', () => '$((1+1))'],
    ['process-ish subshell', () => `(touch ${sentinel()})`],
    ['brace group', () => `{ touch ${sentinel()}; }`],
    ['glob *', () => '*'],
    ['glob ?', () => '?????.txt'],
    ['glob class', () => '[ab]*'],
    ['tilde', () => '~'],
    ['tilde path', () => '~/x'],
    ['comment', () => '# not a comment'],
    ['history bang', () => '!!'],
    ['backslashes', () => 'a\\b\\\\c\\'],
    ['spaces and tabs', () => '  a \t b  '],
    ['carriage return', () => 'a\rb'],
    ['only a single quote', () => "'"],
    ['many single quotes', () => "''''"],
    ['unicode', () => 'héllo wörld — 日本語 🚀'],
    ['leading dash', () => '-rf'],
    ['double dash', () => '--'],
    ['assignment-looking argument', () => 'FOO=$(touch /nonexistent)'],
    ['equals sign', () => 'a=b'],
  ];

  it.each(hostile)('passes %s through as one literal argument', (_label, make) => {
    const arg = make();
    expect(echoArgs([arg], work)).toEqual([arg]);
    expect(existsSync(sentinel())).toBe(false);
  });

  it('keeps every argument of a mixed hostile argv intact and in order', () => {
    const args = hostile.map(([, make]) => make());
    expect(echoArgs(args, work)).toEqual(args);
    expect(existsSync(sentinel())).toBe(false);
    // No glob expanded, no file created in the working directory either.
    expect(readdirSync(work).sort()).toEqual(['alpha.txt', 'beta.txt']);
  });

  it('passes the empty string as an argument (not dropped)', () => {
    expect(echoArgs(['', 'x', ''], work)).toEqual(['', 'x', '']);
  });

  it('does not let the first word become anything but the program name', () => {
    // The program is run with exactly these arguments, so the touch is never executed.
    const out = runSh(quoteArgv(['printf', `%s|$(touch ${sentinel()})`, 'a']), work).toString();
    expect(out).toBe(`a|$(touch ${sentinel()})`);
    expect(existsSync(sentinel())).toBe(false);
  });

  // BUG (see report): an argv[0] that looks like an assignment is passed unquoted, so the shell
  // treats it as a variable assignment and runs argv[1] as the program instead.
  it('quotes an argv[0] containing "=" so it is run as a program name, not an assignment', () => {
    let status = 0;
    let stdout = '';
    try {
      stdout = runSh(quoteArgv(['X=1', 'printf', 'ran-as-command']), work).toString();
    } catch (error) {
      status = (error as { status: number }).status;
    }
    // The program "X=1" does not exist: sh must report 127 and never run printf.
    expect(stdout).toBe('');
    expect(status).toBe(127);
  });
});

describe('quoteArg', () => {
  it('leaves plainly safe words bare', () => {
    expect(quoteArg('docker')).toBe('docker');
    expect(quoteArg('/var/run/docker.sock')).toBe('/var/run/docker.sock');
    expect(quoteArg('--format=json')).toBe('--format=json');
    expect(quoteArg('user@host:22')).toBe('user@host:22');
  });

  it('single-quotes anything with a shell metacharacter', () => {
    for (const arg of [
      'a b',
      '$x',
      '`x`',
      'a;b',
      'a&b',
      'a|b',
      'a*',
      '~',
      'a\nb',
      '(x)',
      '{x}',
      '<x',
      '!x',
      '#x',
      '"x"',
    ]) {
      const quoted = quoteArg(arg);
      expect(quoted.startsWith("'")).toBe(true);
      expect(quoted.endsWith("'")).toBe(true);
    }
  });

  it("encodes a single quote as '\\''", () => {
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
  });

  it("quotes the empty string as ''", () => {
    expect(quoteArg('')).toBe("''");
  });

  it('refuses a NUL byte', () => {
    expect(() => quoteArg('a\0b')).toThrow(/NUL/);
    expect(() => quoteArgv(['echo', 'ok', 'bad\0'])).toThrow(/NUL/);
  });
});

describe('quoteArgv', () => {
  it('refuses an empty argv', () => {
    expect(() => quoteArgv([])).toThrow(/empty argv/);
  });

  it('joins quoted arguments with single spaces', () => {
    expect(quoteArgv(['docker', 'ps', '--filter', 'label=a b'])).toBe("docker ps --filter 'label=a b'");
  });
});
