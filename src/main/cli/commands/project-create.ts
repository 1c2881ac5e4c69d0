import { apiDefinition } from '../../../shared/api';
import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { usageErrorFromZod } from '../validate';

const COMMAND = 'project create';
const OPTIONS: OptionSpecs = {
  server: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface ProjectCreateArgs {
  name: string;
  server: string;
  json: boolean;
}

/** The name is checked by the `projects.create` schema itself (less the server id, found later). */
export function parseProjectCreateArgs(args: string[]): ProjectCreateArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [name] = expectPositionals(COMMAND, positionals, ['NAME']) as [string];
  const server = stringOption(values, 'server');
  if (server === undefined)
    throw new CliUsageError('missing --server (the saved server the project lives on)', COMMAND);
  const checked = apiDefinition['projects.create'].input.omit({ serverId: true }).safeParse({ name });
  if (!checked.success) throw usageErrorFromZod(checked.error, COMMAND, { name: 'NAME' });
  return { name: checked.data.name, server, json: flagOption(values, 'json') };
}

export const projectCreate: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseProjectCreateArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const server = core.servers.resolve(args.server);
      const project = await callApi(core, 'projects.create', { name: args.name, serverId: server.id });
      ctx.io.stdout.write(
        args.json
          ? formatJson(project)
          : `Created project ${project.name} on ${server.name}. Add an app with: mist app create ${project.name}/APP --type web\n`,
      );
      return EXIT_OK;
    });
  },
};
