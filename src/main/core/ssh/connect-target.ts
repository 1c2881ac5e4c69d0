import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { ConnectConfig } from 'ssh2';
import { MistError } from '../../../shared/errors';
import type { SecretStore } from '../secrets/secret-store';
import type { ServerRecord } from '../store/servers-repo';
import { keyTypeOfBlob, sha256Fingerprint } from './fingerprint';
import { judgeHostKey } from './host-key-policy';
import { knownHostsStatus } from './known-hosts';
import type { ConnectTarget } from './server-connection';

export interface TargetDeps {
  secrets: SecretStore;
  /** ~/.ssh/known_hosts, or null to ignore it. */
  knownHostsPath: string | null;
  /** Fingerprint accepted "once" this session for a server, if any. */
  acceptedOnce(serverId: string): string | null;
  /** Opens a direct-tcpip channel through another saved server (ProxyJump). */
  openJumpChannel(jumpServerId: string, host: string, port: number): Promise<NonNullable<ConnectConfig['sock']>>;
  /** For unattended CLI use without a keychain: a password or passphrase given in the environment. */
  secretOverride: string | null;
}

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/** Builds what one connection attempt needs from the saved server, its secret and the host-key rules. */
export async function resolveConnectTarget(server: ServerRecord, deps: TargetDeps): Promise<ConnectTarget> {
  const config: ConnectConfig = { host: server.host, port: server.port, username: server.user };
  await addCredentials(config, server, deps);
  // Opted in: the agent is made available so single commands (git) may forward it.
  if (server.forwardAgent && process.env.SSH_AUTH_SOCK) config.agent ??= process.env.SSH_AUTH_SOCK;
  let release: (() => void) | undefined;
  if (server.proxyJumpServerId) {
    const sock = await deps.openJumpChannel(server.proxyJumpServerId, server.host, server.port);
    config.sock = sock;
    release = () => sock.destroy();
  }
  const knownHosts = readKnownHosts(deps.knownHostsPath);
  return {
    config,
    errorContext: {
      serverName: server.name,
      host: server.host,
      port: server.port,
      user: server.user,
      authKind: server.auth.kind,
    },
    judgeHostKey: (keyBlob) =>
      judgeHostKey({
        serverName: server.name,
        presentedFingerprint: sha256Fingerprint(keyBlob),
        keyType: keyTypeOfBlob(keyBlob),
        storedFingerprint: server.hostKeyFingerprint,
        knownHosts: knownHosts === null ? 'unknown' : knownHostsStatus(knownHosts, server.host, server.port, keyBlob),
        acceptedThisSession: deps.acceptedOnce(server.id),
      }),
    ...(release ? { release } : {}),
  };
}

async function addCredentials(config: ConnectConfig, server: ServerRecord, deps: TargetDeps): Promise<void> {
  const secret = async () =>
    deps.secretOverride ?? (server.secretRef ? await deps.secrets.get(server.secretRef) : null);
  switch (server.auth.kind) {
    case 'key': {
      const path = expandHome(server.auth.keyPath);
      try {
        config.privateKey = readFileSync(path);
      } catch (error) {
        throw new MistError(
          'auth-failed',
          `${server.name}: the private key ${path} cannot be read (${(error as Error).message}).`,
        );
      }
      if (server.auth.hasPassphrase || deps.secretOverride !== null) {
        const passphrase = await secret();
        if (passphrase === null) throw missingSecret(server, 'passphrase');
        config.passphrase = passphrase;
      }
      return;
    }
    case 'agent': {
      const socket = process.env.SSH_AUTH_SOCK;
      if (!socket) {
        throw new MistError(
          'auth-failed',
          `${server.name} uses your ssh-agent, but none is running (SSH_AUTH_SOCK is not set).`,
        );
      }
      config.agent = socket;
      return;
    }
    case 'password': {
      const password = await secret();
      if (password === null) throw missingSecret(server, 'password');
      config.password = password;
      config.tryKeyboard = false;
      return;
    }
  }
}

function missingSecret(server: ServerRecord, what: string): MistError {
  return new MistError(
    'auth-failed',
    `The ${what} for ${server.name} is not in the keychain any more; edit the server to enter it again.`,
  );
}

export function readKnownHosts(path: string | null): string | null {
  if (!path) return null;
  try {
    return readFileSync(expandHome(path), 'utf8');
  } catch {
    return null; // no known_hosts file: nothing to honour
  }
}
