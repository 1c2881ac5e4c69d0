import { z } from 'zod';
import {
  APP_NAME_PATTERN,
  APP_NAME_RULE,
  ENV_KEY_PATTERN,
  ENV_KEY_RULE,
  GIT_URL_RULE,
  branchProblem,
  normalizeGitUrl,
  repoRelativePath,
} from '../app-rules';
import { idSchema, portSchema } from './server';
import { dockerTagSchema, templateIdSchema } from './template';

/** zod schemas for every project, app, env and deploy API input; main validates each message with these. */

export const appNameSchema = z.string().trim().regex(APP_NAME_PATTERN, APP_NAME_RULE);
export const branchSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = branchProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const gitUrlSchema = z
  .string()
  .trim()
  .refine((value) => normalizeGitUrl(value) !== null, GIT_URL_RULE);
export const dockerfilePathSchema = z
  .string()
  .trim()
  .refine(
    (value) => !value.startsWith('/') && (repoRelativePath(value) ?? '') !== '',
    'the Dockerfile path is relative to the root directory, without ".."',
  );
export const rootDirSchema = z
  .string()
  .trim()
  .refine(
    (value) => repoRelativePath(value) !== null,
    'the root directory is a path inside the repository, without ".."',
  );
export const cpuLimitSchema = z.number().min(0.1, 'the CPU limit is at least 0.1').max(1024);
export const memoryMbSchema = z
  .number()
  .int()
  .min(128, 'the memory limit is at least 128 MB')
  .max(4 * 1024 * 1024);
export const restartPolicySchema = z.enum(['no', 'always', 'on-failure', 'unless-stopped']);
/** How long a deploy tries a new container's health check unless set otherwise. */
export const DEFAULT_HEALTH_CHECK_TIMEOUT_S = 60;
/** An HTTP path such as /health or /status?ready=1: what goes after the host, unescaped characters only. */
export const healthCheckPathSchema = z
  .string()
  .trim()
  .max(200, 'a health check path is at most 200 characters')
  .regex(/^\/[\x21-\x7e]*$/, 'a health check path starts with / and has no spaces, such as /health');
export const healthCheckTimeoutSchema = z
  .number()
  .int('the health check time is whole seconds')
  .min(5, 'give the health check at least 5 seconds')
  .max(600, 'give the health check at most 600 seconds');
/** What an app's container log is rotated at, and how many files are kept, unless set otherwise. */
export const DEFAULT_LOG_RETENTION = { maxSizeMb: 50, maxFiles: 5 } as const;
export const logMaxSizeMbSchema = z
  .number()
  .int('a log file size is whole megabytes')
  .min(1, 'a log file is at least 1 MB')
  .max(1024, 'a log file is at most 1024 MB');
export const logMaxFilesSchema = z
  .number()
  .int('the number of log files is a whole number')
  .min(1, 'keep at least 1 log file')
  .max(20, 'keep at most 20 log files');
export const appTypeSchema = z.enum(['web', 'service', 'database', 'compose']);
/** Docker volume names: what `docker volume create` accepts. */
export const volumeNameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/, 'a volume name is letters, digits, _, . and -');
export const composeFileSchema = z
  .string()
  .trim()
  .refine(
    (value) => !value.startsWith('/') && (repoRelativePath(value) ?? '') !== '',
    'the compose file path is relative to the root directory, without ".."',
  );
/** How often auto-deploy checks a branch unless told otherwise (the apps table's default too). */
export const DEFAULT_WATCH_INTERVAL_S = 60;

/** How often auto-deploy checks the branch: at least 15 s (kind to git hosts and rate limits), at most a day. */
export const watchIntervalSchema = z
  .number()
  .int()
  .min(15, 'check at most every 15 seconds')
  .max(86_400, 'check at least once a day');

