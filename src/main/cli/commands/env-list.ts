import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatEnvTable, maskEnvVars } from '../format-apps';
import { parseAppJsonArgs, resolveApp } from '../resolve';

const COMMAND = 'env list';
export const parseEnvListArgs = (args: string[]) => parseAppJsonArgs(COMMAND, args);

/** `env.list`; secret values never print (null in JSON, a mask in the table). */
export const envList: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseEnvListArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const vars = maskEnvVars(await callApi(core, 'env.list', { appId: app.id })).sort((a, b) =>
        a.key.localeCompare(b.key),
      );
      ctx.io.stdout.write(args.json ? formatJson(vars) : formatEnvTable(ref, vars));
      return EXIT_OK;
    });
  },
};
