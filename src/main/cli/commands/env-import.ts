import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { apiDefinition } from '../../../shared/api';
import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command, type CommandContext } from '../command';
import { CliFailure, CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors';
import { readTextFromStdin } from '../io';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';
import { usageErrorFromZod } from '../validate';

const COMMAND = 'env import';
const OPTIONS: OptionSpecs = {
  secret: { type: 'boolean' },
  scope: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** More than this is not a .env file (the channel's own limit is 1,000,000 characters). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

const fieldsSchema = apiDefinition['env.import'].input.omit({ appId: true });

export interface EnvImportArgs {
  ref: AppRef;
  /** A path, or '-' for stdin. */
  file: string;
  secret: boolean;
  scope: string | undefined;
}

export function parseEnvImportArgs(args: string[]): EnvImportArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText, file] = expectPositionals(COMMAND, positionals, ['PROJECT/APP', 'FILE']) as [string, string];
  const parsed = {
    ref: parseAppRef(refText, COMMAND),
    file,
    secret: flagOption(values, 'secret'),
    scope: stringOption(values, 'scope'),
  };
  checkFields('', parsed);
  return parsed;
}

function checkFields(dotenv: string, args: Pick<EnvImportArgs, 'secret' | 'scope'>) {
  const checked = fieldsSchema.safeParse({ dotenv, secret: args.secret, scope: args.scope });
  if (!checked.success) throw usageErrorFromZod(checked.error, COMMAND, { dotenv: 'FILE', scope: '--scope' });
  return checked.data;
}

async function readDotenv(file: string, ctx: CommandContext): Promise<string> {
  if (file === '-') return readTextFromStdin(ctx.io, MAX_FILE_BYTES, 'FILE -', COMMAND);
  const path = resolve(ctx.io.cwd ?? process.cwd(), file);
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES)
      throw new CliFailure(`${file} is larger than 4 MiB: not a .env file.`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new CliFailure(`Cannot read ${file}: ${reason}.`);
  }
}

export const envImport: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseEnvImportArgs(argv);
    const fields = checkFields(await readDotenv(args.file, ctx), args);
    if (fields.dotenv.trim() === '')
      throw new CliUsageError(`${args.file === '-' ? 'stdin' : args.file} is empty`, COMMAND);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const result = await callApi(core, 'env.import', { ...fields, appId: app.id });
      const n = result.imported;
      ctx.io.stdout.write(
        `Imported ${n} ${n === 1 ? 'variable' : 'variables'}${args.secret ? ' (secret)' : ''} into ${ref}.` +
          (n > 0 ? ` A redeploy applies ${n === 1 ? 'it' : 'them'}: mist deploy ${ref}` : '') +
          '\n',
      );
      const source = args.file === '-' ? 'stdin' : args.file;
      for (const error of result.errors) ctx.io.stderr.write(`mist: ${source}:${error.line}: ${error.message}\n`);
      return result.errors.length > 0 ? EXIT_FAILURE : EXIT_OK;
    });
  },
};
