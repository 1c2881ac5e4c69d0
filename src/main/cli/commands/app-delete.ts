import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'app delete';
const OPTIONS: OptionSpecs = { 'remove-volume': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseAppDeleteArgs(args: string[]): { ref: AppRef; removeVolume: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND), removeVolume: flagOption(values, 'remove-volume') };
}

/** `apps.delete`: the app, its settings and variables, and its container on the server. */
export const appDelete: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseAppDeleteArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      await callApi(core, 'apps.delete', { appId: app.id, removeVolume: args.removeVolume });
      const kept = app.database && !args.removeVolume ? ` Its data volume ${app.database.volumeName} was kept.` : '';
      ctx.io.stdout.write(`Deleted ${ref}.${kept}\n`);
      return EXIT_OK;
    });
  },
};
