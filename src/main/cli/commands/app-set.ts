import { apiDefinition } from '../../../shared/api';
import type { AppDto } from '../../../shared/dto/app';
import { callApi } from '../api';
import { APP_SETTING_OPTIONS, parseAppSettingFlags } from '../app-flags';
import { expectPositionals, flagOption, parseCommandArgs, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { formatCpu, formatMemory } from '../format-apps';
import { parseAppRef, resolveApp, type AppRef } from '../resolve';
import { APP_FIELD_SOURCES, usageErrorFromZod } from '../validate';

const COMMAND = 'app set';
const OPTIONS: OptionSpecs = {
  ...APP_SETTING_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const changesSchema = apiDefinition['apps.update'].input.omit({ id: true });

export interface AppSetArgs {
  ref: AppRef;
  /** Only the settings given; checked by the apps.update schema. */
  changes: ReturnType<typeof changesSchema.parse>;
  json: boolean;
}

export function parseAppSetArgs(args: string[]): AppSetArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  const ref = parseAppRef(refText, COMMAND);
  const flags = parseAppSettingFlags(COMMAND, values);
  if (Object.keys(flags).length === 0) {
    throw new CliUsageError(
      'nothing to change: give at least one of --port, --git, --branch, --dockerfile, --root, --description, --cpu, --memory, --restart',
      COMMAND,
    );
  }
  const checked = changesSchema.safeParse(flags);
  if (!checked.success) throw usageErrorFromZod(checked.error, COMMAND, APP_FIELD_SOURCES);
  return { ref, changes: checked.data, json: flagOption(values, 'json') };
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
};

export function describeChanges(ref: string, app: AppDto, fields: string[]): string {
  const changed = fields.flatMap((field) => {
    const label = LABELS[field];
    return label ? [`${label[0]} ${label[1](app)}`] : [];
  });
  const pending = app.redeployPending ? `\nA redeploy applies it: mist deploy ${ref}` : '';
  return `Updated ${ref}: ${changed.join(', ')}.${pending}\n`;
}

export const appSet: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseAppSetArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const { app, ref } = await resolveApp(core, args.ref);
      const updated = await callApi(core, 'apps.update', { ...args.changes, id: app.id });
      ctx.io.stdout.write(args.json ? formatJson(updated) : describeChanges(ref, updated, Object.keys(args.changes)));
      return EXIT_OK;
    });
  },
};
