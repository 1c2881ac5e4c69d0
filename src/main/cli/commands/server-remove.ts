import { expectPositionals, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';

const COMMAND = 'server remove';
const OPTIONS: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

export function parseServerRemoveArgs(args: string[]): { name: string } {
  const { positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [name] = expectPositionals(COMMAND, positionals, ['NAME']) as [string];
  return { name };
}

export const serverRemove: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseServerRemoveArgs(argv);
    return withCore(ctx, { useSecretOverride: false }, async (core) => {
      const server = core.servers.resolve(args.name);
      await core.servers.remove(server.id);
      ctx.io.stdout.write(`Removed ${server.name}.\n`);
      return EXIT_OK;
    });
  },
};
