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
export const appTypeSchema = z.enum(['web', 'service']);
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
};

export const createAppInputSchema = z.object({
  projectId: idSchema,
  name: appNameSchema,
  type: appTypeSchema,
  ...appSettings,
});
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
});
export type UpdateAppInput = z.infer<typeof updateAppInputSchema>;

export const appIdInputSchema = z.object({ appId: idSchema });
export const deleteAppInputSchema = z.object({ appId: idSchema });
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

export const deployInputSchema = z.object({
  appId: idSchema,
  trigger: z.enum(['manual', 'cli']).default('manual'),
});
export const deploymentIdInputSchema = z.object({ deploymentId: idSchema });
export const appControlInputSchema = z.object({ appId: idSchema, action: z.enum(['start', 'stop', 'restart']) });
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
