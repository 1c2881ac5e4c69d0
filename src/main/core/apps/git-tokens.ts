import type { AppDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import type { AuditRecordInput } from '../audit/audit-log';
import type { SecretStore } from '../secrets/secret-store';
import type { AppsRepo } from '../store/apps-repo';

export function gitTokenRef(appId: string): string {
  return `app/${appId}/git-token`;
}

/**
 * The access token of a private https repository, one per app, kept in the OS keychain only. It
 * reaches git on the server through a credential helper fed from the SSH channel's stdin (see
 * remote-git.ts): never in a command line, a file on the server, the checkout's config or a log.
 */
/** What a per-app secret in the keychain (a git token, a deploy key) needs from the core. */
export interface AppSecretDeps {
  apps: AppsRepo;
  secrets: SecretStore;
  audit: { record(entry: AuditRecordInput): void };
  getApp(appId: string): AppDto;
}

export class GitTokens {
  constructor(private readonly deps: AppSecretDeps) {}

  async set(appId: string, token: string | null): Promise<AppDto> {
    const app = this.deps.getApp(appId);
    const ref = gitTokenRef(appId);
    if (token === null) {
      await this.deps.secrets.delete(ref);
      this.deps.apps.setGitTokenRef(appId, null);
    } else {
      if (/\s/.test(token)) throw new MistError('invalid-input', 'An access token contains no spaces or line breaks.');
      await this.deps.secrets.set(ref, token); // first: if the keychain fails, nothing changes
      this.deps.apps.setGitTokenRef(appId, ref);
    }
    this.deps.apps.bumpConfigVersion(appId);
    this.deps.audit.record({
      action: token === null ? 'app.git-token.remove' : 'app.git-token.set',
      targetType: 'app',
      targetId: appId,
      appId,
      summary:
        token === null ? `Removed the git access token of ${app.name}` : `Stored a git access token for ${app.name}`,
      after: { hasGitToken: token !== null },
    });
    return this.deps.getApp(appId);
  }

  /** The token, read from the keychain for one deploy; null when the app has none. */
  async get(appId: string): Promise<string | null> {
    const ref = this.deps.apps.gitTokenRef(appId);
    if (!ref) return null;
    const token = await this.deps.secrets.get(ref);
    if (token === null) {
      throw new MistError(
        'keychain-unavailable',
        'The git access token of this app is missing from the keychain; enter it again.',
      );
    }
    return token;
  }

  async forget(appId: string): Promise<void> {
    if (this.deps.apps.gitTokenRef(appId)) await this.deps.secrets.delete(gitTokenRef(appId)).catch(() => {});
  }
}
