import type { AppDto } from '../../../shared/dto/app';
import { callApi } from '../api';
import { gitRefSchema } from '../../../shared/schemas/app';
import { expectPositionals, flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliFailure, CliUsageError, EXIT_OK } from '../errors';
import { followToExit } from '../follow-deployment';
import { formatJson } from '../format';
import { formatDeployStart } from '../format-deploy';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'deploy';
const OPTIONS: OptionSpecs = {
  'no-wait': { type: 'boolean' },
  commit: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface DeployArgs {
  ref: AppRef;
  /** A tag or commit to deploy instead of the branch head (`--commit`). */
  commit?: string;
  wait: boolean;
  json: boolean;
}

export function parseDeployArgs(args: string[]): DeployArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  const commitText = stringOption(values, 'commit');
  let commit: string | undefined;
  if (commitText !== undefined) {
    const checked = gitRefSchema.safeParse(commitText);
    if (!checked.success) throw new CliUsageError(`invalid --commit: ${checked.error.issues[0]?.message}`, COMMAND);
    commit = checked.data;
  }
  return {
    ref: parseAppRef(refText, COMMAND),
    ...(commit !== undefined ? { commit } : {}),
    wait: !flagOption(values, 'no-wait'),
    json: flagOption(values, 'json'),
  };
}

/**
 * `deploy.start` (trigger `cli`), then the deployment followed live until it ends: stages and the
 * build log on stdout (on stderr with --json, where stdout gets the final DeploymentDto). Exit 0
 * only for `success`; 130 after Ctrl+C, which cancels the deployment. With --no-wait, a detached
 * worker process does all that (see deploy-worker.ts) and the command returns once it has started.
 */
export const deploy: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDeployArgs(argv);
    const { io } = ctx;
    if (!args.wait) {
      // Checked here, so that mistakes come back as usual; the worker starts and runs the deploy.
      const ref = await withCore(ctx, { useSecretOverride: true }, async (core) => {
        const resolved = await resolveApp(core, args.ref);
        requireRepository(resolved.ref, resolved.app);
        return resolved.ref;
      });
      const started = await ctx.startDetachedDeploy(ref, args.commit);
      io.stdout.write(
        args.json
          ? formatJson(started)
          : `${formatDeployStart(ref, started)}It runs in the background; follow it with: mist deployments ${ref}\n`,
      );
      return EXIT_OK;
    }
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      requireRepository(ref, app);
      const started = await callApi(core, 'deploy.start', {
        appId: app.id,
        trigger: 'cli',
        ...(args.commit !== undefined ? { ref: args.commit } : {}),
      });
      io.reportStarted?.(started);
      return followToExit(core, started, { ref, io, json: args.json });
    });
  },
};

function requireRepository(ref: string, app: AppDto): void {
  // a database app deploys its template's image: no repository
  if (!app.gitUrl && app.type !== 'database') {
    throw new CliFailure(`${ref} has no repository to deploy; set one with: mist app set ${ref} --git URL`);
  }
}
