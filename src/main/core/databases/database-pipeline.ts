import { DEFAULT_LOG_RETENTION } from '../../../shared/schemas/app';
import type { TemplateDto } from '../../../shared/dto/template';
import { MistError } from '../../../shared/errors';
import { containerName, replaceContainer, type ContainerSpec } from '../deploy/container-replace';
import {
  identityLabels,
  type DeployableApp,
  type PipelineContext,
  type PipelineResult,
} from '../deploy/deploy-pipeline';
import { dataPathFor } from '../templates/template-data-path';
import { fillTemplateEnv } from '../templates/template-env';
import { renderArgs } from '../templates/template-placeholders';
import { ensureVolume, volumeLabels } from './data-volumes';
import { pullOrUseLocal } from './image-pull';
import { waitUntilHealthy } from './readiness';

/** How long a new database may take to accept connections before the deploy rolls back. */
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 500;

/**
 * Database apps: resolve (template, tag, data path) → pull (or use the server's copy) → deploy: the
 * data volume is created when missing, the old container stops BEFORE the new one starts (two servers
 * must never open the same files), and the old one is removed only once the new one answers its
 * health command; otherwise the old one is started again.
 */
export async function runDatabasePipeline(ctx: PipelineContext): Promise<PipelineResult> {
  const { app, template } = ctx;
  if (!app.database) throw new MistError('internal', `${app.name} is not a database app.`);
  if (!template) throw new MistError('not-found', `The template ${app.database.templateId} of ${app.name} is missing.`);

  ctx.enterStage('resolve');
  const image = `${template.image}:${app.database.tag}`;
  const dataPath = dataPathFor(template, app.database.tag);
  ctx.recordImage(image);
  ctx.log(
    'system',
    `${template.name} ${app.database.tag}: ${image}, data in the volume ${app.database.volumeName} at ${dataPath}.`,
  );

  ctx.enterStage('pull');
  const docker = ctx.docker;
  await pullOrUseLocal(docker, image, (line) => ctx.log('system', line), ctx.signal);

  ctx.enterStage('deploy');
  if (ctx.signal.aborted) throw new MistError('cancelled', 'The deployment was cancelled.');
  if (await ensureVolume(docker, app.database.volumeName, volumeLabels(app, template.id))) {
    ctx.log('system', `Created the data volume ${app.database.volumeName}.`);
  }
  const values = placeholderValues(template, ctx.runtimeEnv);
  const spec = databaseContainerSpec(app, template, {
    deploymentId: ctx.deploymentId,
    image,
    env: ctx.runtimeEnv,
    values,
  });
  const { containerId } = await replaceContainer(
    docker,
    spec,
    (line) => ctx.log('system', line),
    (container, log) =>
      waitUntilHealthy(
        container,
        renderArgs(template.healthCommand, values),
        { timeoutMs: READY_TIMEOUT_MS, intervalMs: READY_POLL_MS, signal: ctx.signal },
        log,
      ),
  );
  return { containerId, commit: null, image, pruneRepository: null };
}

/**
 * The template's placeholder values as the app's env holds them now: the password the user may have
 * changed is the one the command line and the health check use. A secret with no env value left is
 * an error, never a freshly generated one (that would lock the app out of its own data).
 */
export function placeholderValues(
  template: TemplateDto,
  env: ReadonlyArray<{ key: string; value: string }>,
): Record<string, string> {
  const byKey = Object.fromEntries(env.map((v) => [v.key, v.value]));
  return fillTemplateEnv(template, byKey, (secret) => {
    const keys = Object.entries(template.env)
      .filter(([, pattern]) => pattern.includes(`{{${secret.name}}}`))
      .map(([key]) => key);
    throw new MistError(
      'invalid-input',
      `The app has no value for the template's ${secret.name}${keys.length ? `: set ${keys.join(' or ')}` : ''}.`,
    );
  }).values;
}

/** The database container: template image and command, data volume, health check, no Traefik. */
export function databaseContainerSpec(
  app: DeployableApp,
  template: TemplateDto,
  run: {
    deploymentId: string;
    image: string;
    env: Array<{ key: string; value: string }>;
    values: Record<string, string>;
  },
): ContainerSpec {
  const database = app.database!;
  return {
    appId: app.id,
    candidateName: `${containerName(app.id)}-next`,
    image: run.image,
    port: app.port,
    publishPort: database.publishPort,
    exclusive: true,
    env: run.env,
    labels: { ...identityLabels(app, run.deploymentId, null), 'mist.template': template.id },
    restartPolicy: app.restartPolicy,
    cpuLimit: app.cpuLimit,
    memoryMb: app.memoryMb,
    logRetention: app.logRetention ?? DEFAULT_LOG_RETENTION,
    ...(template.command ? { cmd: renderArgs(template.command, run.values) } : {}),
    volumes: [{ name: database.volumeName, target: dataPathFor(template, database.tag) }],
    healthcheck: {
      test: renderArgs(template.healthCommand, run.values),
      intervalS: 30,
      timeoutS: 10,
      retries: 3,
      startPeriodS: 60,
    },
  };
}
