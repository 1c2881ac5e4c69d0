import type { AppDto, AppType, RestartPolicy } from '../../../shared/dto/app';
import {
  DEFAULT_HEALTH_CHECK_TIMEOUT_S,
  DEFAULT_LOG_RETENTION,
  createAppInputSchema,
  updateAppInputSchema,
  type CreateAppInput,
  type UpdateAppInput,
} from '../../../shared/schemas/app';
import { fieldErrors, type FormResult } from './zod-errors';

/**
 * The create-app form and the settings tabs as plain data, checked with the same zod schemas the core
 * enforces (unit-tested in renderer-app-form.test.ts).
 */

export interface AppFormValues {
  type: AppType;
  name: string;
  description: string;
  port: string;
  gitUrl: string;
  branch: string;
  dockerfilePath: string;
  rootDir: string;
  /** '' means no limit. */
  cpuLimit: string;
  /** '' means no limit. */
  memoryMb: string;
  restartPolicy: RestartPolicy;
  /** Docker rotates the container's log at this many MB and keeps this many files (compose: services without their own logging). */
  logMaxSizeMb: string;
  logMaxFiles: string;
  /** Web and service apps: the path a new container must answer ('' means no HTTP check), and for how many seconds to try. */
  healthCheckPath: string;
  healthCheckTimeoutS: string;
  /** Database apps: the template id and its version (image tag); publish the port on the host. */
  template: string;
  version: string;
  publishPort: boolean;
  /** Compose apps: the compose file, relative to the root directory. */
  composeFile: string;
  /** Apps with a repository: deploy new commits by themselves, checking every `watchIntervalS` seconds. */
  autoDeploy: boolean;
  watchIntervalS: string;
}

export type AppFormField = keyof AppFormValues;
export type AppFormErrors = Partial<Record<AppFormField, string>>;

const ALL_FIELDS: readonly AppFormField[] = [
  'type',
  'name',
  'description',
  'port',
  'gitUrl',
  'branch',
  'dockerfilePath',
  'rootDir',
  'cpuLimit',
  'memoryMb',
  'restartPolicy',
  'logMaxSizeMb',
  'logMaxFiles',
  'healthCheckPath',
  'healthCheckTimeoutS',
  'template',
  'version',
  'publishPort',
  'composeFile',
  'autoDeploy',
  'watchIntervalS',
];

export const RESTART_POLICIES: { value: RestartPolicy; label: string }[] = [
  { value: 'unless-stopped', label: 'Unless stopped (default)' },
  { value: 'always', label: 'Always' },
  { value: 'on-failure', label: 'On failure' },
  { value: 'no', label: 'Never' },
];

/** Which fields each settings tab edits. */
export const SETTINGS_FIELDS = {
  general: ['name', 'description', 'port', 'healthCheckPath', 'healthCheckTimeoutS'],
  git: ['gitUrl', 'branch', 'autoDeploy', 'watchIntervalS'],
  build: ['dockerfilePath', 'rootDir'],
  resources: ['cpuLimit', 'memoryMb', 'restartPolicy', 'logMaxSizeMb', 'logMaxFiles'],
  database: ['version', 'publishPort'],
} as const satisfies Record<string, readonly Exclude<AppFormField, 'type' | 'template'>[]>;
export type SettingsSection = keyof typeof SETTINGS_FIELDS;

/** A section's fields for an app of this type: a database's port is its template's; compose builds from its file. */
export type SettingsField = Exclude<AppFormField, 'type' | 'template'>;

export function sectionFields(section: SettingsSection, type: AppType): readonly SettingsField[] {
  if (section === 'general' && type === 'database') return ['name', 'description'];
  // only web and service apps serve HTTP a deploy checks
  if (section === 'general' && type === 'compose') return ['name', 'description', 'port'];
  if (section === 'build' && type === 'compose') return ['composeFile', 'rootDir'];
  return SETTINGS_FIELDS[section];
}

export function emptyAppForm(): AppFormValues {
  return {
    type: 'web',
    name: '',
    description: '',
    port: '3000',
    gitUrl: '',
    branch: 'main',
    dockerfilePath: './Dockerfile',
    rootDir: '/',
    cpuLimit: '',
    memoryMb: '',
    restartPolicy: 'unless-stopped',
    logMaxSizeMb: String(DEFAULT_LOG_RETENTION.maxSizeMb),
    logMaxFiles: String(DEFAULT_LOG_RETENTION.maxFiles),
    healthCheckPath: '',
    healthCheckTimeoutS: String(DEFAULT_HEALTH_CHECK_TIMEOUT_S),
    template: '',
    version: '',
    publishPort: false,
    composeFile: 'docker-compose.yml',
    autoDeploy: false,
    watchIntervalS: '60',
  };
}

export function formFromApp(app: AppDto): AppFormValues {
  return {
    type: app.type,
    name: app.name,
    description: app.description,
    port: String(app.port),
    gitUrl: app.gitUrl ?? '',
    branch: app.branch,
    dockerfilePath: app.dockerfilePath,
    rootDir: app.rootDir,
    cpuLimit: app.cpuLimit === null ? '' : String(app.cpuLimit),
    memoryMb: app.memoryMb === null ? '' : String(app.memoryMb),
    restartPolicy: app.restartPolicy,
    logMaxSizeMb: String(app.logRetention.maxSizeMb),
    logMaxFiles: String(app.logRetention.maxFiles),
    healthCheckPath: app.healthCheck.path ?? '',
    healthCheckTimeoutS: String(app.healthCheck.timeoutS),
    template: app.database?.templateId ?? '',
    version: app.database?.tag ?? '',
    publishPort: app.database?.publishPort ?? false,
    composeFile: app.compose?.file ?? 'docker-compose.yml',
    autoDeploy: app.autoDeploy.enabled,
    watchIntervalS: String(app.autoDeploy.intervalS),
  };
}

