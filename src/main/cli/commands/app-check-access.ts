import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { parseAppJsonArgs, resolveApp } from '../resolve';

const COMMAND = 'app check-access';
export const parseCheckAccessArgs = (args: string[]) => parseAppJsonArgs(COMMAND, args);

/** `apps.checkGitAccess`: can the server fetch the app's branch, with the credentials a deploy uses? */
export const appCheckAccess: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseCheckAccessArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const result = await callApi(core, 'apps.checkGitAccess', { appId: app.id });
      ctx.io.stdout.write(
        args.json
          ? formatJson(result)
          : `${ref}: the server can fetch ${result.branch} of ${app.gitUrl} (at ${result.commit}).\n`,
      );
      return EXIT_OK;
    });
  },
};
