import type { AppDto } from '../../../shared/dto/app';
import { publishPortWarning } from '../../../shared/publish-warning';
import { createAppFieldsSchema, refineCreateApp } from '../../../shared/schemas/app';
import { callApi } from '../api';
import { APP_SETTING_OPTIONS, parseAppSettingFlags } from '../app-flags';
import { expectPositionals, flagOption, parseCommandArgs, stringOption, type OptionSpecs } from '../args';
import { withCore, type Command } from '../command';
import { CliUsageError, EXIT_OK } from '../errors';
import { formatJson } from '../format';
import { parseAppRef, resolveProject, type AppRef } from '../resolve';
import { APP_FIELD_SOURCES, usageErrorFromZod } from '../validate';

const COMMAND = 'app create';
const OPTIONS: OptionSpecs = {
  type: { type: 'string' },
  template: { type: 'string' },
  'attach-volume': { type: 'string' },
  ...APP_SETTING_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const fieldsSchema = createAppFieldsSchema.omit({ projectId: true }).superRefine(refineCreateApp);

export interface AppCreateArgs {
  ref: AppRef;
  /** Everything of the apps.create input but the project id, checked and with the schema's defaults. */
  fields: ReturnType<typeof fieldsSchema.parse>;
  json: boolean;
}

export function parseAppCreateArgs(args: string[]): AppCreateArgs {
  const { values, positionals } = parseCommandArgs(COMMAND, args, OPTIONS);
  const [refText] = expectPositionals(COMMAND, positionals, ['PROJECT/APP']) as [string];
  const ref = parseAppRef(refText, COMMAND);
  const type = stringOption(values, 'type');
  if (type === undefined) throw new CliUsageError('missing --type (web, service, database or compose)', COMMAND);
  const template = stringOption(values, 'template');
  const attachVolume = stringOption(values, 'attach-volume');
  const checked = fieldsSchema.safeParse({
    name: ref.app,
    type,
    ...parseAppSettingFlags(COMMAND, values),
    ...(template !== undefined ? { template } : {}),
    ...(attachVolume !== undefined ? { attachVolume } : {}),
  });
  if (!checked.success) throw usageErrorFromZod(checked.error, COMMAND, APP_FIELD_SOURCES);
  return { ref, fields: checked.data, json: flagOption(values, 'json') };
}

function describeCreated(ref: string, app: AppDto): string {
  if (app.database) {
    return (
      `Created database app ${ref} from the ${app.database.templateId} template, version ${app.database.tag} ` +
      `(internal address ${app.internalAddress}, data in the volume ${app.database.volumeName}).\n` +
      `Deploy it with: mist deploy ${ref}; its connection strings: mist db url ${ref}\n`
    );
  }
  const next = app.gitUrl
    ? `Deploy it with: mist deploy ${ref}`
    : `Set its repository with: mist app set ${ref} --git URL, then deploy with: mist deploy ${ref}`;
  return `Created ${app.type} app ${ref} (port ${app.port}, internal address ${app.internalAddress}).\n${next}\n`;
}

export const appCreate: Command = {
  name: COMMAND,
  async run(argv, ctx) {
    const args = parseAppCreateArgs(argv);
    return withCore(ctx, { useSecretOverride: true }, async (core) => {
      const project = await resolveProject(core, args.ref.project);
      const app = await callApi(core, 'apps.create', { ...args.fields, projectId: project.id });
      if (app.database?.publishPort) ctx.io.stderr.write(`Warning: ${publishPortWarning(app.port)}\n`);
      ctx.io.stdout.write(args.json ? formatJson(app) : describeCreated(`${project.name}/${app.name}`, app));
      return EXIT_OK;
    });
  },
};