type Parsed<T> = { value: T } | { error: string };

function parsePort(text: string): Parsed<number> {
  const trimmed = text.trim();
  const port = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  return port >= 1 && port <= 65535 ? { value: port } : { error: 'The port is a number from 1 to 65535.' };
}

function parseCpu(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!/^\d*\.?\d+$/.test(trimmed)) return { error: 'The CPU limit is a number of CPUs, such as 0.5 or 2.' };
  return { value: Number(trimmed) };
}

function parseMemory(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!/^\d+$/.test(trimmed)) return { error: 'The memory limit is a whole number of megabytes.' };
  return { value: Number(trimmed) };
}

function parseSeconds(text: string): Parsed<number> {
  return parseWhole(text, 'A number of seconds, such as 60.');
}

function parseWhole(text: string, error: string): Parsed<number> {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? { value: Number(trimmed) } : { error };
}

/** Every field as the API wants it, or the fields that could not even be read as numbers. */
function readValues(values: AppFormValues): { candidate: Record<string, unknown>; errors: AppFormErrors } {
  const errors: AppFormErrors = {};
  const isDatabase = values.type === 'database';
  const candidate: Record<string, unknown> = {
    type: values.type,
    name: values.name,
    description: values.description.trim(),
    gitUrl: isDatabase || values.gitUrl.trim() === '' ? null : values.gitUrl.trim(),
    branch: values.branch,
    dockerfilePath: values.dockerfilePath,
    rootDir: values.rootDir,
    restartPolicy: values.restartPolicy,
    ...(isDatabase
      ? {
          template: values.template === '' ? undefined : values.template,
          version: values.version === '' ? undefined : values.version,
          publishPort: values.publishPort,
        }
      : {}),
    ...(values.type === 'compose' ? { composeFile: values.composeFile } : {}),
    autoDeploy: values.autoDeploy,
  };
  const numbers: [AppFormField, Parsed<number | null>][] = [
    ['port', parsePort(values.port)],
    ['cpuLimit', parseCpu(values.cpuLimit)],
    ['memoryMb', parseMemory(values.memoryMb)],
    ['watchIntervalS', parseSeconds(values.watchIntervalS)],
    ['logMaxSizeMb', parseWhole(values.logMaxSizeMb, 'A whole number of megabytes, such as 50.')],
    ['logMaxFiles', parseWhole(values.logMaxFiles, 'A whole number of files, such as 5.')],
  ];
  if (values.type === 'web' || values.type === 'service') {
    const path = values.healthCheckPath.trim();
    candidate.healthCheckPath = path === '' ? null : path;
    numbers.push(['healthCheckTimeoutS', parseSeconds(values.healthCheckTimeoutS)]);
  }
  for (const [field, parsed] of numbers) {
    if ('error' in parsed) errors[field] = parsed.error;
    else candidate[field] = parsed.value;
  }
  return { candidate, errors };
}

export function buildCreateAppInput(
  projectId: string,
  values: AppFormValues,
): FormResult<CreateAppInput, AppFormField> {
  const { candidate, errors } = readValues(values);
  const parsed = createAppInputSchema.safeParse({ ...candidate, projectId });
  const schemaErrors = parsed.success ? {} : fieldErrors(parsed.error, ALL_FIELDS);
  const all = { ...schemaErrors, ...errors };
  if (Object.keys(all).length > 0 || !parsed.success) return { ok: false, errors: all };
  return { ok: true, input: parsed.data };
}

/** Only the fields of this section that changed; `input` has just the id when nothing did. */
export function buildAppUpdate(
  app: AppDto,
  values: AppFormValues,
  fields: readonly AppFormField[],
): FormResult<UpdateAppInput, AppFormField> {
  const { candidate, errors } = readValues(values);
  const sectionErrors: AppFormErrors = {};
  for (const field of fields) if (errors[field]) sectionErrors[field] = errors[field];
  if (Object.keys(sectionErrors).length > 0) return { ok: false, errors: sectionErrors };

  const section: Record<string, unknown> = { id: app.id };
  for (const field of fields) if (field !== 'type') section[field] = candidate[field]; // the type is fixed
  const parsed = updateAppInputSchema.safeParse(section);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, fields) };

  const current: Record<string, unknown> = {
    ...app,
    version: app.database?.tag,
    publishPort: app.database?.publishPort,
    composeFile: app.compose?.file,
    autoDeploy: app.autoDeploy.enabled,
    watchIntervalS: app.autoDeploy.intervalS,
    logMaxSizeMb: app.logRetention.maxSizeMb,
    logMaxFiles: app.logRetention.maxFiles,
    healthCheckPath: app.healthCheck.path,
    healthCheckTimeoutS: app.healthCheck.timeoutS,
  };
  const update: Record<string, unknown> = { id: app.id };
  for (const [key, value] of Object.entries(parsed.data))
    if (key !== 'id' && value !== current[key]) update[key] = value;
  return { ok: true, input: update as UpdateAppInput };
}

export function hasChanges(input: UpdateAppInput): boolean {
  return Object.keys(input).some((key) => key !== 'id');
}
