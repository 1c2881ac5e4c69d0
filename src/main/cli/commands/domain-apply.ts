import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatAppStatus } from '../format-apps';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'domain apply';
const OPTIONS: OptionSpecs = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };

export function parseDomainApplyArgs(args: string[]): { ref: AppRef; json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND), json: flagOption(values, 'json') };
}

/** `domains.apply`: recreates the app's container from its active image with the current labels. */
export const domainApply: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDomainApplyArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const status = await callApi(core, 'domains.apply', { appId: app.id });
      ctx.io.stdout.write(
        args.json
          ? formatJson(status)
          : `Applied the domains of ${ref}: the container was recreated with the new labels (no build).\n${formatAppStatus(ref, status, (ctx.io.now ?? Date.now)())}`,
      );
      return EXIT_OK;
    });
  },
};
