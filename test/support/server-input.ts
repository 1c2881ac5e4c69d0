import type { AddServerInput, AuthInput } from '../../src/shared/schemas/server';
import type { TestSshd } from '../fixtures/sshd';

/** An AddServerInput for the test sshd, remembering its real host key unless told otherwise. */
export function serverInput(
  sshd: TestSshd,
  overrides: Partial<Omit<AddServerInput, 'auth'>> & { auth?: AuthInput } = {},
): AddServerInput {
  return {
    name: 'test-server',
    host: sshd.host,
    port: sshd.port,
    user: sshd.users.docker.name,
    auth: { kind: 'key', keyPath: sshd.users.docker.privateKeyPath },
    proxyJumpServerId: null,
    dockerSocketPath: '/var/run/docker.sock',
    forwardAgent: false,
    publicAddress: null,
    hostKey: { fingerprint: sshd.hostKeyFingerprint, trust: 'remember' },
    ...overrides,
  };
}
