export interface QueuedJob {
  deploymentId: string;
  appId: string;
  serverId: string;
  run: () => Promise<void>;
}

/**
 * One deploy per app at a time (a second one waits its turn), different apps on one server in
 * parallel up to a limit, servers independent of each other. Jobs start in the order they came.
 */
export class DeployQueue {
  private readonly waiting: QueuedJob[] = [];
  private readonly runningByApp = new Map<string, string>();
  private readonly runningPerServer = new Map<string, number>();

  constructor(private readonly perServerLimit: number = 2) {}

  enqueue(job: QueuedJob): void {
    this.waiting.push(job);
    this.pump();
  }

  /** The deployment this one waits for (same app), or null when it waits for a free slot or runs. */
  blockedBy(deploymentId: string): string | null {
    const job = this.waiting.find((j) => j.deploymentId === deploymentId);
    return job ? (this.runningByApp.get(job.appId) ?? null) : null;
  }

  isWaiting(deploymentId: string): boolean {
    return this.waiting.some((j) => j.deploymentId === deploymentId);
  }

  /** Takes a job out before it started; false if it is not waiting (running or unknown). */
  remove(deploymentId: string): boolean {
    const index = this.waiting.findIndex((j) => j.deploymentId === deploymentId);
    if (index === -1) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  /** How many deploys run on the server now. */
  runningOn(serverId: string): number {
    return this.runningPerServer.get(serverId) ?? 0;
  }

  private pump(): void {
    for (const job of [...this.waiting]) {
      if (this.runningByApp.has(job.appId)) continue;
      if ((this.runningPerServer.get(job.serverId) ?? 0) >= this.perServerLimit) continue;
      this.waiting.splice(this.waiting.indexOf(job), 1);
      this.runningByApp.set(job.appId, job.deploymentId);
      this.runningPerServer.set(job.serverId, (this.runningPerServer.get(job.serverId) ?? 0) + 1);
      void job
        .run()
        .catch(() => {}) // the job records its own outcome
        .finally(() => {
          this.runningByApp.delete(job.appId);
          this.runningPerServer.set(job.serverId, (this.runningPerServer.get(job.serverId) ?? 1) - 1);
          this.pump();
        });
    }
  }
}
