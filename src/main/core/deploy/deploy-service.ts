import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type Dockerode from 'dockerode';
import type {
  DeployStage,
  DeploymentDto,
  DeploymentEventDto,
  DeploymentTrigger,
  LogLineDto,
  StageTimingDto,
} from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import { newId } from '../ids';
import type { ConnectionPool } from '../ssh/connection-pool';
import { toDeploymentDto, type DeploymentsRepo } from '../store/deployments-repo';
import type { ServersRepo } from '../store/servers-repo';
import { containerName, replaceContainer } from './container-replace';
import { DeployQueue } from './deploy-queue';
import type { TemplateCatalogDto } from '../../../shared/dto/template';
import { findTemplate } from '../templates/template-lookup';
import { containerSpecFor, type DeployableApp } from './deploy-pipeline';
import { runPipeline } from './run-pipeline';
import { createRedactor } from './redactor';
import type { GitAccessFor } from './git-access';
import type { CommitInfo } from './remote-git';
import { detectBuildKit } from './remote-build';
import { pruneAppImages } from './image-pruning';
import type { RollbackTarget } from './rollback-pipeline';

export interface DeployDeps {
  deployments: DeploymentsRepo;
  servers: ServersRepo;
  pool: ConnectionPool;
  apps: { record(appId: string): DeployableApp };
  env: {
    resolved(
      appId: string,
      scope: 'build' | 'runtime',
    ): Promise<Array<{ key: string; value: string; secret: boolean }>>;
  };
  audit: {
    record(entry: {
      action: string;
      targetType: 'app';
      targetId: string;
      appId: string;
      summary: string;
      after?: unknown;
    }): void;
  };
  /** The app's domains (punycode), for its Traefik labels. */
  domains: { hosts(appId: string): string[] };
  /** The app's git access token (private https repositories), from the keychain; null when none. */
  gitToken?: (appId: string) => Promise<string | null>;
  /** Where git runs for an app (see git-access.ts). */
  gitAccess: GitAccessFor;
  /** Runs once the new container serves, before success is reported (e.g. the certificate check). */
  afterDeploy?: (app: DeployableApp, log: (line: string) => void) => Promise<void>;
  /** The database templates (database apps deploy their template's image). */
  templates?: () => TemplateCatalogDto;
  perServerLimit?: number;
  buildTimeoutMs?: number;
}

const DEFAULT_BUILD_TIMEOUT_MS = 30 * 60_000;

/** What a queued deployment does: a deploy (of `ref`, or the branch head), or a rollback. */
interface DeployRequest {
  ref: string | null;
  rollbackTo: RollbackTarget | null;
}

/**
 * Starts, queues, cancels and records deployments. Emits `event` (DeploymentEventDto) for every status
 * change and log line, so the UI and the CLI stream the same thing that is stored.
 */
export class DeployService extends EventEmitter {
  private readonly queue: DeployQueue;
  private readonly running = new Map<string, AbortController>();
  private reconciling: Promise<number> = Promise.resolve(0);
  private readonly buildKitByServer = new Map<string, Promise<boolean>>();

  constructor(private readonly deps: DeployDeps) {
    super();
    this.setMaxListeners(100);
    this.queue = new DeployQueue(deps.perServerLimit ?? 2);
  }

  start(appId: string, trigger: DeploymentTrigger, options: { ref?: string } = {}): DeploymentDto {
    const app = this.deps.apps.record(appId);
    if (!app.gitCloneUrl && app.type !== 'database')
      throw new MistError('invalid-input', `${app.name} has no git repository; set one before deploying.`);
    if (options.ref && app.type === 'database')
      throw new MistError(
        'invalid-input',
        `${app.name} is a database app: it deploys its template's image, not a commit.`,
      );
    return this.enqueue(app, trigger, { ref: options.ref ?? null, rollbackTo: null });
  }

