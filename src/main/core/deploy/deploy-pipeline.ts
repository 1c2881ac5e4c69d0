import type Dockerode from 'dockerode';
import type { AppDto, DeployStage, LogLineDto } from '../../../shared/dto/app';
import type { TemplateDto } from '../../../shared/dto/template';
import { MistError } from '../../../shared/errors';
import type { ExecOptions } from '../ssh/remote-exec';
import type { ServerConnection } from '../ssh/server-connection';
import { traefikLabels } from '../../../shared/traefik-labels';
import { containerName, replaceContainer, type ContainerSpec } from './container-replace';
import { healthCheckFor } from './health-check';
import type { GitAccess } from './git-access';
import { LineSplitter } from './line-splitter';
import { startBuild } from './remote-build';
import type { RollbackTarget } from './rollback-pipeline';
import { COMMIT_MARKER, RESOLVED_MARKER, checkoutBranchHead, checkoutDir, type CommitInfo } from './remote-git';

/** The app as a deploy needs it. */
export interface DeployableApp extends AppDto {
  projectName: string;
  configVersion: number;
  /** The URL git clones (owner/repo already expanded), or null when no repository is set. */
  gitCloneUrl: string | null;
}

export interface PipelineContext {
  app: DeployableApp;
  deploymentId: string;
  conn: ServerConnection;
  docker: Dockerode;
  serverUser: string;
  /** The app's domains (punycode): Traefik labels, and no host port when there are any. */
  domains: string[];
  /** Whether the server builds with BuildKit (asked once per server and remembered). */
  buildKit(): Promise<boolean>;
  /** Access token for a private https repository (handed to git on stdin), or null. */
  gitToken: string | null;
  /** A tag or commit to deploy instead of the branch head (null: the head). */
  ref: string | null;
  /** A rollback: the earlier deployment whose image runs again, without a build (null: a deploy). */
  rollbackTo: RollbackTarget | null;
  /** Where git runs for this app: the pooled connection, or one of its own for a deploy key (release it after). */
  gitAccess(): Promise<GitAccess>;
  buildArgs: Array<{ key: string; value: string }>;
  runtimeEnv: Array<{ key: string; value: string }>;
  signal: AbortSignal;
  buildTimeoutMs: number;
  /** Every line goes through here: redacted, stored, streamed. */
  log(stream: LogLineDto['stream'], text: string): void;
  enterStage(stage: Exclude<DeployStage, 'queued'>): void;
  /** `image` null: compose apps (their services' images are compose's business). */
  recordCommit(commit: CommitInfo, image: string | null): void;
  /** Database apps: their template (resolved by the deploy service). */
  template: TemplateDto | null;
  /** Database apps: the image it runs (`postgres:17`), recorded as the deployment's image. */
  recordImage(image: string): void;
}

/** What a deploy leaves running. `image` is what a redeploy without a build (rollback) would reuse. */
export interface PipelineResult {
  /** The app's container; null for compose apps (their services have their own containers). */
  containerId: string | null;
  commit: CommitInfo | null;
  image: string | null;
  /** Prune older images of this repository after success (images this app built). */
  pruneRepository: string | null;
}

const GIT_TIMEOUT_MS = 10 * 60_000;

/** Docker image names: lowercase, and our names are already [a-z0-9-]. */
export function imageRepository(app: Pick<DeployableApp, 'projectName' | 'name'>): string {
  return `mist/${app.projectName}-${app.name}`;
}

export function imageTag(app: Pick<DeployableApp, 'projectName' | 'name'>, commit: string): string {
  return `${imageRepository(app)}:${commit}`;
}

/** The log and abort wiring of one remote command: stdout/stderr split into lines, control lines first. */
export function streamedExec(
  ctx: PipelineContext,
  timeoutMs: number,
  onControl: (line: string) => boolean = () => false,
): ExecOptions {
  const out = new LineSplitter((line) => onControl(line) || ctx.log('stdout', line));
  const err = new LineSplitter((line) => ctx.log('stderr', line));
  return {
    signal: ctx.signal,
    timeoutMs,
    onStdout: (chunk) => out.push(chunk),
    onStderr: (chunk) => err.push(chunk),
  };
}

/**
 * Resolves the branch head and checks it out in the app's one checkout on the server (clone the
 * first time, fetch afterwards), moving the stage from resolve to fetch as the remote script reports.
 */
