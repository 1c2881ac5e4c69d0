import { normalizeDomain } from '../../../shared/domain-rules';
import { callApi } from '../api';
import { withCore, type Command } from '../command';
import { parseDomainChangeArgs } from '../domain-arg';
import { EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatAppStatus } from '../format-apps';
import { formatDomainName } from '../format-domains';
import { resolveApp } from '../resolve';

const COMMAND = 'domain add';

export const parseDomainAddArgs = (args: string[]) => parseDomainChangeArgs(COMMAND, args);

/** `domains.add`, then with --apply `domains.apply` (the container is recreated, no build). */
export const domainAdd: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDomainAddArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const domains = await callApi(core, 'domains.add', { appId: app.id, host: args.domain });
      const check = normalizeDomain(args.domain);
      const added = check.ok ? domains.find((d) => d.host === check.ascii) : undefined;
      const name = added ? formatDomainName(added) : args.domain;
      if (!args.apply) {
        ctx.io.stdout.write(
          args.json ? formatJson(domains) : `Added ${name} to ${ref}. Apply it with: mist domain apply ${ref}\n`,
        );
        return EXIT_OK;
      }
      if (!args.json) ctx.io.stdout.write(`Added ${name} to ${ref}.\n`);
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
