import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatAppDetails } from '../format-apps';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'app show';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseAppShowArgs(args: string[]): { ref: AppRef; json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND), json: flagOption(values, 'json') };
}

/** The app's settings from the store (no connection): `apps.get`. */
export const appShow: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseAppShowArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app: found, ref } = await resolveApp(core, args.ref);
      const app = await callApi(core, 'apps.get', { appId: found.id });
      ctx.io.stdout.write(args.json ? formatJson(app) : formatAppDetails(ref, app, (ctx.io.now ?? Date.now)()));
      return EXIT_OK;
    });
  },
};