  /**
   * A rollback (trigger `rollback`): the image an earlier deployment built runs again with the app's
   * current settings, without a build. For web and service apps, to a deployment that succeeded
   * and is not the one running.
   */
  rollback(deploymentId: string): DeploymentDto {
    const target = this.require(deploymentId);
    const app = this.deps.apps.record(target.appId);
    if (app.type !== 'web' && app.type !== 'service') {
      throw new MistError(
        'invalid-input',
        app.type === 'database'
          ? `${app.name} is a database app: an older image could not read newer data. Choose its version in its settings instead.`
          : `${app.name} is a compose app: compose builds its services. Deploy the commit to go back to instead.`,
      );
    }
    if (target.status !== 'success' || !target.image || !target.commitHash) {
      throw new MistError(
        'invalid-input',
        `Deployment #${target.number} did not succeed (${target.status}): there is no image of it to roll back to.`,
      );
    }
    if (target.active) {
      throw new MistError('invalid-input', `Deployment #${target.number} is the one running now.`);
    }
    const commit = { hash: target.commitHash, message: target.commitMessage ?? '', author: target.commitAuthor ?? '' };
    return this.enqueue(
      app,
      'rollback',
      { ref: null, rollbackTo: { number: target.number, image: target.image, commit } },
      target.number,
    );
  }

  /** Records a pending deployment and queues it behind the app's (and the server's) other deploys. */
  private enqueue(
    app: DeployableApp,
    trigger: DeploymentTrigger,
    request: DeployRequest,
    rollbackOf?: number,
  ): DeploymentDto {
    const deployment = this.deps.deployments.create({
      id: newId(),
      appId: app.id,
      trigger,
      configVersion: app.configVersion,
      runner: THIS_RUNNER,
      ...(rollbackOf !== undefined ? { rollbackOf } : {}),
    });
    const controller = new AbortController();
    this.running.set(deployment.id, controller);
    this.queue.enqueue({
      deploymentId: deployment.id,
      appId: app.id,
      serverId: app.serverId,
      run: () => this.execute(deployment.id, controller, request),
    });
    const blockedBy = this.queue.blockedBy(deployment.id);
    const waitingFor = blockedBy ? this.deps.deployments.get(blockedBy) : null;
    this.publishStatus(deployment.id, waitingFor ? `Waiting for deployment #${waitingFor.number} to finish.` : null);
    return toDeploymentDto(this.deps.deployments.get(deployment.id)!);
  }

  cancel(deploymentId: string): DeploymentDto {
    const deployment = this.require(deploymentId);
    if (this.queue.remove(deploymentId)) {
      this.finish(deploymentId, 'cancelled', 'Cancelled before it started.');
    } else {
      this.running.get(deploymentId)?.abort();
    }
    return toDeploymentDto(this.deps.deployments.get(deployment.id)!);
  }

  /**
   * Recreates the running container from the same image with the current domains (Traefik labels,
   * host port) — no build. Waits its turn behind a deploy of the same app. Audited.
   */
  applyDomains(appId: string): Promise<void> {
    const app = this.deps.apps.record(appId);
    // a compose app's routes live in its generated override file: a deploy writes it anew
    if (app.type === 'compose') return this.deployAndWait(appId);
    const active = this.deps.deployments.active(appId);
    if (!active?.image || !active.commitHash) {
      throw new MistError(
        'invalid-input',
        `${app.name} has not been deployed yet: its domains apply with the first deploy.`,
      );
    }
    const domains = this.deps.domains.hosts(appId);
    return new Promise<void>((resolve, reject) => {
      this.queue.enqueue({
        deploymentId: `apply-${newId()}`,
        appId,
        serverId: app.serverId,
        run: async () => {
          try {
            const env = await this.deps.env.resolved(appId, 'runtime');
            const spec = containerSpecFor(app, {
              deploymentId: active.id,
              commit: active.commitHash!,
              image: active.image!,
              env,
              domains,
            });
            const { containerId } = await replaceContainer(this.deps.pool.docker(app.serverId), spec, () => {});
            this.deps.deployments.update(active.id, { containerId });
            this.deps.audit.record({
              action: 'domain.apply',
              targetType: 'app',
              targetId: appId,
              appId,
              summary: `Applied ${domains.length ? `domains ${domains.join(', ')}` : 'no domains (port published)'} to ${app.name} without a rebuild`,
              after: { domains, image: active.image },
            });
            resolve();
          } catch (error) {
            reject(error instanceof MistError ? error : new MistError('docker-error', (error as Error).message));
          }
        },
      });
    });
  }

