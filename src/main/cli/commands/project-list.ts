import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatProjectTable } from '../format-apps';

const COMMAND = 'project list';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseProjectListArgs(args: string[]): { json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  expectPositionals(COMMAND, positionals, []);
  return { json: flagOption(values, 'json') };
}

/** Reads the store only. */
export const projectList: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseProjectListArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const projects = (await callApi(core, 'projects.list', {})).sort((a, b) => a.name.localeCompare(b.name));
      ctx.io.stdout.write(
        args.json
          ? formatJson(projects)
          : formatProjectTable(projects, core.servers.list(), (ctx.io.now ?? Date.now)()),
      );
      return EXIT_OK;
    });
  },
};
