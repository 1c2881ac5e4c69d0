import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatEnvTable, maskEnvVars } from '../format-apps';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'env list';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseEnvListArgs(args: string[]): { ref: AppRef; json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND), json: flagOption(values, 'json') };
}

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
