import { apiDefinition } from '../../../shared/api';
import { callApi } from '../api';
import { expectPositionals, flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliFailure, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatPrepareResult } from '../format-domains';
import { usageErrorFromZod } from '../validate';

const COMMAND = 'server prepare';
const OPTIONS: OptionSpecs = {
  email: { type: 'string' },
  wildcard: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The `servers.prepare` input but the server id (found later), checked by the channel's schema. */
const fieldsSchema = apiDefinition['servers.prepare'].input.omit({ id: true });

export interface ServerPrepareArgs {
  name: string;
  /** Absent: the ACME email saved on the server by an earlier prepare. */
  email: string | undefined;
  /** Absent: keep the saved wildcard domain; null (`--wildcard none`): clear it. */
  wildcardDomain: string | null | undefined;
  json: boolean;
}

export function parseServerPrepareArgs(args: string[]): ServerPrepareArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [name] = expectPositionals(COMMAND, positionals, ['NAME']) as [string];
  const email = stringOption(values, 'email');
  const wildcard = stringOption(values, 'wildcard');
  const wildcardDomain = wildcard === undefined ? undefined : wildcard === 'none' ? null : wildcard;
  const checked = fieldsSchema.safeParse({ email, wildcardDomain });
  if (!checked.success) {
    throw usageErrorFromZod(checked.error, COMMAND, { email: '--email', wildcardDomain: '--wildcard' });
  }
  return { name, email, wildcardDomain, json: flagOption(values, 'json') };
}

/**
 * `servers.prepare`: the traefik-net network and the Traefik container, idempotent. Refusals (ports
 * 80/443 taken, an image that cannot be pulled and is not present) come from the core as one line.
 */
export const serverPrepare: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseServerPrepareArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const server = core.servers.resolve(args.name);
      if (args.email === undefined && !server.acmeEmail) {
        throw new CliFailure(
          `${server.name} has no ACME email yet; Let's Encrypt needs one: mist server prepare ${server.name} --email you@example.com`,
        );
      }
      const input: { id: string; email?: string; wildcardDomain?: string | null } = { id: server.id };
      if (args.email !== undefined) input.email = args.email;
      if (args.wildcardDomain !== undefined) input.wildcardDomain = args.wildcardDomain;
      const result = await callApi(core, 'servers.prepare', input);
      ctx.io.stdout.write(args.json ? formatJson(result) : formatPrepareResult(server.name, result));
      return EXIT_OK;
    });
  },
};
