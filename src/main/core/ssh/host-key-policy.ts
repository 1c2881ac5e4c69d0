import type { KnownHostsStatus } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';

export interface HostKeyFacts {
  serverName: string;
  presentedFingerprint: string;
  keyType: string;
  /** The fingerprint remembered for this server, if any. */
  storedFingerprint: string | null;
  /** What ~/.ssh/known_hosts says about the presented key. */
  knownHosts: KnownHostsStatus;
  /** Fingerprint the user accepted "once" in this session, if any. */
  acceptedThisSession: string | null;
}

/**
 * Decides whether to trust a host key before any credential is sent. Returns null to proceed, or
 * the error that refuses the connection: a changed key names both fingerprints; an unknown key
 * carries the presented fingerprint so the UI can ask the user.
 */
export function judgeHostKey(facts: HostKeyFacts): MistError | null {
  const { presentedFingerprint: presented, storedFingerprint: stored } = facts;
  if (stored !== null) {
    if (stored === presented) return null;
    return new MistError(
      'host-key-changed',
      `WARNING: the host key of ${facts.serverName} has CHANGED. Expected ${stored}, but the server presented ` +
        `${presented} (${facts.keyType}). Someone may be intercepting the connection, or the server was ` +
        'reinstalled. Nothing was sent. Verify the new key with the server administrator before accepting it.',
      { expected: stored, presented, keyType: facts.keyType },
    );
  }
  if (facts.knownHosts === 'match') return null;
  if (facts.knownHosts === 'mismatch') {
    return new MistError(
      'host-key-changed',
      `WARNING: ${facts.serverName} presented ${presented} (${facts.keyType}), which does not match the key ` +
        'recorded for this host in ~/.ssh/known_hosts (or that key is revoked). Nothing was sent.',
      { expected: 'the key in ~/.ssh/known_hosts', presented, keyType: facts.keyType },
    );
  }
  if (facts.acceptedThisSession === presented) return null;
  return new MistError(
    'host-key-unknown',
    `The host key of ${facts.serverName} is not known yet: ${presented} (${facts.keyType}). Accept it to connect.`,
    { presented, keyType: facts.keyType },
  );
}
