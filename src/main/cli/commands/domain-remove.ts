import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { parseDomainChangeArgs } from '../domain-arg';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatAppStatus } from '../format-apps';
import { resolveApp } from '../resolve';

const COMMAND = 'domain remove';

export const parseDomainRemoveArgs = (args: string[]) => parseDomainChangeArgs(COMMAND, args);

/** `domains.remove`, then with --apply `domains.apply` (the container is recreated, no build). */
export const domainRemove: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDomainRemoveArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const domains = await callApi(core, 'domains.remove', { appId: app.id, host: args.domain });
      const name = args.domain.trim();
      if (!args.apply) {
        ctx.io.stdout.write(
          args.json ? formatJson(domains) : `Removed ${name} from ${ref}. Apply it with: mist domain apply ${ref}\n`,
        );
        return EXIT_OK;
      }
      if (!args.json) ctx.io.stdout.write(`Removed ${name} from ${ref}.\n`);
      const status = await callApi(core, 'domains.apply', { appId: app.id });
      ctx.io.stdout.write(
        args.json
          ? formatJson(domains)
          : `Applied: the container was recreated with the new labels (no build).\n${formatAppStatus(ref, status, (ctx.io.now ?? Date.now)())}`,
      );
      return EXIT_OK;
    });
  },
};
