import { apiDefinition } from '../../../shared/api';
import { callApi } from '../api';
import { flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { readSecretFromStdin } from '../io';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'env set';
const OPTIONS: OptionSpecs = {
  secret: { type: 'boolean' },
  scope: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The schema of one variable in `env.set` (key rules, value limits, defaults). */
const varSchema = apiDefinition['env.set'].input.shape.vars.element;

/** `KEY=VALUE` split at the first `=`; a value of exactly `-` means "read it from stdin" (null). */
export interface Assignment {
  key: string;
  value: string | null;
}

export interface EnvSetArgs {
  ref: AppRef;
  assignments: Assignment[];
  secret: boolean;
  scope: string | undefined;
}

/**
 * Splits one `KEY=VALUE` argument at its first `=`, so values may hold `=`. The argument is never
 * echoed in messages: it may be a secret typed without its key.
 */
export function parseAssignment(text: string, position: number, command = COMMAND): Assignment {
  const at = text.indexOf('=');
  if (at <= 0) {
    throw new CliUsageError(
      at === 0
        ? `expected KEY=VALUE (argument ${position} has no key before '=')`
        : `expected KEY=VALUE (argument ${position} has no '=')`,
      command,
    );
  }
  const key = text.slice(0, at);
  const value = text.slice(at + 1);
  return { key, value: value === '-' ? null : value };
}

export function parseEnvSetArgs(args: string[]): EnvSetArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText, ...rest] = positionals;
  if (refText === undefined) throw new CliUsageError(`missing PROJECT/APP KEY=VALUE for 'mist ${COMMAND}'`, COMMAND);
  const ref = parseAppRef(refText, COMMAND);
  if (rest.length === 0) throw new CliUsageError(`missing KEY=VALUE for 'mist ${COMMAND}'`, COMMAND);
  const assignments = rest.map((text, i) => parseAssignment(text, i + 2));
  const seen = new Set<string>();
  for (const { key } of assignments) {
    if (seen.has(key)) throw new CliUsageError(`${key} is given more than once`, COMMAND);
    seen.add(key);
  }
  if (assignments.filter((a) => a.value === null).length > 1) {
    throw new CliUsageError('only one KEY=- can read its value from stdin', COMMAND);
  }
  const secret = flagOption(values, 'secret');
  const scope = stringOption(values, 'scope');
  // Keys and the flags are checked now, before anything is read or opened; values once known.
  for (const { key } of assignments) checkVar({ key, value: '', secret, scope });
  return { ref, assignments, secret, scope };
}

/** One variable through the channel's own schema; the message names the key, never the value. */
export function checkVar(input: { key: string; value: string; secret: boolean; scope: string | undefined }) {
  const checked = varSchema.safeParse(input);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const where =
    field === 'key' ? `variable name '${input.key}'` : field === 'scope' ? '--scope' : `value of ${input.key}`;
  throw new CliUsageError(`invalid ${where}: ${issue?.message ?? 'invalid input'}`, COMMAND);
}

export const envSet: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseEnvSetArgs(argv);
    const vars: Array<ReturnType<typeof checkVar>> = [];
    for (const { key, value } of args.assignments) {
      const resolved = value ?? (await readSecretFromStdin(ctx.io, `${key}=-`, COMMAND));
      vars.push(checkVar({ key, value: resolved, secret: args.secret, scope: args.scope }));
    }
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      await callApi(core, 'env.set', { appId: app.id, vars });
      const names = vars.map((v) => v.key).join(', ');
      const what = `${vars.length === 1 ? 'variable' : 'variables'} ${names}${args.secret ? ' (secret)' : ''}`;
      ctx.io.stdout.write(
        `Set ${what} on ${ref}. A redeploy applies ${vars.length === 1 ? 'it' : 'them'}: mist deploy ${ref}\n`,
      );
      return EXIT_OK;
    });
  },
};
