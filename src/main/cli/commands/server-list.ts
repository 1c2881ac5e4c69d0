import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson, formatServerTable } from '../format';

const COMMAND = 'server list';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseServerListArgs(args: string[]): { json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  expectPositionals(COMMAND, positionals, []);
  return { json: flagOption(values, 'json') };
}

/** Reads the store only: no connection, no keychain. */
export const serverList: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseServerListArgs(argv);
    return withCore(ctx, { useSecretOverride: false }, async (core) => {
      const servers = core.servers.list();
      ctx.io.stdout.write(args.json ? formatJson(servers) : formatServerTable(servers));
      return EXIT_OK;
    });
  },
};
