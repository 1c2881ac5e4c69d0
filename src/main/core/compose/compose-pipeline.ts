import { repoRelativePath } from '../../../shared/app-rules';
import { MistError } from '../../../shared/errors';
import { TRAEFIK_NETWORK } from '../../../shared/traefik-labels';
import { ensureNetwork } from '../deploy/container-replace';
import { checkoutForDeploy, streamedExec, type PipelineContext, type PipelineResult } from '../deploy/deploy-pipeline';
import { execChecked } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';
import { MISSING_FILE_EXIT, composeErrorLines, detectCompose, notExported, runCompose } from './compose-cli';
import { composeOverride, composeProject, overridePath } from './compose-override';
import { listComposeServices, summarizeServices } from './compose-status';

/**
 * Compose apps: fetch the repository on the server as the image pipeline does, then
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
  const override = await writeOverride(ctx, dir);
  const skipped = notExported(ctx.runtimeEnv);
  if (skipped.length)
    ctx.log('system', `Not passed to compose (they would change how compose runs): ${skipped.join(', ')}.`);
  ctx.log('system', `Running ${cli === 'v2' ? 'docker compose' : 'docker-compose'} up for ${app.compose.file}…`);

  const result = await runCompose(
    ctx.conn,
    {
      cli,
      dir: files.projectDir,
      args: [
        '-p',
        composeProject(app.id),
        '-f',
        files.file,
        ...(override ? ['-f', override] : []),
        'up',
        '-d',
        '--build',
        '--remove-orphans',
      ],
      env: ctx.runtimeEnv,
      buildKit,
      requireFile: files.file,
    },
    streamedExec(ctx, ctx.buildTimeoutMs),
  );
  if (result.exitCode === MISSING_FILE_EXIT) {
    throw new MistError(
      'invalid-input',
      `${files.relative} not found in ${app.gitCloneUrl} at ${commit.hash.slice(0, 12)}; set the compose file path.`,
    );
  }
  if (result.exitCode !== 0) {
    const service = app.compose.publicService;
    const missing = /[Ss]ervice "?([\w.-]+)"? has neither an image nor a build context/.exec(result.stderr)?.[1];
    if (service && missing === service) {
      throw new MistError('invalid-input', `The public service "${service}" is not in ${files.relative}.`);
    }
    throw new MistError(
      'command-failed',
      `compose up failed (exit ${result.exitCode ?? result.signal}): ${composeErrorLines(result.stderr || result.stdout)}`,
    );
  }
  const summary = summarizeServices(await listComposeServices(ctx.docker, app.id));
  ctx.log(
    'system',
    `Services: ${summary.summary} (${summary.services.map((s) => `${s.service} ${s.state}`).join(', ')}).`,
  );
  return { containerId: null, commit, image: null, pruneRepository: null };
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
 * Writes the override when a service is public (after making sure traefik-net exists, since the
 * override names it as external), else removes a stale one. Returns its path, or null.
 */
async function writeOverride(ctx: PipelineContext, checkout: string): Promise<string | null> {
  const { app } = ctx;
  const path = overridePath(checkout);
  const service = app.compose?.publicService ?? null;
  if (!service) {
    await removeRemoteFile(ctx.conn, path);
    return null;
  }
  const port = app.compose?.publicPort;
  if (!port) throw new MistError('invalid-input', `Set the port the public service "${service}" listens on.`);
  await ensureNetwork(ctx.docker, (line) => ctx.log('system', line));
  const content = composeOverride({ appId: app.id, publicService: service, publicPort: port, domains: ctx.domains });
  await execChecked(ctx.conn, ['sh', '-c', 'cat > "$1"', 'sh', path], { stdin: content, signal: ctx.signal });
  ctx.log(
    'system',
    ctx.domains.length
      ? `Service ${service} (port ${port}) is public at ${ctx.domains.join(', ')}.`
      : `Service ${service} joins ${TRAEFIK_NETWORK}; it has no domain yet.`,
  );
  return path;
}

export async function removeRemoteFile(conn: ServerConnection, path: string): Promise<void> {
  await execChecked(conn, ['rm', '-f', '--', path]);
}
