import { callApi } from '../api';
import { flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatAppTable } from '../format-apps';
import { resolveProject } from '../resolve';

const COMMAND = 'app list';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseAppListArgs(args: string[]): { project: string | null; json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  if (positionals.length > 1) {
    throw new CliUsageError(`unexpected argument '${positionals[1]}' for 'mist ${COMMAND}'`, COMMAND);
  }
  return { project: positionals[0] ?? null, json: flagOption(values, 'json') };
}

/** Every app, or one project's; reads the store only. */
export const appList: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseAppListArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const projects = await callApi(core, 'projects.list', {});
      const project = args.project === null ? null : await resolveProject(core, args.project);
      const apps = await callApi(core, 'apps.list', project ? { projectId: project.id } : {});
      const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? id;
      const sorted = [...apps].sort((a, b) =>
        `${projectName(a.projectId)}/${a.name}`.localeCompare(`${projectName(b.projectId)}/${b.name}`),
      );
      ctx.io.stdout.write(args.json ? formatJson(sorted) : formatAppTable(sorted, projectName));
      return EXIT_OK;
    });
  },
};