  /** Starts a deploy and settles when it finishes: rejects with its error unless it succeeded. */
  private deployAndWait(appId: string): Promise<void> {
    const deployment = this.start(appId, 'manual');
    return new Promise<void>((resolve, reject) => {
      const settle = (event: DeploymentEventDto) => {
        if (event.kind !== 'status' || event.deployment.id !== deployment.id) return;
        const { status, error, number } = event.deployment;
        if (status !== 'success' && status !== 'failed' && status !== 'cancelled') return;
        this.off('event', settle);
        if (status === 'success') resolve();
        else reject(new MistError('docker-error', `Deployment #${number} ${status}: ${error ?? 'see its log'}`));
      };
      this.on('event', settle);
    });
  }

  /** Cancels the app's waiting and running deploys (before the app is deleted). */
  cancelAllFor(appId: string): void {
    for (const deployment of this.deps.deployments.unfinished().filter((d) => d.appId === appId)) {
      if (this.queue.isWaiting(deployment.id) || this.running.has(deployment.id)) this.cancel(deployment.id);
    }
  }

  /** On shutdown: stop every deploy in flight (their commands are killed on the server). */
  cancelEverything(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  list(appId: string): DeploymentDto[] {
    return this.deps.deployments.listForApp(appId).map(toDeploymentDto);
  }

  get(deploymentId: string): DeploymentDto {
    return toDeploymentDto(this.require(deploymentId));
  }

  log(deploymentId: string): LogLineDto[] {
    this.require(deploymentId);
    return this.deps.deployments.log(deploymentId);
  }

  /**
   * Settles deployments a crash or quit left in pending/building/deploying, by asking the server:
   * if the app's container carries that deployment's label and runs, the deployment succeeded;
   * otherwise it was interrupted. Servers that cannot be reached now are settled after they
   * reconnect. Returns how many were settled.
   */
  /** How many deploys (or rollbacks) this process runs on the server now. */
  runningOn(serverId: string): number {
    return this.queue.runningOn(serverId);
  }

  async reconcile(serverId?: string): Promise<number> {
    // one pass at a time: two overlapping passes would settle the same deployment twice
    const previous = this.reconciling;
    const pass = previous.then(() => this.reconcileOnce(serverId));
    this.reconciling = pass.catch(() => 0);
    return pass;
  }

  private async reconcileOnce(serverId?: string): Promise<number> {
    let settled = 0;
    // Another Mist process (the app, a CLI deploy) may be running some: only settle the orphans.
    const orphans = this.deps.deployments
      .unfinished()
      .filter((d) => !this.running.has(d.id) && !this.queue.isWaiting(d.id) && !runnerAlive(d.runner));
    for (const deployment of orphans) {
      const app = this.deps.apps.record(deployment.appId);
      if (serverId && app.serverId !== serverId) continue;
      let info: Awaited<ReturnType<Dockerode.Container['inspect']>> | null;
      try {
        info = await this.deps.pool.docker(app.serverId).getContainer(containerName(app.id)).inspect();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) continue; // unreachable: later
        info = null;
      }
      if (info?.Config.Labels?.['mist.deployment'] === deployment.id && info.State.Running) {
        this.deps.deployments.update(deployment.id, { containerId: info.Id });
        this.deps.deployments.makeActive(app.id, deployment.id);
        this.appendLog(deployment.id, 'system', 'Recovered: the server runs this deployment.');
        this.finish(deployment.id, 'success', null);
      } else {
        const message = 'Interrupted: Mist Desktop stopped while this deployment was running.';
        this.appendLog(deployment.id, 'system', message);
        this.finish(deployment.id, 'failed', message);
      }
      settled += 1;
    }
    return settled;
  }

