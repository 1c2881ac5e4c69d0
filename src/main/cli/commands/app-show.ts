import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatAppDetails } from '../format-apps';
import { parseAppJsonArgs, resolveApp } from '../resolve';

const COMMAND = 'app show';
export const parseAppShowArgs = (args: string[]) => parseAppJsonArgs(COMMAND, args);

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
