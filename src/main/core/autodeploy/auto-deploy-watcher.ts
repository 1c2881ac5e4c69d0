import { EventEmitter } from 'node:events';
import type { DeploymentDto } from '../../../shared/dto/app';

/** What the watcher needs to know about an app. */
export interface WatchedApp {
  id: string;
  name: string;
  projectName: string;
  type: string;
  branch: string;
  gitCloneUrl: string | null;
  autoDeploy: { enabled: boolean; intervalS: number };
}

export interface AutoDeployDeps {
  apps: { records(): WatchedApp[]; find(appId: string): WatchedApp | null };
  /** The head the watcher last acted on, kept in the store so a restart knows what it missed. */
  lastSeen: { get(appId: string): string | null; set(appId: string, sha: string | null): void };
  deployments: {
    /** The app's latest deployment (any status), or null. */
    latest(appId: string): { commitHash: string | null; status: DeploymentDto['status'] } | null;
    /** Whether a deploy of the app waits or runs now. */
    busy(appId: string): boolean;
  };
  /** The branch head now (the server's `git ls-remote`, or the GitHub API when it can answer for less). */
  head(app: WatchedApp): Promise<string>;
  deploy(appId: string): DeploymentDto;
  /** The smallest interval honoured (the API refuses less than 15 s; tests may not wait that long). */
  minIntervalS?: number;
}

export type CheckOutcome =
  | { kind: 'unchanged'; sha: string }
  | { kind: 'already-deployed'; sha: string }
  | { kind: 'busy'; sha: string }
  | { kind: 'deployed'; sha: string; deployment: DeploymentDto }
  | { kind: 'failed'; error: string };

/**
 * Deploys new commits of the branches it watches, without a public endpoint for webhooks: each app
 * with auto-deploy on has its branch head checked every interval. A head it has not acted on yet is
 * deployed (trigger `auto`), unless a deploy of that app waits or runs (then it looks again next
 * time), so several quick pushes deploy the newest only. The head it acted on is stored: after the
 * app was closed, the first check deploys the newest commit once, not every commit it missed.
 * Emits `checked` ({ appId, outcome }) after every check.
 */
export class AutoDeployWatcher extends EventEmitter {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly checking = new Set<string>();
  private stopped = false;

  constructor(private readonly deps: AutoDeployDeps) {
    super();
  }

  /** Checks every watched app now, then every interval. */
  start(): void {
    for (const app of this.deps.apps.records()) this.refresh(app.id);
  }

  /** After an app's settings changed (or it was deleted): (re)schedule it, checking at once when on. */
  refresh(appId: string): void {
    clearTimeout(this.timers.get(appId));
    this.timers.delete(appId);
    const app = this.deps.apps.find(appId);
    if (this.stopped || !app || !watchable(app)) {
      if (app && !app.autoDeploy.enabled) this.deps.lastSeen.set(appId, null); // turned off: start afresh next time
      return;
    }
    this.schedule(appId, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** One check of one app (also used by tests and the UI's "check now"). */
  async check(appId: string): Promise<CheckOutcome | null> {
    const app = this.deps.apps.find(appId);
    if (!app || !watchable(app) || this.checking.has(appId)) return null;
    this.checking.add(appId);
    let outcome: CheckOutcome;
    try {
      outcome = await this.decide(app);
    } catch (error) {
      outcome = { kind: 'failed', error: (error as Error).message };
    } finally {
      this.checking.delete(appId);
    }
    this.emit('checked', { appId, outcome });
    return outcome;
  }

  private async decide(app: WatchedApp): Promise<CheckOutcome> {
    const sha = await this.deps.head(app);
    const lastSeen = this.deps.lastSeen.get(app.id);
    if (sha === lastSeen) return { kind: 'unchanged', sha };
    if (this.deps.deployments.busy(app.id)) return { kind: 'busy', sha };
    // A head that is already the latest deployment (deployed by hand, or before auto-deploy was on) needs nothing.
    if (this.deps.deployments.latest(app.id)?.commitHash === sha) {
      this.deps.lastSeen.set(app.id, sha);
      return { kind: 'already-deployed', sha };
    }
    this.deps.lastSeen.set(app.id, sha);
    return { kind: 'deployed', sha, deployment: this.deps.deploy(app.id) };
  }

  private schedule(appId: string, delayMs: number): void {
    const timer = setTimeout(() => {
      void this.check(appId).finally(() => {
        const app = this.deps.apps.find(appId);
        if (!this.stopped && app && watchable(app)) this.schedule(appId, this.intervalMs(app));
      });
    }, delayMs);
    timer.unref();
    this.timers.set(appId, timer);
  }

  private intervalMs(app: WatchedApp): number {
    return Math.max(app.autoDeploy.intervalS, this.deps.minIntervalS ?? 15) * 1000;
  }
}

function watchable(app: WatchedApp): boolean {
  return app.autoDeploy.enabled && app.type !== 'database' && app.gitCloneUrl !== null;
}
