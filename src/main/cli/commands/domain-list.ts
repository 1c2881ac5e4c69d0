import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { EXIT_FAILURE, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatDomainTable, mergeDomainChecks } from '../format-domains';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';

const COMMAND = 'domain list';
const OPTIONS: OptionSpecs = {
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export function parseDomainListArgs(args: string[]): { ref: AppRef; check: boolean; json: boolean } {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  return { ref: parseAppRef(refText, COMMAND), check: flagOption(values, 'check'), json: flagOption(values, 'json') };
}

const oneLine = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));

/**
 * `domains.list`; with --check also `domains.checkDns` and `domains.checkCertificates` (together).
 * A check that fails as a whole (e.g. the server is unreachable for the certificate check) leaves
 * its field out, is reported on stderr, and makes the exit status 1; the list is printed anyway.
 */
export const domainList: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseDomainListArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const domains = await callApi(core, 'domains.list', { appId: app.id });
      let failures: string[] = [];
      let merged = mergeDomainChecks(domains, null, null);
      if (args.check && domains.length > 0) {
        const [dns, certs] = await Promise.allSettled([
          callApi(core, 'domains.checkDns', { appId: app.id }),
          callApi(core, 'domains.checkCertificates', { appId: app.id }),
        ]);
        merged = mergeDomainChecks(
          domains,
          dns.status === 'fulfilled' ? dns.value : null,
          certs.status === 'fulfilled' ? certs.value : null,
        );
        failures = [
          ...(dns.status === 'rejected' ? [`DNS check of ${ref} failed: ${oneLine(dns.reason)}`] : []),
          ...(certs.status === 'rejected' ? [`certificate check of ${ref} failed: ${oneLine(certs.reason)}`] : []),
        ];
      }
      ctx.io.stdout.write(
        args.json ? formatJson(merged) : formatDomainTable(ref, merged, (ctx.io.now ?? Date.now)(), args.check),
      );
      for (const failure of failures) ctx.io.stderr.write(`mist: ${failure.replace(/\s*\n\s*/g, ' ').trim()}\n`);
      return failures.length ? EXIT_FAILURE : EXIT_OK;
    });
  },
};
