import { parseArgs } from 'node:util';
import { CliUsageError } from './errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface ParsedArgs {
  /** Strings for string options, true for boolean options; absent when not given. */
  values: Record<string, string | true>;
  positionals: string[];
}

/**
 * node:util parseArgs in its lenient mode, then checked here so that every mistake becomes a
 * usage error with a specific message: unknown options, missing values (including `--host --user`,
 * where parseArgs would take `--user` as the host), values given to flags, options given twice.
 * `command` names the command in messages, e.g. 'server add'.
 */
export function parseCommandArgs(command: string, args: string[], specs: OptionSpecs): ParsedArgs {
  const { tokens } = parseArgs({
    args,
    options: Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [
        name,
        spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const usage = (message: string) => new CliUsageError(message, command);
  const values: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (!spec) throw usage(`unknown option ${token.rawName} for 'mist ${command}'`);
    const flag = `--${token.name}`;
    if (Object.hasOwn(values, token.name)) throw usage(`${flag} is given more than once`);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw usage(`${flag} takes no value (got '${token.value}')`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-'))) {
      throw usage(`${flag} needs a value`);
    }
    values[token.name] = token.value;
  }
  return { values, positionals };
}

/** Exactly the named positional arguments, or a usage error naming what is missing or extra. */
export function expectPositionals(command: string, positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) {
    throw new CliUsageError(`missing ${names.slice(positionals.length).join(' ')} for 'mist ${command}'`, command);
  }
  if (positionals.length > names.length) {
    throw new CliUsageError(`unexpected argument '${positionals[names.length]}' for 'mist ${command}'`, command);
  }
  return positionals;
}

export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flagOption(values: ParsedArgs['values'], name: string): boolean {
  return values[name] === true;
}

/** A TCP port given as --NAME, or undefined when absent; anything but 1–65535 is a usage error. */
export function portOption(command: string, values: ParsedArgs['values'], name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new CliUsageError(`--${name} must be a number from 1 to 65535 (got '${text}')`, command);
  }
  return port;
}

/**
 * A limit given as --NAME: a plain decimal number (integer only when `integer`), or `none` for "no
 * limit" (null). The range is left to the channel's schema, so its rules are exactly the UI's.
 */
export function limitOption(
  command: string,
  values: ParsedArgs['values'],
  name: string,
  what: { integer: boolean; example: string },
): number | null | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if (text === 'none') return null;
  const pattern = what.integer ? /^\d{1,9}$/ : /^(?:\d{1,9}(?:\.\d{1,6})?|\.\d{1,6})$/;
  if (!pattern.test(text)) {
    throw new CliUsageError(`--${name} takes ${what.example}, or none for no limit (got '${text}')`, command);
  }
  return Number(text);
}

/** A deployment number given as `3` or `#3`; null when not given. */
export function deploymentNumberArg(command: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!/^#?[1-9]\d{0,8}$/.test(text)) {
    throw new CliUsageError(`NUMBER is a deployment number such as 3 (got '${text}')`, command);
  }
  return Number(text.replace(/^#/, ''));
}
