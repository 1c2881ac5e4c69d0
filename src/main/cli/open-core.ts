import type { ApiHandlers } from '../core/api/api-handlers';
import { createCore, type CoreOptions } from '../core/core';
import { defaultDataDir } from '../core/paths';
import { checkServer } from '../core/servers/server-check';
import type { ServerService } from '../core/servers/server-service';
import type { ServerCheckDto, ServerDto } from '../../shared/dto/server';

/** The part of the core the CLI uses; narrow so that tests can hand the dispatcher a fake. */
export interface CliCore {
  servers: Pick<ServerService, 'list' | 'get' | 'resolve' | 'probeHostKey' | 'add' | 'remove' | 'acceptHostKey'>;
  check(server: ServerDto): Promise<ServerCheckDto>;
  /**
   * Every API channel, exactly as the UI calls it. Projects, apps, env vars and deploys go through
   * these (see api.ts), with each channel's own input schema, so rules and defaults are the UI's.
   */
  handlers: ApiHandlers;
  close(): Promise<void>;
}

export interface OpenCoreOptions {
  /**
   * Use MIST_SSH_SECRET in place of stored secrets. Off for `server add`, which must verify the
   * secret it was given on stdin and is about to store.
   */
  useSecretOverride: boolean;
}

export type OpenCore = (options: OpenCoreOptions) => Promise<CliCore>;

/** How the environment maps onto the core's options (documented in docs/cli.md). */
export function coreOptionsFromEnv(env: Record<string, string | undefined>, options: OpenCoreOptions): CoreOptions {
  const core: CoreOptions = { home: defaultDataDir(env) };
  if (env.MIST_KEYCHAIN_SERVICE) core.keychainService = env.MIST_KEYCHAIN_SERVICE;
  if (env.MIST_KNOWN_HOSTS) core.knownHostsPath = env.MIST_KNOWN_HOSTS === 'none' ? null : env.MIST_KNOWN_HOSTS;
  if (options.useSecretOverride && env.MIST_SSH_SECRET) core.secretOverride = env.MIST_SSH_SECRET;
  if (env.MIST_GITHUB_API_URL) core.githubApiUrl = env.MIST_GITHUB_API_URL;
  return core;
}

export function coreOpener(env: Record<string, string | undefined>): OpenCore {
  return async (options) => {
    const core = await createCore(coreOptionsFromEnv(env, options));
    return {
      servers: core.servers,
      check: (server) => checkServer(server, core.pool),
      handlers: core.handlers,
      close: () => core.close(),
    };
  };
}
