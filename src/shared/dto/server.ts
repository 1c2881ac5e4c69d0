import type { MistErrorShape } from '../errors';

/** Servers as the UI and the CLI see them. Secrets never appear here: only whether one is stored. */

export type AuthMethodDto =
  { kind: 'key'; keyPath: string; hasPassphrase: boolean } | { kind: 'agent' } | { kind: 'password' };

export interface ServerDto {
  id: string;
  name: string;
  host: string;
  port: number;
  user: string;
  auth: AuthMethodDto;
  /** Another saved server to hop through (ssh -J). */
  proxyJumpServerId: string | null;
  /** SHA256 fingerprint remembered for this server, or null when none is stored. */
  hostKeyFingerprint: string | null;
  dockerSocketPath: string;
  /** Forward the local ssh-agent to git commands on this server (private repositories over ssh). */
  forwardAgent: boolean;
  /**
   * Where visitors reach the server (an IP address or a name), when that is not `host`: a server
   * reached through a jump host, or at a private address. The DNS check compares domains with it.
   */
  publicAddress: string | null;
  /** Let's Encrypt account email for Traefik (set by Prepare server). */
  acmeEmail: string | null;
  /** Apps get `{project}-{app}.{wildcardDomain}` automatically when set. */
  wildcardDomain: string | null;
  createdAt: string;
  updatedAt: string;
}

export type KnownHostsStatus = 'match' | 'mismatch' | 'unknown';

/** What a server presented before any credential was sent. */
export interface HostKeyProbeDto {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** What ~/.ssh/known_hosts says about this host. */
  knownHosts: KnownHostsStatus;
}

export type HostKeyTrust = 'once' | 'remember';

export interface SshConfigHostDto {
  alias: string;
  host: string;
  port: number;
  user: string | null;
  identityFile: string | null;
  /** The ProxyJump alias, if any, and the saved server it resolves to. */
  proxyJump: string | null;
  proxyJumpServerId: string | null;
  alreadySaved: boolean;
}

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface ConnectionStateDto {
  serverId: string;
  status: ConnectionStatus;
  /** Why it failed or why it is reconnecting (details carry e.g. the presented host key). */
  reason: MistErrorShape | null;
  /** Reconnect attempt number while reconnecting. */
  attempt: number;
  /** Live SSH channels (docker requests, commands). */
  channels: number;
  /** Epoch milliseconds of the last change. */
  since: number;
}

export type CheckStatus = 'ok' | 'warn' | 'fail';

export type CheckItemId =
  'ssh' | 'docker-engine' | 'docker-socket' | 'compose' | 'git' | 'disk' | 'traefik-network' | 'traefik-container';

export interface CheckItemDto {
  id: CheckItemId;
  status: CheckStatus;
  title: string;
  detail: string;
  /** The exact fix, when we know it (e.g. the usermod command for the docker group). */
  fix: string | null;
}

export interface ServerCheckDto {
  serverId: string;
  checkedAt: string;
  durationMs: number;
  ok: boolean;
  items: CheckItemDto[];
  docker: { version: string; apiVersion: string; os: string; arch: string; dataRoot: string } | null;
  compose: { kind: 'v2' | 'v1'; version: string } | null;
  git: { version: string } | null;
  disk: { path: string; freeBytes: number; totalBytes: number } | null;
  traefik: { network: boolean; container: { name: string; state: string } | null };
}

export interface AppInfoDto {
  version: string;
  shell: 'electron' | 'web';
  dataDir: string;
  keychain: { available: boolean; reason: string | null };
}

/** What Docker keeps on a server's disk (`docker system df`), and what a clean-up could free. */
export interface DockerSpaceDto {
  serverId: string;
  images: { count: number; bytes: number };
  /** Untagged images no container uses (left by rebuilt tags), older than 10 minutes: what a clean-up removes. */
  danglingImages: { count: number; bytes: number };
  /** BuildKit's cache: it makes the next builds faster; unused entries can be cleared. */
  buildCache: { bytes: number; unusedBytes: number };
  /** Containers' writable layers. */
  containers: { count: number; running: number; bytes: number };
  /** Volumes (database data lives here): never cleaned up by Mist. */
  volumes: { count: number; bytes: number };
}

/** What a clean-up removed (Docker's own count of the space it reclaimed). */
export interface DockerReclaimDto {
  serverId: string;
  removedImages: number;
  reclaimedBytes: number;
}