  private async execute(deploymentId: string, controller: AbortController, request: DeployRequest): Promise<void> {
    const deployment = this.require(deploymentId);
    const app = this.deps.apps.record(deployment.appId);
    const server = this.deps.servers.findById(app.serverId);
    const started = Date.now();
    let redact = createRedactor([]);
    const stages: StageTimingDto[] = [...deployment.stages]; // starts with 'queued'
    const timer = setTimeout(
      () => controller.abort(new MistError('timeout', 'The build took longer than its timeout.')),
      this.buildTimeout(),
    );
    try {
      const gitToken = (await this.deps.gitToken?.(app.id)) ?? null;
      const [buildVars, runtimeVars] = await Promise.all([
        this.deps.env.resolved(app.id, 'build'),
        this.deps.env.resolved(app.id, 'runtime'),
      ]);
      // the secrets to hide are the ones just read: no second pass over the keychain
      const secrets = [...buildVars, ...runtimeVars].filter((v) => v.secret).map((v) => v.value);
      redact = createRedactor([...secrets, ...(gitToken ? [gitToken] : [])]);
      const log = (stream: LogLineDto['stream'], text: string) => this.appendLog(deploymentId, stream, redact(text));
      const enterStage = (stage: Exclude<DeployStage, 'queued'>) => {
        const now = Date.now();
        const previous = stages.at(-1);
        if (previous && previous.durationMs === null) previous.durationMs = now - Date.parse(previous.startedAt);
        stages.push({ stage, startedAt: new Date(now).toISOString(), durationMs: null });
        this.deps.deployments.update(deploymentId, { stages, status: stage === 'deploy' ? 'deploying' : 'building' });
        this.publishStatus(deploymentId, null);
      };
      const template =
        app.database && this.deps.templates ? findTemplate(this.deps.templates(), app.database.templateId) : null;
      const result = await runPipeline({
        app,
        template,
        recordImage: (image) => this.deps.deployments.update(deploymentId, { image }),
        deploymentId,
        conn: this.deps.pool.connection(app.serverId),
        docker: this.deps.pool.docker(app.serverId),
        serverUser: server?.user ?? 'the SSH user',
        gitAccess: () => this.deps.gitAccess(app),
        ref: request.ref,
        rollbackTo: request.rollbackTo,
        buildKit: () => this.buildKitFor(app.serverId),
        gitToken,
        domains: this.deps.domains.hosts(app.id),
        buildArgs: buildVars,
        runtimeEnv: runtimeVars,
        signal: controller.signal,
        buildTimeoutMs: this.buildTimeout(),
        log,
        enterStage,
        recordCommit: (commit: CommitInfo, image: string | null) =>
          this.deps.deployments.update(deploymentId, {
            commitHash: commit.hash,
            commitMessage: commit.message,
            commitAuthor: commit.author,
            image,
          }),
      });
      closeStage(stages);
      this.deps.deployments.update(deploymentId, { stages, containerId: result.containerId });
      this.deps.deployments.makeActive(app.id, deploymentId);
      await this.deps.afterDeploy?.(app, (line) => log('system', line)).catch(() => {});
      log('system', `Deployment #${deployment.number} succeeded in ${formatSeconds(Date.now() - started)}.`);
      this.finish(deploymentId, 'success', null, started);
      if (result.pruneRepository && result.image) this.pruneImagesAfter(app, result.pruneRepository, result.image);
    } catch (error) {
      closeStage(stages);
      this.deps.deployments.update(deploymentId, { stages });
      const reason = controller.signal.reason instanceof MistError ? controller.signal.reason : error;
      const cancelled = controller.signal.aborted && !(reason instanceof MistError && reason.code === 'timeout');
      const message = redact(cancelled ? 'Cancelled by the user.' : (reason as Error).message);
      this.appendLog(deploymentId, 'system', `${cancelled ? 'Cancelled' : 'Failed'}: ${message}`);
      this.finish(deploymentId, cancelled ? 'cancelled' : 'failed', message, started);
    } finally {
      clearTimeout(timer);
      this.running.delete(deploymentId);
    }
  }

