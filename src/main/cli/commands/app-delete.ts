import { callApi } from '../api';
import { expectPositionals, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'app delete';
const OPTIONS: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

export function parseAppDeleteArgs(args: string[]): { ref: AppRef } {
  const { positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND) };
}

/** `apps.delete`: the app, its settings and variables, and its container on the server. */
export const appDelete: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseAppDeleteArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      await callApi(core, 'apps.delete', { appId: app.id });
      ctx.io.stdout.write(`Deleted ${ref}.\n`);
      return EXIT_OK;
    });
  },
};
