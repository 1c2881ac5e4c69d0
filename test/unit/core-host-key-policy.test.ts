import { describe, expect, it } from 'vitest';
import { judgeHostKey, type HostKeyFacts } from '../../src/main/core/ssh/host-key-policy';
import { MistError } from '../../src/shared/errors';

const PRESENTED = 'SHA256:' + 'P'.repeat(43);
const STORED = 'SHA256:' + 'S'.repeat(43);

function facts(overrides: Partial<HostKeyFacts> = {}): HostKeyFacts {
  return {
    serverName: 'web-1',
    presentedFingerprint: PRESENTED,
    keyType: 'ssh-ed25519',
    storedFingerprint: null,
    knownHosts: 'unknown',
    acceptedThisSession: null,
    ...overrides,
  };
}

describe('judgeHostKey with a remembered fingerprint', () => {
  it('proceeds when the stored fingerprint matches', () => {
    expect(judgeHostKey(facts({ storedFingerprint: PRESENTED }))).toBeNull();
  });

  it('trusts the stored fingerprint over known_hosts (mismatch there does not matter)', () => {
    expect(judgeHostKey(facts({ storedFingerprint: PRESENTED, knownHosts: 'mismatch' }))).toBeNull();
  });

  it('refuses a changed key with both fingerprints in the message and the details', () => {
    const error = judgeHostKey(facts({ storedFingerprint: STORED }));
    expect(error).toBeInstanceOf(MistError);
    expect(error!.code).toBe('host-key-changed');
    expect(error!.message).toContain(STORED);
    expect(error!.message).toContain(PRESENTED);
    expect(error!.message).toContain('web-1');
    expect(error!.message).toContain('ssh-ed25519');
    expect(error!.details).toEqual({ expected: STORED, presented: PRESENTED, keyType: 'ssh-ed25519' });
  });

  it('refuses a changed key even if known_hosts matches it or it was accepted this session', () => {
    const viaKnownHosts = judgeHostKey(facts({ storedFingerprint: STORED, knownHosts: 'match' }));
    const viaSession = judgeHostKey(facts({ storedFingerprint: STORED, acceptedThisSession: PRESENTED }));
    expect(viaKnownHosts?.code).toBe('host-key-changed');
    expect(viaSession?.code).toBe('host-key-changed');
  });

  it('keeps its details when converted to a wire shape', () => {
    const shape = judgeHostKey(facts({ storedFingerprint: STORED }))!.toShape();
    expect(shape.code).toBe('host-key-changed');
    expect(shape.details?.expected).toBe(STORED);
    expect(shape.details?.presented).toBe(PRESENTED);
  });
});

describe('judgeHostKey without a remembered fingerprint', () => {
  it('proceeds when known_hosts matches', () => {
    expect(judgeHostKey(facts({ knownHosts: 'match' }))).toBeNull();
  });

  it('refuses as changed when known_hosts has another key (or revoked this one)', () => {
    const error = judgeHostKey(facts({ knownHosts: 'mismatch' }));
    expect(error?.code).toBe('host-key-changed');
    expect(error!.message).toContain(PRESENTED);
    expect(error!.message).toContain('known_hosts');
    expect(error!.details?.presented).toBe(PRESENTED);
    expect(error!.details?.keyType).toBe('ssh-ed25519');
  });

  it('a known_hosts mismatch is not overridden by an accept-once of the same key', () => {
    expect(judgeHostKey(facts({ knownHosts: 'mismatch', acceptedThisSession: PRESENTED }))?.code).toBe(
      'host-key-changed',
    );
  });

  it('proceeds when this exact key was accepted this session', () => {
    expect(judgeHostKey(facts({ acceptedThisSession: PRESENTED }))).toBeNull();
  });

  it('asks again when another key was accepted this session', () => {
    const error = judgeHostKey(facts({ acceptedThisSession: STORED }));
    expect(error?.code).toBe('host-key-unknown');
  });

  it('otherwise reports an unknown key with the presented fingerprint in the details', () => {
    const error = judgeHostKey(facts());
    expect(error).toBeInstanceOf(MistError);
    expect(error!.code).toBe('host-key-unknown');
    expect(error!.message).toContain(PRESENTED);
    expect(error!.message).toContain('web-1');
    expect(error!.details).toEqual({ presented: PRESENTED, keyType: 'ssh-ed25519' });
  });
});
