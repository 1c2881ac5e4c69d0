import { MistError } from '../../../shared/errors';
import { previousDeployment } from '../../../shared/rollback';
import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { followToExit } from '../follow-deployment';
import { resolveApp } from '../resolve';
import { parseAppDeploymentArgs, pickDeployment, type AppDeploymentArgs } from './logs-build';

const COMMAND = 'rollback';

/** No number: the deployment before the build running now. */
export function parseRollbackArgs(args: string[]): AppDeploymentArgs {
  return parseAppDeploymentArgs(COMMAND, args);
}

/**
 * `deploy.rollback` to deployment NUMBER (or the one before the running one), then followed live
 * like a deploy. Exit 0 only for `success`; 130 after Ctrl+C, which cancels it.
 */
export const rollback: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseRollbackArgs(argv);
    const { io } = ctx;
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const history = await callApi(core, 'deployments.list', { appId: app.id });
      const target =
        args.number === null ? previousDeployment(app.type, history) : pickDeployment(ref, history, args.number);
      if (!target) {
        throw new MistError(
          'not-found',
          `${ref} has no earlier successful deployment with another image to roll back to (see: mist deployments ${ref}).`,
        );
      }
      const started = await callApi(core, 'deploy.rollback', { deploymentId: target.id });
      io.reportStarted?.(started);
      return followToExit(core, started, { ref, io, json: args.json });
    });
  },
};