/** Compose service names as docker compose accepts them. */
export const composeServiceSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'a service name is letters, digits, _, . and -');
export const envScopeSchema = z.enum(['both', 'build', 'runtime']);
export const envKeySchema = z.string().regex(ENV_KEY_PATTERN, ENV_KEY_RULE);
export const envValueSchema = z
  .string()
  .max(65_536, 'a value is at most 64 KiB')
  .refine((value) => !value.includes('\0'), 'a value cannot contain a NUL byte');

export const createProjectInputSchema = z.object({ name: appNameSchema, serverId: idSchema });
export const renameProjectInputSchema = z.object({ id: idSchema, name: appNameSchema });
export const deleteProjectInputSchema = z.object({
  id: idSchema,
  /** Also remove the apps and their containers (otherwise a project with apps is refused). */
  removeApps: z.boolean().default(false),
});

const appSettings = {
  description: z.string().max(500).default(''),
  port: portSchema.default(3000),
  gitUrl: gitUrlSchema.nullable().default(null),
  branch: branchSchema.default('main'),
  dockerfilePath: dockerfilePathSchema.default('./Dockerfile'),
  rootDir: rootDirSchema.default('/'),
  cpuLimit: cpuLimitSchema.nullable().default(null),
  memoryMb: memoryMbSchema.nullable().default(null),
  restartPolicy: restartPolicySchema.default('unless-stopped'),
  /** DEFAULT_LOG_RETENTION when absent (compose apps: for services whose file sets no logging). */
  logMaxSizeMb: logMaxSizeMbSchema.optional(),
  logMaxFiles: logMaxFilesSchema.optional(),
  /** Web and service apps: null (the default) for no HTTP health check. */
  healthCheckPath: healthCheckPathSchema.nullable().optional(),
  healthCheckTimeoutS: healthCheckTimeoutSchema.optional(),
};

/** The fields of apps.create (without the checks across fields, so the CLI can omit projectId). */
export const createAppFieldsSchema = z.object({
  projectId: idSchema,
  name: appNameSchema,
  type: appTypeSchema,
  ...appSettings,
  /** Database apps: the template (e.g. postgres), its image tag (default: the template's), and extras. */
  template: templateIdSchema.optional(),
  version: dockerTagSchema.optional(),
  /** Database apps: publish the database port on the server's host (off: reachable only from its apps). */
  publishPort: z.boolean().default(false),
  /** Database apps: env values that replace the template's defaults (a generated secret is then not generated). */
  env: z.record(envKeySchema, envValueSchema).optional(),
  /** Database apps: a volume kept from a deleted database app of the same template, to re-attach. */
  attachVolume: volumeNameSchema.optional(),
  /** Compose apps: the compose file, relative to the root directory (default docker-compose.yml). */
  composeFile: composeFileSchema.optional(),
});

/** Which fields go with which app type. */
export function refineCreateApp(
  input: Omit<z.infer<typeof createAppFieldsSchema>, 'projectId'>,
  ctx: z.RefinementCtx,
): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const isDatabase = input.type === 'database';
  if (isDatabase && input.template === undefined) issue('template', 'a database app needs a template (e.g. postgres)');
  if (isDatabase && input.gitUrl !== null) issue('gitUrl', 'a database app runs its template image: no repository');
  if (!isDatabase) {
    for (const key of ['template', 'version', 'env', 'attachVolume'] as const) {
      if (input[key] !== undefined)
        issue(key, `only database apps take ${key === 'version' ? 'a version' : `a ${key}`}`);
    }
    if (input.publishPort) issue('publishPort', 'only database apps choose whether to publish their port');
  }
  if (input.type !== 'compose' && input.composeFile !== undefined)
    issue('composeFile', 'only compose apps take a compose file');
  if ((input.type === 'database' || input.type === 'compose') && input.healthCheckPath)
    issue('healthCheckPath', 'only web and service apps have an HTTP health check');
}

export const createAppInputSchema = createAppFieldsSchema.superRefine(refineCreateApp);
export type CreateAppInput = z.infer<typeof createAppInputSchema>;

