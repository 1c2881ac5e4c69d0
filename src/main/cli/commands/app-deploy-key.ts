import type { AppDto } from '../../../shared/dto/app';
import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'app deploy-key';
const OPTIONS: OptionSpecs = {
  generate: { type: 'boolean' },
  remove: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface DeployKeyArgs {
  ref: AppRef;
  action: 'show' | 'generate' | 'remove';
  json: boolean;
}

export function parseDeployKeyArgs(args: string[]): DeployKeyArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  const generate = flagOption(values, 'generate');
  const remove = flagOption(values, 'remove');
  if (generate && remove) throw new CliUsageError('--generate and --remove cannot be given together', COMMAND);
  return {
    ref: parseAppRef(refText, COMMAND),
    action: generate ? 'generate' : remove ? 'remove' : 'show',
    json: flagOption(values, 'json'),
  };
}

/** The public key on a line of its own (to pipe into a git host's CLI), then what to do with it. */
export function formatDeployKey(ref: string, app: AppDto, action: DeployKeyArgs['action']): string {
  if (!app.deployKey) {
    return action === 'remove'
      ? `${ref} has no deploy key now.\n`
      : `${ref} has no deploy key. Make one with: mist app deploy-key ${ref} --generate\n`;
  }
  return (
    `${app.deployKey.publicKey}\n` +
    `\n${action === 'generate' ? 'New deploy key' : 'Deploy key'} of ${ref}: ${app.deployKey.fingerprint}\n` +
    `Add the line above to the repository's deploy keys (read access is enough). Deploys of an ssh\n` +
    `repository URL then use it; the private key stays in your keychain.\n`
  );
}

/** `apps.generateDeployKey` / `apps.removeDeployKey`, or just the key: an app's deploy key. */
export const appDeployKey: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDeployKeyArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const after =
        args.action === 'generate'
          ? await callApi(core, 'apps.generateDeployKey', { appId: app.id })
          : args.action === 'remove'
            ? await callApi(core, 'apps.removeDeployKey', { appId: app.id })
            : app;
      ctx.io.stdout.write(args.json ? formatJson(after.deployKey) : formatDeployKey(ref, after, args.action));
      return EXIT_OK;
    });
  },
};
