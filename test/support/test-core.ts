import { createCore, type Core, type CoreOptions } from '../../src/main/core/core';
import { makeTempDir } from '../fixtures/temp-home';

/** Keychain service used by every test, so tests never read or write the user's own entries. */
export const TEST_KEYCHAIN_SERVICE = 'mist-desktop-test';

export interface TestCore extends Core {
  /** Closes the core and deletes its data directory. */
  dispose(): Promise<void>;
}

/** A real core (real SQLite, real keychain, real SSH) in a throwaway data directory. */
export async function createTestCore(options: CoreOptions = {}): Promise<TestCore> {
  const home = options.home ? null : makeTempDir('mist-core-');
  const core = await createCore({
    home: options.home ?? home!.path,
    keychainService: TEST_KEYCHAIN_SERVICE,
    knownHostsPath: null,
    sshConfigPath: '/nonexistent/ssh_config',
    ...options,
  });
  let disposed = false;
  return {
    ...core,
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const server of core.servers.list()) await core.servers.remove(server.id).catch(() => {});
      await core.close();
      home?.cleanup();
    },
  };
}
