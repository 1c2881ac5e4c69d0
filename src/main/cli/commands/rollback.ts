import { MistError } from '../../../shared/errors';
import { previousDeployment } from '../../../shared/rollback';
import { callApi } from '../api';
import { deploymentNumberArg, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors';
import { followDeployment } from '../follow-deployment';
import { formatJson } from '../format';
import { deployFailureMessage } from '../format-deploy';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';
import { EXIT_INTERRUPTED } from './deploy';
import { pickDeployment } from './logs-build';

const COMMAND = 'rollback';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export interface RollbackArgs {
  ref: AppRef;
  /** The deployment to go back to; null for the one before the running one. */
  number: number | null;
  json: boolean;
}

export function parseRollbackArgs(args: string[]): RollbackArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText, numberText, extra] = positionals;
  if (refText === undefined) throw new CliUsageError(`missing PROJECT/APP for 'mist ${COMMAND}'`, COMMAND);
  if (extra !== undefined) throw new CliUsageError(`unexpected argument '${extra}' for 'mist ${COMMAND}'`, COMMAND);
  const number = deploymentNumberArg(COMMAND, numberText);
  return { ref: parseAppRef(refText, COMMAND), number, json: flagOption(values, 'json') };
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
      const result = await followDeployment(core, started, { ref, io, progress: args.json ? io.stderr : io.stdout });
      if (args.json) io.stdout.write(formatJson(result.deployment));
      if (result.interrupted) return EXIT_INTERRUPTED;
      if (result.deployment.status === 'success') return EXIT_OK;
      io.stderr.write(`mist: ${deployFailureMessage(ref, result.deployment)}\n`);
      return EXIT_FAILURE;
    });
  },
};
