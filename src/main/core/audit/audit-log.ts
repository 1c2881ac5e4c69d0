import { userInfo } from 'node:os';
import type { AuditEntryDto } from '../../../shared/dto/app';
import type { AuditRepo } from '../store/audit-repo';

export interface AuditRecordInput {
  /** What happened, as `area.verb`: `project.create`, `app.update`, `env.set`, `deploy.start`… */
  action: string;
  targetType: 'server' | 'project' | 'app' | 'account';
  targetId: string;
  /** The app the entry belongs to (for the app's own history), or null. */
  appId: string | null;
  /** One line for a person. */
  summary: string;
  /**
   * The state before and after, as plain JSON. Callers must never pass a secret value: for a
   * secret env var they record `{ key, secret: true, scope }` only.
   */
  before?: unknown;
  after?: unknown;
}

/** The local OS user: who did it (the desktop has no accounts of its own). */
export function localActor(): string {
  try {
    return userInfo().username;
  } catch {
    // no passwd entry for this uid (some containers): fall back to what the environment says
    return process.env.USER ?? process.env.USERNAME ?? `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

/** Every configuration change and action: who, what, when, before and after (never a secret value). */
export class AuditLog {
  private readonly actor: string;
  private readonly now: () => Date;

  constructor(
    private readonly repo: AuditRepo,
    options: { actor?: string; now?: () => Date } = {},
  ) {
    this.actor = options.actor ?? localActor();
    this.now = options.now ?? (() => new Date());
  }

  record(entry: AuditRecordInput): void {
    this.repo.insert({
      at: this.now().toISOString(),
      actor: this.actor,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      appId: entry.appId,
      summary: entry.summary,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  /** A variable of the app became secret: forget the plain values recorded for it earlier. */
  forgetEnvValue(appId: string, key: string): void {
    this.repo.redactEnvValue(appId, key);
  }

  list(input: { appId?: string; limit: number }): AuditEntryDto[] {
    return this.repo.list(input);
  }
}
