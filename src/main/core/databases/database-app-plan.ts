import type { TemplateDto, TemplateSecret } from '../../../shared/dto/template';
import { MistError } from '../../../shared/errors';
import {
  DEFAULT_HEALTH_CHECK_TIMEOUT_S,
  DEFAULT_LOG_RETENTION,
  DEFAULT_WATCH_INTERVAL_S,
  type CreateAppInput,
} from '../../../shared/schemas/app';
import type { AppSettings } from '../store/apps-repo';
import { fillTemplateEnv } from '../templates/template-env';
import { dataPathFor } from '../templates/template-data-path';

/** The volume a database app's data lives in, unless it re-attached a kept one. */
export function defaultVolumeName(appId: string): string {
  return `mist-${appId}-data`;
}

export interface DatabaseAppPlan {
  settings: AppSettings;
  /** The app's env: template defaults filled (secrets generated once), the user's values kept. */
  env: Array<{ key: string; value: string; secret: boolean }>;
  /** Names of the generated secrets (for the audit entry: names only). */
  generated: string[];
}

/** The major version of a tag (`16.4-alpine` → 16), or null for tags like `latest`. */
export function majorOf(tag: string): number | null {
  const match = /^v?(\d+)/.exec(tag);
  return match ? Number(match[1]) : null;
}

/** A tag the template lists; anything else is refused with the list (the data path depends on it). */
export function assertKnownTag(template: TemplateDto, tag: string): void {
  if (!template.tags.includes(tag)) {
    throw new MistError(
      'invalid-input',
      `${template.name} has no version "${tag}" in its template. Pick one of: ${template.tags.join(', ')}.`,
      { field: 'version' },
    );
  }
  dataPathFor(template, tag);
}

/**
 * A tag change on an existing volume: only within the same major version. A major upgrade of most
 * databases needs a data migration (pg_upgrade, mysql_upgrade, a dump and restore) that a container
 * swap does not do, and starting the new major on old data can refuse to start or damage it.
 */
export function assertSameMajor(template: TemplateDto, from: string, to: string): void {
  const [a, b] = [majorOf(from), majorOf(to)];
  if (a === null || b === null || a !== b) {
    throw new MistError(
      'invalid-input',
      `Changing ${template.name} from ${from} to ${to} changes the major version, which needs a data migration ` +
        `(for example a dump and restore) that a redeploy does not do. Pick a ${from} tag within major ${a ?? from}, ` +
        'or create a new database app and move the data.',
      { field: 'version' },
    );
  }
}

/**
 * What a new database app is made of, from the user's input and the template. Pure: `generate` makes
 * the secrets. The port is the template's (the image listens there); CPU and memory default from the
 * template's recommendation; a database app has no repository.
 */
export function planDatabaseApp(
  input: Pick<
    CreateAppInput,
    | 'description'
    | 'cpuLimit'
    | 'memoryMb'
    | 'restartPolicy'
    | 'logMaxSizeMb'
    | 'logMaxFiles'
    | 'version'
    | 'publishPort'
    | 'env'
  >,
  template: TemplateDto,
  generate: (secret: TemplateSecret) => string,
): DatabaseAppPlan {
  const tag = input.version ?? template.defaultTag;
  assertKnownTag(template, tag);
  const filled = fillTemplateEnv(template, input.env ?? {}, generate);
  const secretKeys = new Set(filled.secretKeys);
  return {
    settings: {
      name: '',
      description: input.description || template.description.slice(0, 500),
      port: template.port,
      gitUrl: null,
      branch: 'main',
      dockerfilePath: './Dockerfile',
      rootDir: '',
      cpuLimit: input.cpuLimit ?? template.recommended.cpu,
      memoryMb: input.memoryMb ?? template.recommended.memoryMb,
      restartPolicy: input.restartPolicy,
      logMaxSizeMb: input.logMaxSizeMb ?? DEFAULT_LOG_RETENTION.maxSizeMb,
      logMaxFiles: input.logMaxFiles ?? DEFAULT_LOG_RETENTION.maxFiles,
      // its template's health command checks it instead
      healthCheckPath: null,
      healthCheckTimeoutS: DEFAULT_HEALTH_CHECK_TIMEOUT_S,
      templateTag: tag,
      publishPort: input.publishPort,
      composeFile: null,
      publicService: null,
      publicPort: null,
      autoDeploy: false,
      watchIntervalS: DEFAULT_WATCH_INTERVAL_S,
    },
    env: Object.entries(filled.env).map(([key, value]) => ({ key, value, secret: secretKeys.has(key) })),
    generated: filled.generated,
  };
}
