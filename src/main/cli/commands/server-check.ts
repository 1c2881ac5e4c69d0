import type { ServerCheckDto, ServerDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import { fingerprintSchema } from '../../../shared/schemas/server';
import { expectPositionals, flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command, type CommandContext } from '../command';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors';
import { formatCheck, formatJson } from '../format';
import { decideHostKey } from '../host-key';
import type { CliCore } from '../open-core';

const COMMAND = 'server check';
const OPTIONS: OptionSpecs = {
  json: { type: 'boolean' },
  'accept-host-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export interface ServerCheckArgs {
  name: string;
  json: boolean;
  acceptHostKey: string | undefined;
}

export function parseServerCheckArgs(args: string[]): ServerCheckArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [name] = expectPositionals(COMMAND, positionals, ['NAME']) as [string];
  const acceptHostKey = stringOption(values, 'accept-host-key');
  if (acceptHostKey !== undefined && !fingerprintSchema.safeParse(acceptHostKey).success) {
    throw new CliUsageError(
      'invalid --accept-host-key: a fingerprint looks like SHA256: followed by 43 base64 characters',
      COMMAND,
    );
  }
  return { name, json: flagOption(values, 'json'), acceptHostKey };
}

/**
 * Runs the check; when the server's host key is not remembered (it was accepted "once" by an
 * earlier command), asks again, or takes --accept-host-key, and checks once more. A changed key is
 * never accepted here: the core's message names both fingerprints.
 */
async function checkTrustingHostKey(
  core: CliCore,
  server: ServerDto,
  args: ServerCheckArgs,
  ctx: CommandContext,
): Promise<ServerCheckDto> {
  try {
    return await core.check(server);
  } catch (error) {
    if (
      !(error instanceof MistError) ||
      error.code !== 'host-key-unknown' ||
      typeof error.details?.presented !== 'string'
    )
      throw error;
    const choice = await decideHostKey(
      {
        where: `${server.host}:${server.port}`,
        fingerprint: error.details.presented,
        keyType: String(error.details.keyType ?? 'unknown key type'),
        knownHosts: 'unknown',
      },
      { accept: args.acceptHostKey, io: ctx.io, consequence: 'no credential was sent' },
    );
    return core.check(core.servers.acceptHostKey(server.id, choice.decision));
  }
}

export const serverCheck: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseServerCheckArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const server = core.servers.resolve(args.name);
      const check = await checkTrustingHostKey(core, server, args, ctx);
      ctx.io.stdout.write(args.json ? formatJson(check) : formatCheck(server, check));
      return check.ok ? EXIT_OK : EXIT_FAILURE;
    });
  },
};
