import type * as KeytarModule from 'keytar';
import { MistError } from '../../../shared/errors';

/**
 * Secrets (key passphrases, passwords, later secret env values) live in the OS keychain. SQLite
 * only holds the reference (the keychain account name). There is no plaintext fallback.
 */
export interface SecretStore {
  get(ref: string): Promise<string | null>;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
  /** Whether the keychain answers, and if not, why (shown in the UI and by the CLI). */
  availability(): Promise<{ available: boolean; reason: string | null }>;
}

type Keytar = typeof KeytarModule;

export const DEFAULT_KEYCHAIN_SERVICE = 'mist-desktop';

/** SecretStore over keytar (macOS Keychain, Windows Credential Manager, Secret Service on Linux). */
export class KeychainSecretStore implements SecretStore {
  private keytar: Keytar | null = null;

  constructor(private readonly service: string = DEFAULT_KEYCHAIN_SERVICE) {}

  async get(ref: string): Promise<string | null> {
    return this.guard('read', () => this.load().getPassword(this.service, ref));
  }

  async set(ref: string, value: string): Promise<void> {
    await this.guard('store', () => this.load().setPassword(this.service, ref, value));
  }

  async delete(ref: string): Promise<void> {
    await this.guard('delete', () => this.load().deletePassword(this.service, ref));
  }

  async availability(): Promise<{ available: boolean; reason: string | null }> {
    try {
      // A read of an account that never exists: succeeds (null) exactly when the keychain answers.
      await this.load().getPassword(this.service, '__mist_probe__');
      return { available: true, reason: null };
    } catch (error) {
      return { available: false, reason: describeKeychainFailure(error) };
    }
  }

  private load(): Keytar {
    // Loaded lazily: a missing native module or libsecret must not stop the app from starting.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.keytar ??= require('keytar') as Keytar;
    return this.keytar;
  }

  private async guard<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new MistError(
        'keychain-unavailable',
        `Could not ${action} a secret in the OS keychain: ${describeKeychainFailure(error)}. ` +
          'Mist Desktop never stores secrets in plain text; unlock or start your keychain and try again.',
      );
    }
  }
}

function describeKeychainFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find module|libsecret|cannot open shared object/i.test(message)) {
    return `the keychain library could not be loaded (${message.split('\n')[0]})`;
  }
  if (/org\.freedesktop\.secrets|DBus|D-Bus|dbus/i.test(message)) {
    return 'no Secret Service (gnome-keyring, KWallet) is reachable on the D-Bus session';
  }
  return message.split('\n')[0] ?? 'unknown keychain error';
}
