import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatDeploymentTable, sortDeployments } from '../format-deploy';
import { parseAppJsonArgs, resolveApp } from '../resolve';

const COMMAND = 'deployments';
export const parseDeploymentsArgs = (args: string[]) => parseAppJsonArgs(COMMAND, args);

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
