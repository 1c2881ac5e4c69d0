import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliFailure, EXIT_FAILURE, EXIT_OK } from '../errors';
import { followDeployment } from '../follow-deployment';
import { formatJson } from '../format';
import { deployFailureMessage, formatDeployStart } from '../format-deploy';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'deploy';
const OPTIONS: OptionSpecs = {
  'no-wait': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** What a shell reports for a process ended by Ctrl+C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export interface DeployArgs {
  ref: AppRef;
  wait: boolean;
  json: boolean;
}

export function parseDeployArgs(args: string[]): DeployArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND), wait: !flagOption(values, 'no-wait'), json: flagOption(values, 'json') };
}

/**
 * `deploy.start` (trigger `cli`), then the deployment followed live until it ends: stages and the
 * build log on stdout (on stderr with --json, where stdout gets the final DeploymentDto). Exit 0
 * only for `success`; 130 after Ctrl+C, which cancels the deployment.
 */
export const deploy: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDeployArgs(argv);
    const { io } = ctx;
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      if (!app.gitUrl) {
        throw new CliFailure(`${ref} has no repository to deploy; set one with: mist app set ${ref} --git URL`);
      }
      const started = await callApi(core, 'deploy.start', { appId: app.id, trigger: 'cli' });
      if (!args.wait) {
        io.stdout.write(
          args.json
            ? formatJson(started)
            : `${formatDeployStart(ref, started)}Follow it with: mist deployments ${ref}\n`,
        );
        return EXIT_OK;
      }
      const result = await followDeployment(core, started, { ref, io, progress: args.json ? io.stderr : io.stdout });
      if (args.json) io.stdout.write(formatJson(result.deployment));
      if (result.interrupted) return EXIT_INTERRUPTED;
      if (result.deployment.status === 'success') return EXIT_OK;
      io.stderr.write(`mist: ${deployFailureMessage(ref, result.deployment)}\n`);
      return EXIT_FAILURE;
    });
  },
};