export async function checkoutForDeploy(ctx: PipelineContext): Promise<{ dir: string; commit: CommitInfo }> {
  const { app } = ctx;
  if (!app.gitCloneUrl) throw new MistError('invalid-input', `${app.name} has no git repository to deploy from.`);
  ctx.enterStage('resolve');
  ctx.log(
    'system',
    ctx.ref ? `Resolving ${ctx.ref} in ${app.gitCloneUrl}…` : `Resolving ${app.branch} in ${app.gitCloneUrl}…`,
  );
  const dir = checkoutDir(app.projectId, app.name);
  // One remote script resolves, then fetches: its control lines move the stage along.
  const onControl = (line: string): boolean => {
    if (line.startsWith(RESOLVED_MARKER)) {
      ctx.log('system', `${ctx.ref ?? app.branch} is at ${line.slice(RESOLVED_MARKER.length)}.`);
      ctx.enterStage('fetch');
      return true;
    }
    return line.startsWith(COMMIT_MARKER);
  };
  const git = await ctx.gitAccess();
  if (git.deployKeyFingerprint) ctx.log('system', `git uses the app's deploy key ${git.deployKeyFingerprint}.`);
  const commit = await checkoutBranchHead(
    git.conn,
    {
      dir,
      url: app.gitCloneUrl,
      branch: app.branch,
      ref: ctx.ref,
      user: ctx.serverUser,
      token: ctx.gitToken,
      deployKey: git.deployKeyFingerprint,
    },
    { ...streamedExec(ctx, GIT_TIMEOUT_MS, onControl), forwardAgent: git.forwardAgent },
  ).finally(() => git.release());
  ctx.log('system', `Checked out ${commit.hash.slice(0, 12)} "${commit.message}" by ${commit.author}.`);
  return { dir, commit };
}

/**
 * Web and service apps: resolve → fetch → build → deploy, each streamed to the log. Throws a
 * MistError at the first failure; the previous container keeps serving unless the new one is up.
 */
export async function runImagePipeline(ctx: PipelineContext): Promise<PipelineResult> {
  const { app } = ctx;
  // The build's remote script starts now and waits for the commit: its channel opens during the checkout.
  const build = ctx.buildKit().then((buildKit) => {
    const contextDir = `${checkoutDir(app.projectId, app.name)}/${app.rootDir}`.replace(/\/+$/, '');
    return startBuild(
      ctx.conn,
      // Labels on the image are free with BuildKit; the classic builder turns each into a build step
      // that reruns after every changed layer (~100 ms each), so there the image is identified by its
      // tag alone. The container always carries every identity label.
      {
        contextDir,
        dockerfile: `${contextDir}/${app.dockerfilePath}`,
        repository: imageRepository(app),
        labels: buildKit ? identityLabels(app, ctx.deploymentId, null) : {},
        labelCommit: buildKit,
        buildArgs: ctx.buildArgs,
        buildKit,
      },
      streamedExec(ctx, ctx.buildTimeoutMs),
    );
  });
  build.catch(() => {}); // observed below
  let commit: CommitInfo;
  try {
    ({ commit } = await checkoutForDeploy(ctx));
  } catch (error) {
    await build.then((pending) => pending.abandon()).catch(() => undefined);
    throw error;
  }
  const image = imageTag(app, commit.hash);
  ctx.recordCommit(commit, image);

  ctx.enterStage('build');
  ctx.log(
    'system',
    `Building ${image} with ${app.dockerfilePath}${ctx.buildArgs.length ? ` and ${ctx.buildArgs.length} build argument(s)` : ''}…`,
  );
  await (await build).run(commit.hash);

  ctx.enterStage('deploy');
  const containerId = await runImage(ctx, commit.hash, image);
  return { containerId, commit, image, pruneRepository: image.slice(0, image.lastIndexOf(':')) };
}

/**
 * Replaces the app's container with one of `image` (built from `commit`) and the deployment's
 * variables and domains, checked as the app says (health-check.ts). A deploy and a rollback end here.
 */
export async function runImage(ctx: PipelineContext, commit: string, image: string): Promise<string> {
  if (ctx.signal.aborted) throw new MistError('cancelled', 'The deployment was cancelled.');
  const { containerId } = await replaceContainer(
    ctx.docker,
    containerSpecFor(ctx.app, {
      deploymentId: ctx.deploymentId,
      commit,
      image,
      env: ctx.runtimeEnv,
      domains: ctx.domains,
    }),
    (line) => ctx.log('system', line),
    healthCheckFor(ctx),
  );
  return containerId;
}

/**
 * The container an app runs as: identity labels, Traefik labels for its domains, and its host port
 * published only when it is a web app without domains (with domains Traefik reaches it on the network).
 */
export function containerSpecFor(
  app: DeployableApp,
  run: {
    deploymentId: string;
    commit: string;
    image: string;
    env: Array<{ key: string; value: string }>;
    domains: string[];
  },
): ContainerSpec {
  return {
    appId: app.id,
    candidateName: `${containerName(app.id)}-next`,
    image: run.image,
    port: app.port,
    publishPort: app.type === 'web' && run.domains.length === 0,
    env: run.env,
    labels: {
      ...identityLabels(app, run.deploymentId, run.commit),
      ...(app.type === 'web'
        ? traefikLabels({ appId: app.id, domains: run.domains, port: app.port, healthCheckPath: app.healthCheck.path })
        : {}),
    },
    restartPolicy: app.restartPolicy,
    cpuLimit: app.cpuLimit,
    memoryMb: app.memoryMb,
    logRetention: app.logRetention,
  };
}

/** Who a container belongs to, kept on the server so any desktop can reconcile. */
export function identityLabels(
  app: Pick<DeployableApp, 'id' | 'projectId'>,
  deploymentId: string,
  commit: string | null,
): Record<string, string> {
  return {
    'mist.managed': 'true',
    'mist.app': app.id,
    'mist.project': app.projectId,
    'mist.deployment': deploymentId,
    ...(commit ? { 'mist.commit': commit } : {}),
  };
}
