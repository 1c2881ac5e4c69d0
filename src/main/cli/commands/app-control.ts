import { callApi } from '../api';
import { expectPositionals, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatAppStatus } from '../format-apps';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

type Action = 'start' | 'stop' | 'restart';
const OPTIONS: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

export function parseControlArgs(action: Action, args: string[]): { ref: AppRef } {
  const { positionals } = parseCommandArgs(action, args, OPTIONS);
  const [refText] = expectPositionals(action, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, action) };
}

/** `mist start|stop|restart PROJECT/APP`: `apps.control`, then the app's status as it now is. */
function controlCommand(action: Action): Command {
  return {
    name: action,
    async run(argv, ctx) {
      const args = parseControlArgs(action, argv);
      return withCore(ctx, { useSecretOverride: true }, async (core) => {
        const { app, ref } = await resolveApp(core, args.ref);
        const status = await callApi(core, 'apps.control', { appId: app.id, action });
        ctx.io.stdout.write(formatAppStatus(ref, status, (ctx.io.now ?? Date.now)()));
        return EXIT_OK;
      });
    },
  };
}

export const appStart = controlCommand('start');
export const appStop = controlCommand('stop');
export const appRestart = controlCommand('restart');