export const updateAppInputSchema = z.object({
  id: idSchema,
  name: appNameSchema.optional(),
  description: appSettings.description.unwrap().optional(),
  port: portSchema.optional(),
  gitUrl: gitUrlSchema.nullable().optional(),
  branch: branchSchema.optional(),
  dockerfilePath: dockerfilePathSchema.optional(),
  rootDir: rootDirSchema.optional(),
  cpuLimit: cpuLimitSchema.nullable().optional(),
  memoryMb: memoryMbSchema.nullable().optional(),
  restartPolicy: restartPolicySchema.optional(),
  /** How much container output Docker keeps (applied by the next deploy). */
  logMaxSizeMb: logMaxSizeMbSchema.optional(),
  logMaxFiles: logMaxFilesSchema.optional(),
  /** Web and service apps: the path a new container must answer (null: none), and for how long to try. */
  healthCheckPath: healthCheckPathSchema.nullable().optional(),
  healthCheckTimeoutS: healthCheckTimeoutSchema.optional(),
  /** Database apps: another tag of the same major version (the data stays compatible). */
  version: dockerTagSchema.optional(),
  publishPort: z.boolean().optional(),
  /** Compose apps. */
  composeFile: composeFileSchema.optional(),
  publicService: composeServiceSchema.nullable().optional(),
  publicPort: portSchema.nullable().optional(),
  /** Apps with a repository: deploy new commits of the branch by themselves. */
  autoDeploy: z.boolean().optional(),
  watchIntervalS: watchIntervalSchema.optional(),
});
export type UpdateAppInput = z.infer<typeof updateAppInputSchema>;

export const appIdInputSchema = z.object({ appId: idSchema });
export const deleteAppInputSchema = z.object({
  appId: idSchema,
  /**
   * Also remove the data: a database app's volume (default: keep it, to re-attach to a new database
   * app), a compose app's named volumes (`down -v`).
   */
  removeVolume: z.boolean().default(false),
});
export const listAppsInputSchema = z.object({ projectId: idSchema.optional() });

export const envVarInputSchema = z.object({
  key: envKeySchema,
  value: envValueSchema,
  secret: z.boolean().default(false),
  scope: envScopeSchema.default('both'),
});
export const setEnvInputSchema = z.object({ appId: idSchema, vars: z.array(envVarInputSchema).min(1).max(500) });
export const importEnvInputSchema = z.object({
  appId: idSchema,
  dotenv: z.string().max(1_000_000),
  secret: z.boolean().default(false),
  scope: envScopeSchema.default('both'),
});
export const envKeyInputSchema = z.object({ appId: idSchema, key: envKeySchema });

/** A tag or a commit hash to deploy instead of the branch head (refused: anything git could read as an option or a range). */
export const gitRefSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/,
    'a tag or commit is letters, digits, . _ / and -, starting with a letter or digit',
  )
  .refine(
    (value) => !value.includes('..') && !value.endsWith('/') && !value.endsWith('.lock'),
    'not a valid tag or commit',
  );

export const deployInputSchema = z.object({
  appId: idSchema,
  trigger: z.enum(['manual', 'cli']).default('manual'),
  /** Deploy this tag or commit instead of the branch head. */
  ref: gitRefSchema.optional(),
});
export const deploymentIdInputSchema = z.object({ deploymentId: idSchema });
export const appControlInputSchema = z.object({ appId: idSchema, action: z.enum(['start', 'stop', 'restart']) });
/** Follow an app's container log; compose apps: every service (lines prefixed) or the one named. */
export const appLogsInputSchema = z.object({
  appId: idSchema,
  service: composeServiceSchema.optional(),
  tail: z.number().int().min(0).max(10_000).default(100),
  timestamps: z.boolean().default(false),
});
export const auditListInputSchema = z.object({
  appId: idSchema.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const setGitTokenInputSchema = z.object({
  appId: idSchema,
  /** null removes it. */
  token: z
    .string()
    .min(1, 'the token is empty')
    .max(4096)
    .refine((value) => !/\s/.test(value), 'a token has no spaces or line breaks')
    .nullable(),
});
