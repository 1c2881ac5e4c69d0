import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatDeploymentTable, sortDeployments } from '../format-deploy';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'deployments';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseDeploymentsArgs(args: string[]): { ref: AppRef; json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND), json: flagOption(values, 'json') };
}

/** An app's deployment history, newest first (`deployments.list`). */
export const deployments: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDeploymentsArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const list = sortDeployments(await callApi(core, 'deployments.list', { appId: app.id }));
      ctx.io.stdout.write(args.json ? formatJson(list) : formatDeploymentTable(ref, list, (ctx.io.now ?? Date.now)()));
      return EXIT_OK;
    });
  },
};
