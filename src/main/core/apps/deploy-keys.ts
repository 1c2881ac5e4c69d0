import { utils, type ParsedKey } from 'ssh2';
import type { AppDto } from '../../../shared/dto/app';
import { MistError } from '../../../shared/errors';
import type { AppSecretDeps } from './git-tokens';

/** How many times a key pair is made before giving up (each try fails with a chance of about 1 in 250). */
const KEYGEN_ATTEMPTS = 10;

/**
 * A new ed25519 key pair in OpenSSH format. ssh2's generator writes a private key that neither it
 * nor OpenSSH can read about once in 250 times, so each pair is read back (and its public half
 * compared) before it is used, and made again when that fails.
 */
export function newDeployKeyPair(comment: string): { private: string; public: string } {
  for (let attempt = 1; attempt <= KEYGEN_ATTEMPTS; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    const parsed = utils.parseKey(pair.private);
    const publicKey = pair.public.trim().split(/\s+/).slice(0, 2).join(' ');
    if (!(parsed instanceof Error) && `${parsed.type} ${parsed.getPublicSSH().toString('base64')}` === publicKey) {
      return pair;
    }
  }
  throw new MistError('internal', `Could not make a readable ed25519 key in ${KEYGEN_ATTEMPTS} tries.`);
}

export function deployKeyRef(appId: string): string {
  return `app/${appId}/deploy-key`;
}

/**
 * An app's deploy key: an ed25519 key pair made here, whose public half the user adds to the
 * repository (GitHub, GitLab, Gitea: "deploy keys", read-only). The private half lives in the OS
 * keychain only. A deploy lends it to git on the server through a forwarded agent answered in this
 * process (DeployKeyAgent), on an SSH connection of its own, for the git commands only: the key is
 * never written on the server, and no other app's key is offered with it.
 */
export class DeployKeys {
  constructor(private readonly deps: AppSecretDeps) {}

  /** Makes a new key pair (replacing the app's old one, which stops working). */
  async generate(appId: string): Promise<AppDto> {
    const app = this.deps.getApp(appId);
    if (app.type === 'database')
      throw new MistError('invalid-input', `${app.name} is a database: it has no repository.`);
    const replaced = app.deployKey;
    const pair = newDeployKeyPair(`mist-desktop ${app.name} (${app.id})`);
    await this.deps.secrets.set(deployKeyRef(appId), pair.private); // first: if the keychain fails, nothing changes
    this.deps.apps.setDeployKey(appId, pair.public.trim());
    const now = this.deps.getApp(appId);
    this.deps.audit.record({
      action: 'app.deploy-key.generate',
      targetType: 'app',
      targetId: appId,
      appId,
      summary: replaced
        ? `Replaced the deploy key of ${app.name} (${replaced.fingerprint} → ${now.deployKey?.fingerprint})`
        : `Made a deploy key for ${app.name} (${now.deployKey?.fingerprint})`,
      after: { deployKey: now.deployKey?.fingerprint ?? null },
    });
    return now;
  }

  async remove(appId: string): Promise<AppDto> {
    const app = this.deps.getApp(appId);
    if (!app.deployKey) return app;
    await this.deps.secrets.delete(deployKeyRef(appId));
    this.deps.apps.setDeployKey(appId, null);
    this.deps.audit.record({
      action: 'app.deploy-key.remove',
      targetType: 'app',
      targetId: appId,
      appId,
      summary: `Removed the deploy key of ${app.name} (${app.deployKey.fingerprint})`,
      after: { deployKey: null },
    });
    return this.deps.getApp(appId);
  }

  /** The private key, read from the keychain for one git command; null when the app has none. */
  async privateKey(appId: string): Promise<ParsedKey | null> {
    const app = this.deps.getApp(appId);
    if (!app.deployKey) return null;
    const text = await this.deps.secrets.get(deployKeyRef(appId));
    if (text === null) {
      throw new MistError(
        'keychain-unavailable',
        `The deploy key of ${app.name} is missing from the keychain: make a new one (and add it to the repository again).`,
      );
    }
    const key = utils.parseKey(text);
    if (key instanceof Error)
      throw new MistError('internal', `The deploy key of ${app.name} cannot be read: ${key.message}`);
    return key;
  }

  async forget(appId: string): Promise<void> {
    await this.deps.secrets.delete(deployKeyRef(appId)).catch(() => {});
  }
}
