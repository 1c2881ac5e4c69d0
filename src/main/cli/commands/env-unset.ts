import { apiDefinition } from '../../../shared/api';
import { callApi } from '../api';
import { expectPositionals, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';
import { usageErrorFromZod } from '../validate';

const COMMAND = 'env unset';
const OPTIONS: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

export function parseEnvUnsetArgs(args: string[]): { ref: AppRef; key: string } {
  const { positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText, key] = expectPositionals(COMMAND, positionals, ['PROJECT/APP', 'KEY']) as [string, string];
  const checked = apiDefinition['env.delete'].input.omit({ appId: true }).safeParse({ key });
  if (!checked.success) throw usageErrorFromZod(checked.error, COMMAND, { key: 'KEY' });
  return { ref: parseAppRef(refText, COMMAND), key };
}

export const envUnset: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseEnvUnsetArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      await callApi(core, 'env.delete', { appId: app.id, key: args.key });
      ctx.io.stdout.write(`Removed ${args.key} from ${ref}. A redeploy applies it: mist deploy ${ref}\n`);
      return EXIT_OK;
    });
  },
};