  private finish(
    deploymentId: string,
    status: 'success' | 'failed' | 'cancelled',
    error: string | null,
    started?: number,
  ): void {
    const finishedAt = new Date();
    const stages = [...this.require(deploymentId).stages];
    closeStage(stages); // e.g. 'queued' when cancelled before it started
    const deployment = this.deps.deployments.update(deploymentId, {
      stages,
      status,
      error,
      finishedAt: finishedAt.toISOString(),
      durationMs: started === undefined ? null : finishedAt.getTime() - started,
    });
    this.running.delete(deploymentId);
    this.deps.audit.record({
      action: `deploy.${status}`,
      targetType: 'app',
      targetId: deployment.appId,
      appId: deployment.appId,
      summary: `Deployment #${deployment.number}${deployment.rollbackOf ? ` (rollback to #${deployment.rollbackOf})` : ''} ${status}${error ? `: ${error}` : ''}`,
      after: { number: deployment.number, status, commit: deployment.commitHash },
    });
    this.publishStatus(deploymentId, error);
  }

  /** Stores a (already redacted) log line and streams it. */
  private appendLog(deploymentId: string, stream: LogLineDto['stream'], text: string): void {
    const [line] = this.deps.deployments.appendLog(deploymentId, [{ stream, text, at: new Date().toISOString() }]);
    if (line) this.emit('event', { kind: 'log', deploymentId, line } satisfies DeploymentEventDto);
  }

  private publishStatus(deploymentId: string, message: string | null): void {
    const deployment = toDeploymentDto(this.require(deploymentId));
    this.emit('event', { kind: 'status', deployment, message } satisfies DeploymentEventDto);
  }

  private require(deploymentId: string) {
    const deployment = this.deps.deployments.get(deploymentId);
    if (!deployment) throw new MistError('not-found', `No deployment with id ${deploymentId}.`);
    return deployment;
  }

  /** Old images go once the new one serves; a failure here never fails the deploy. */
  private pruneImagesAfter(app: DeployableApp, repository: string, image: string): void {
    void pruneAppImages(this.deps.pool.docker(app.serverId), repository, image).then(
      (removed) => {
        if (removed.length) this.emit('pruned', { appId: app.id, removed });
      },
      () => {},
    );
  }

  private buildKitFor(serverId: string): Promise<boolean> {
    let known = this.buildKitByServer.get(serverId);
    if (!known) {
      known = detectBuildKit(this.deps.pool.connection(serverId));
      known.catch(() => this.buildKitByServer.delete(serverId)); // ask again next time
      this.buildKitByServer.set(serverId, known);
    }
    return known;
  }

  private buildTimeout(): number {
    return this.deps.buildTimeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS;
  }
}

/** This process, as recorded on the deployments it runs. */
const THIS_RUNNER = `${hostname()}/${process.pid}`;

/** Whether the process that started a deployment still runs (on this machine). */
export function runnerAlive(runner: string | null): boolean {
  if (!runner || runner === THIS_RUNNER) return false;
  const [host, pidText] = runner.split('/');
  if (host !== hostname()) return true; // not ours to judge
  try {
    process.kill(Number(pidText), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function closeStage(stages: StageTimingDto[]): void {
  const last = stages.at(-1);
  if (last && last.durationMs === null) last.durationMs = Date.now() - Date.parse(last.startedAt);
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
