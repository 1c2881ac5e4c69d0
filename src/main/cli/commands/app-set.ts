import { apiDefinition } from '../../../shared/api';
import type { AppDto } from '../../../shared/dto/app';
import { publishPortWarning } from '../../../shared/publish-warning';
import { setGitTokenInputSchema } from '../../../shared/schemas/app';
import { callApi } from '../api';
import { APP_SETTING_OPTIONS, parseAppSettingFlags } from '../app-flags';
import {
  expectPositionals,
  flagOption,
  parseCommandArgs,
  stringOption,
  type OptionSpecs,
  type ParsedArgs,
} from '../args';
import { withCore, type Command, type CommandContext } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatCpu, formatGitToken, formatHealthCheck, formatLogRetention, formatMemory } from '../format-apps';
import { readSecretFromStdin } from '../io';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';
import { APP_FIELD_SOURCES, usageErrorFromZod } from '../validate';

const COMMAND = 'app set';
const OPTIONS: OptionSpecs = {
  ...APP_SETTING_OPTIONS,
  'git-token': { type: 'string' },
  'git-token-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const changesSchema = apiDefinition['apps.update'].input.omit({ id: true });

export interface AppSetArgs {
  ref: AppRef;
  /** Only the settings given; checked by the apps.update schema. */
  changes: ReturnType<typeof changesSchema.parse>;
  /** `stdin`: store the token read from stdin (`apps.setGitToken`); `remove`: delete it; absent: keep it. */
  gitToken?: 'stdin' | 'remove';
  json: boolean;
}

/**
 * --git-token-stdin or --git-token none. A token is a secret: it is never taken from the command
 * line (where `ps` and shell history would show it), so any other --git-token value is refused.
 */
function parseGitTokenFlags(values: ParsedArgs['values']): AppSetArgs['gitToken'] {
  const value = stringOption(values, 'git-token');
  const fromStdin = flagOption(values, 'git-token-stdin');
  if (value !== undefined && fromStdin) {
    throw new CliUsageError('choose --git-token-stdin or --git-token none, not both', COMMAND);
  }
  if (value !== undefined && value !== 'none') {
    throw new CliUsageError(
      'tokens are never taken from arguments: use --git-token-stdin (or --git-token none to remove it)',
      COMMAND,
    );
  }
  if (fromStdin) return 'stdin';
  return value === 'none' ? 'remove' : undefined;
}

export function parseAppSetArgs(args: string[]): AppSetArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  const ref = parseAppRef(refText, COMMAND);
  const flags = parseAppSettingFlags(COMMAND, values);
  const gitToken = parseGitTokenFlags(values);
  if (Object.keys(flags).length === 0 && gitToken === undefined) {
    throw new CliUsageError(
      'nothing to change: give at least one of --port, --git, --branch, --dockerfile, --root, --description, --cpu, --memory, --restart, --log-size, --log-files, --health-path, --health-timeout, --version, --publish-port, --compose-file, --public-service, --public-port, --auto-deploy, --watch-interval, --git-token-stdin, --git-token none',
      COMMAND,
    );
  }
  const checked = changesSchema.safeParse(flags);
  if (!checked.success) throw usageErrorFromZod(checked.error, COMMAND, APP_FIELD_SOURCES);
  return {
    ref,
    changes: checked.data,
    ...(gitToken !== undefined ? { gitToken } : {}),
    json: flagOption(values, 'json'),
  };
}

/** The token from stdin, checked by the apps.setGitToken schema before anything is opened or changed. */
export async function readGitToken(ctx: CommandContext): Promise<string> {
  const token = await readSecretFromStdin(ctx.io, '--git-token-stdin', COMMAND);
  const checked = setGitTokenInputSchema.shape.token.safeParse(token);
  if (!checked.success) {
    // The message only: the token itself is never echoed.
    throw new CliUsageError(
      `invalid token from --git-token-stdin: ${checked.error.issues[0]?.message ?? 'not a token'}`,
      COMMAND,
    );
  }
  return token;
}

const LABELS: Record<string, [string, (app: AppDto) => string]> = {
  port: ['port', (a) => String(a.port)],
  gitUrl: ['repository', (a) => a.gitUrl ?? 'none'],
  branch: ['branch', (a) => a.branch],
  dockerfilePath: ['dockerfile', (a) => a.dockerfilePath],
  rootDir: ['root', (a) => a.rootDir],
  description: ['description', (a) => a.description],
  cpuLimit: ['cpu', (a) => formatCpu(a.cpuLimit)],
  memoryMb: ['memory', (a) => formatMemory(a.memoryMb)],
  restartPolicy: ['restart', (a) => a.restartPolicy],
  logMaxSizeMb: ['logs kept', (a) => formatLogRetention(a)],
  logMaxFiles: ['logs kept', (a) => formatLogRetention(a)],
  healthCheckPath: ['health check', (a) => formatHealthCheck(a.healthCheck)],
  healthCheckTimeoutS: ['health check', (a) => formatHealthCheck(a.healthCheck)],
  hasGitToken: ['git token', (a) => formatGitToken(a.hasGitToken)],
  version: ['version', (a) => a.database?.tag ?? '-'],
  publishPort: ['published port', (a) => (a.database?.publishPort ? `on (host port ${a.port})` : 'off')],
  composeFile: ['compose file', (a) => a.compose?.file ?? '-'],
  publicService: ['public service', (a) => a.compose?.publicService ?? 'none'],
  publicPort: ['public port', (a) => String(a.compose?.publicPort ?? 'none')],
  autoDeploy: ['auto-deploy', (a) => (a.autoDeploy.enabled ? `on (every ${a.autoDeploy.intervalS} s)` : 'off')],
  watchIntervalS: ['watch interval', (a) => `${a.autoDeploy.intervalS} s`],
};

export function describeChanges(ref: string, app: AppDto, fields: string[]): string {
  const changed = fields.flatMap((field) => {
    const label = LABELS[field];
    return label ? [`${label[0]} ${label[1](app)}`] : [];
  });
  const pending = app.redeployPending ? `\nA redeploy applies it: mist deploy ${ref}` : '';
  // the two log flags describe one setting: said once
  return `Updated ${ref}: ${[...new Set(changed)].join(', ')}.${pending}\n`;
}

export const appSet: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseAppSetArgs(argv);
    // Read and checked before the core opens, like server add's --password-stdin.
    const token = args.gitToken === 'stdin' ? await readGitToken(ctx) : undefined;
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const fields = Object.keys(args.changes);
      let updated = app;
      // The settings first, so that `--git URL --git-token-stdin` stores the token for the new URL.
      if (fields.length > 0) updated = await callApi(core, 'apps.update', { ...args.changes, id: app.id });
      if (args.gitToken !== undefined) {
        updated = await callApi(core, 'apps.setGitToken', { appId: app.id, token: token ?? null });
        fields.push('hasGitToken');
      }
      if (args.changes.publishPort === true) ctx.io.stderr.write(`Warning: ${publishPortWarning(updated.port)}\n`);
      ctx.io.stdout.write(args.json ? formatJson(updated) : describeChanges(ref, updated, fields));
      return EXIT_OK;
    });
  },
};
