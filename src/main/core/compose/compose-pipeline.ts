import { repoRelativePath } from '../../../shared/app-rules';
import { MistError } from '../../../shared/errors';
import { TRAEFIK_NETWORK } from '../../../shared/traefik-labels';
import { ensureNetwork } from '../deploy/container-replace';
import { checkoutForDeploy, streamedExec, type PipelineContext, type PipelineResult } from '../deploy/deploy-pipeline';
import { execChecked, type ExecOptions, type ExecResult } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';
import { MISSING_FILE_EXIT, composeErrorLines, detectCompose, notExported, runCompose } from './compose-cli';
import { resolvedServices, type ResolvedService } from './compose-config';
import { imageIdsOf, removeReplacedImages } from './compose-images';
import { composeOverride, composeProject, overridePath } from './compose-override';
import { listComposeContainers, servicesOf, summarizeServices } from './compose-status';

/** `compose config` only reads files (v1 is a Python program: about a second to start on a slow server). */
const CONFIG_TIMEOUT_MS = 60_000;

/**
 * Compose apps: fetch the repository on the server as the image pipeline does, then
 * `compose -p mist-{appId} -f FILE config` to learn its services, then
 * `compose -p mist-{appId} -f FILE [-f OVERRIDE] up -d --build --remove-orphans` in the root
 * directory, with the app's variables exported to compose alone (see runCompose).
 */
export async function runComposePipeline(ctx: PipelineContext): Promise<PipelineResult> {
  const { app } = ctx;
  if (!app.compose) throw new MistError('invalid-input', `${app.name} is not a compose app.`);
  const { dir, commit } = await checkoutForDeploy(ctx);
  ctx.recordCommit(commit, null);

  ctx.enterStage('deploy');
  const [cli, buildKit] = await Promise.all([detectCompose(ctx.conn), ctx.buildKit()]);
  const files = composeFiles(dir, app.rootDir, app.compose.file);
  const compose = (args: string[], options: ExecOptions) =>
    runCompose(
      ctx.conn,
      {
        cli,
        dir: files.projectDir,
        args: ['-p', composeProject(app.id), '-f', files.file, ...args],
        env: ctx.runtimeEnv,
        buildKit,
        requireFile: files.file,
      },
      options,
    );
  const skipped = notExported(ctx.runtimeEnv);
  if (skipped.length)
    ctx.log('system', `Not passed to compose (they would change how compose runs): ${skipped.join(', ')}.`);

  const services = await readServices(ctx, compose, files.relative, commit.hash);
  const override = await writeOverride(ctx, dir, services, files.relative);
  const imagesBefore = imageIdsOf(await listComposeContainers(ctx.docker, app.id));
  ctx.log('system', `Running ${cli === 'v2' ? 'docker compose' : 'docker-compose'} up for ${app.compose.file}…`);
  const result = await compose(
    [...(override ? ['-f', override] : []), 'up', '-d', '--build', '--remove-orphans'],
    streamedExec(ctx, ctx.buildTimeoutMs),
  );
  if (result.exitCode === MISSING_FILE_EXIT) throw missingFile(ctx, files.relative, commit.hash);
  if (result.exitCode !== 0) {
    throw new MistError(
      'command-failed',
      `compose up failed (exit ${result.exitCode ?? result.signal}): ${composeErrorLines(result.stderr || result.stdout)}`,
    );
  }
  // one listing after `up` serves both the images to remove and the summary
  const containers = await listComposeContainers(ctx.docker, app.id);
  const removed = await removeReplacedImages(ctx.docker, imagesBefore, imageIdsOf(containers)).catch(() => []);
  if (removed.length) {
    const ids = removed.map((id) => id.replace(/^sha256:/, '').slice(0, 12)).join(', ');
    ctx.log('system', `Removed ${removed.length === 1 ? 'the image' : 'the images'} the rebuild replaced: ${ids}.`);
  }
  const summary = summarizeServices(servicesOf(containers));
  ctx.log(
    'system',
    `Services: ${summary.summary} (${summary.services.map((s) => `${s.service} ${s.state}`).join(', ')}).`,
  );
  return { containerId: null, commit, image: null, pruneRepository: null };
}

