import { isAbsolute, resolve } from 'node:path';
import type { ServerDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';
import { addServerInputSchema, fingerprintSchema, type AuthInput } from '../../../shared/schemas/server';
import { expectPositionals, flagOption, parseCommandArgs, portOption, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command, type CommandContext } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatAddress, formatAuth, formatJson } from '../format';
import { decideHostKey, type HostKeyChoice } from '../host-key';
import { readSecretFromStdin } from '../io';
import { usageErrorFromZod } from '../validate';

const COMMAND = 'server add';

const OPTIONS: OptionSpecs = {
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  key: { type: 'string' },
  'passphrase-stdin': { type: 'boolean' },
  agent: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  jump: { type: 'string' },
  'docker-socket': { type: 'string' },
  'forward-agent': { type: 'boolean' },
  'public-address': { type: 'string' },
  'accept-host-key': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export type AuthArgs =
  { kind: 'key'; keyPath: string; passphraseStdin: boolean } | { kind: 'agent' } | { kind: 'password' };

export interface ServerAddArgs {
  name: string;
  host: string;
  port: number;
  user: string;
  auth: AuthArgs;
  jump: string | null;
  dockerSocketPath: string | undefined;
  forwardAgent: boolean;
  publicAddress: string | undefined;
  acceptHostKey: string | undefined;
  json: boolean;
}

/** The command line of `server add`, checked for everything that needs no server and no stdin. */
export function parseServerAddArgs(args: string[], cwd: string): ServerAddArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [name] = expectPositionals(COMMAND, positionals, ['NAME']) as [string];
  const usage = (message: string) => new CliUsageError(message, COMMAND);
  const host = stringOption(values, 'host');
  const user = stringOption(values, 'user');
  if (host === undefined) throw usage('missing --host');
  if (user === undefined) throw usage('missing --user');

  const port = portOption(COMMAND, values, 'port') ?? 22;

  const keyPath = stringOption(values, 'key');
  const methods = [
    keyPath !== undefined && '--key',
    flagOption(values, 'agent') && '--agent',
    flagOption(values, 'password-stdin') && '--password-stdin',
  ].filter((m): m is string => typeof m === 'string');
  if (methods.length === 0) throw usage('choose how to log in: --key PATH, --agent or --password-stdin');
  if (methods.length > 1) throw usage(`choose one way to log in, not ${methods.join(' and ')}`);
  const passphraseStdin = flagOption(values, 'passphrase-stdin');
  if (passphraseStdin && keyPath === undefined) throw usage('--passphrase-stdin goes with --key');
  const auth: AuthArgs =
    keyPath !== undefined
      ? {
          kind: 'key',
          keyPath: keyPath.startsWith('~') || isAbsolute(keyPath) ? keyPath : resolve(cwd, keyPath),
          passphraseStdin,
        }
      : flagOption(values, 'agent')
        ? { kind: 'agent' }
        : { kind: 'password' };

  const acceptHostKey = stringOption(values, 'accept-host-key');
  if (acceptHostKey !== undefined) {
    const checked = fingerprintSchema.safeParse(acceptHostKey);
    if (!checked.success)
      throw usage(`invalid --accept-host-key: ${checked.error.issues[0]?.message ?? 'not a fingerprint'}`);
  }
  return {
    name,
    host,
    port,
    user,
    auth,
    jump: stringOption(values, 'jump') ?? null,
    dockerSocketPath: stringOption(values, 'docker-socket'),
    forwardAgent: flagOption(values, 'forward-agent'),
    publicAddress: stringOption(values, 'public-address'),
    acceptHostKey,
    json: flagOption(values, 'json'),
  };
}

const fieldsSchema = addServerInputSchema.omit({ hostKey: true });

/** Everything of the AddServerInput but the host-key answer, checked by the same schema as the UI's. */
function validFields(args: ServerAddArgs, auth: AuthInput) {
  const parsed = fieldsSchema.safeParse({
    name: args.name,
    host: args.host,
    port: args.port,
    user: args.user,
    auth,
    ...(args.dockerSocketPath !== undefined ? { dockerSocketPath: args.dockerSocketPath } : {}),
    forwardAgent: args.forwardAgent,
    ...(args.publicAddress !== undefined ? { publicAddress: args.publicAddress } : {}),
  });
  if (!parsed.success) throw usageErrorFromZod(parsed.error, COMMAND);
  return parsed.data;
}

async function readAuth(args: ServerAddArgs, ctx: CommandContext): Promise<AuthInput> {
  switch (args.auth.kind) {
    case 'agent':
      return { kind: 'agent' };
    case 'password':
      return { kind: 'password', password: await readSecretFromStdin(ctx.io, '--password-stdin', COMMAND) };
    case 'key':
      return args.auth.passphraseStdin
        ? {
            kind: 'key',
            keyPath: args.auth.keyPath,
            passphrase: await readSecretFromStdin(ctx.io, '--passphrase-stdin', COMMAND),
          }
        : { kind: 'key', keyPath: args.auth.keyPath };
  }
}

function describeAdded(server: ServerDto, choice: HostKeyChoice): string {
  const trust =
    choice.decision.trust === 'remember'
      ? `Host key ${choice.decision.fingerprint} remembered${choice.source === 'known-hosts' ? ' (it matches known_hosts)' : ''}.`
      : `Host key ${choice.decision.fingerprint} accepted for this command only; later commands will ask again (or pass --accept-host-key).`;
  return `Added ${server.name} (${formatAddress(server)}, ${formatAuth(server.auth)}).\n${trust}\n`;
}

export const serverAdd: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseServerAddArgs(argv, ctx.io.cwd ?? process.cwd());
    const auth = await readAuth(args, ctx);
    // Everything but the host-key answer is checked before any connection is made.
    const fields = validFields(args, auth);

    return withCore(ctx, { useSecretOverride: false }, async (core) => {
      if (core.servers.list().some((s) => s.name.toLowerCase() === fields.name.toLowerCase())) {
        throw new MistError('conflict', `A server named ${fields.name} already exists.`);
      }
      const proxyJumpServerId = args.jump === null ? null : core.servers.resolve(args.jump).id;
      const probe = await core.servers.probeHostKey({ host: fields.host, port: fields.port, proxyJumpServerId });
      const choice = await decideHostKey(
        {
          where: `${probe.host}:${probe.port}`,
          fingerprint: probe.fingerprint,
          keyType: probe.keyType,
          knownHosts: probe.knownHosts,
        },
        { accept: args.acceptHostKey, io: ctx.io, consequence: 'nothing was saved' },
      );
      const server = await core.servers.add(
        addServerInputSchema.parse({ ...fields, proxyJumpServerId, hostKey: choice.decision }),
      );
      ctx.io.stdout.write(args.json ? formatJson(server) : describeAdded(server, choice));
      return EXIT_OK;
    });
  },
};