function missingFile(ctx: PipelineContext, relative: string, commit: string): MistError {
  return new MistError(
    'invalid-input',
    `${relative} not found in ${ctx.app.gitCloneUrl} at ${commit.slice(0, 12)}; set the compose file path.`,
  );
}

/**
 * The services of the user's compose file as compose resolves it (`compose config`), before anything
 * is built: a file compose cannot read fails the deploy here with compose's own error. The output
 * holds the app's variables interpolated, secrets included, so it is parsed and never logged.
 */
async function readServices(
  ctx: PipelineContext,
  compose: (args: string[], options: ExecOptions) => Promise<ExecResult>,
  relative: string,
  commit: string,
): Promise<ResolvedService[]> {
  const result = await compose(['config'], { signal: ctx.signal, timeoutMs: CONFIG_TIMEOUT_MS });
  if (result.exitCode === MISSING_FILE_EXIT) throw missingFile(ctx, relative, commit);
  if (result.exitCode !== 0) {
    throw new MistError(
      'invalid-input',
      `compose cannot read ${relative} (exit ${result.exitCode ?? result.signal}): ${composeErrorLines(result.stderr)}`,
    );
  }
  const services = resolvedServices(result.stdout);
  if (!services) throw new MistError('command-failed', `compose config printed no services for ${relative}.`);
  return services;
}

/** The compose file's path on the server, the directory compose runs in, and the path as the user gave it. */
export function composeFiles(
  checkout: string,
  rootDir: string,
  file: string,
): { projectDir: string; file: string; relative: string } {
  const root = repoRelativePath(rootDir) ?? '';
  const relative = [root, repoRelativePath(file) ?? file].filter((part) => part !== '').join('/');
  return { projectDir: root ? `${checkout}/${root}` : checkout, file: `${checkout}/${relative}`, relative };
}

/**
 * Writes the override (the public service's Traefik labels and network, the app's log retention for
 * services that set no logging of their own), or removes a stale one when there is nothing to add.
 * Makes sure traefik-net exists first when a service is public, since the override names it as
 * external. Returns its path, or null.
 */
async function writeOverride(
  ctx: PipelineContext,
  checkout: string,
  services: readonly ResolvedService[],
  relative: string,
): Promise<string | null> {
  const { app } = ctx;
  const path = overridePath(checkout);
  const name = app.compose?.publicService ?? null;
  const port = app.compose?.publicPort ?? null;
  if (name && !services.some((service) => service.name === name)) {
    throw new MistError('invalid-input', `The public service "${name}" is not in ${relative}.`);
  }
  if (name && !port) throw new MistError('invalid-input', `Set the port the public service "${name}" listens on.`);
  const unlogged = services.filter((service) => !service.ownLogging).map((service) => service.name);
  const content = composeOverride({
    appId: app.id,
    publicService: name && port ? { name, port, domains: ctx.domains } : null,
    unlogged,
    retention: app.logRetention,
  });
  if (!content) {
    await removeRemoteFile(ctx.conn, path);
    return null;
  }
  if (name) await ensureNetwork(ctx.docker, (line) => ctx.log('system', line));
  await execChecked(ctx.conn, ['sh', '-c', 'cat > "$1"', 'sh', path], { stdin: content, signal: ctx.signal });
  if (name) {
    ctx.log(
      'system',
      ctx.domains.length
        ? `Service ${name} (port ${port}) is public at ${ctx.domains.join(', ')}.`
        : `Service ${name} joins ${TRAEFIK_NETWORK}; it has no domain yet.`,
    );
  }
  if (unlogged.length) {
    const { maxSizeMb, maxFiles } = app.logRetention;
    ctx.log('system', `Logs of ${unlogged.join(', ')} rotate at ${maxSizeMb} MB, ${maxFiles} files kept.`);
  }
  return path;
}

export async function removeRemoteFile(conn: ServerConnection, path: string): Promise<void> {
  await execChecked(conn, ['rm', '-f', '--', path]);
}
