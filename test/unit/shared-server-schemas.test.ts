import { describe, expect, it } from 'vitest';
import {
  acceptHostKeyInputSchema,
  addServerInputSchema,
  authInputSchema,
  fingerprintSchema,
  hostSchema,
  idSchema,
  keyPathSchema,
  portSchema,
  probeHostKeyInputSchema,
  serverNameSchema,
  socketPathSchema,
  sshConfigInputSchema,
  sshUserSchema,
  updateServerInputSchema,
} from '../../src/shared/schemas/server';

const FP = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

/** The paths of every issue zod reports, joined with dots. */
function issuePaths(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.path.map(String).join('.'));
}

const minimalAdd = {
  name: 'web-1',
  host: 'web.example.com',
  user: 'deploy',
  auth: { kind: 'agent' },
  hostKey: { fingerprint: FP, trust: 'remember' },
};

describe('field schemas', () => {
  it('serverNameSchema trims and applies the name rule', () => {
    expect(serverNameSchema.parse('  web-1 ')).toBe('web-1');
    expect(serverNameSchema.safeParse('-web').success).toBe(false);
    expect(serverNameSchema.safeParse('   ').success).toBe(false);
    expect(serverNameSchema.safeParse(42).success).toBe(false);
  });

  it('hostSchema trims, then validates', () => {
    expect(hostSchema.parse(' example.com ')).toBe('example.com');
    expect(hostSchema.parse('::1')).toBe('::1');
    expect(hostSchema.parse('[::1]')).toBe('::1'); // stored without brackets: ssh and known_hosts add their own
    expect(hostSchema.safeParse('-bad.example.com').success).toBe(false);
    expect(hostSchema.safeParse('under_score.example.com').success).toBe(false);
    expect(hostSchema.safeParse(`${'a'.repeat(64)}.com`).success).toBe(false);
    expect(hostSchema.safeParse('').success).toBe(false);
  });

  it('portSchema accepts 1..65535 integers only', () => {
    expect(portSchema.parse(1)).toBe(1);
    expect(portSchema.parse(65535)).toBe(65535);
    for (const bad of [0, 65536, -22, 22.5, '22', NaN, null]) expect(portSchema.safeParse(bad).success).toBe(false);
  });

  it('sshUserSchema trims and applies the user rule', () => {
    expect(sshUserSchema.parse(' deploy ')).toBe('deploy');
    expect(sshUserSchema.safeParse('1root').success).toBe(false);
    expect(sshUserSchema.safeParse('root@x').success).toBe(false);
  });

  it('fingerprintSchema accepts OpenSSH SHA256 fingerprints only', () => {
    expect(fingerprintSchema.parse(FP)).toBe(FP);
    expect(fingerprintSchema.safeParse(`${FP}=`).success).toBe(false);
    expect(fingerprintSchema.safeParse('SHA256:short').success).toBe(false);
    expect(fingerprintSchema.safeParse(` ${FP}`).success).toBe(false);
  });

  it('idSchema accepts letters, digits, _ and - up to 64 characters', () => {
    expect(idSchema.parse('srv_01-A')).toBe('srv_01-A');
    for (const bad of ['', 'a b', 'a/b', '../x', 'x'.repeat(65), 'é'])
      expect(idSchema.safeParse(bad).success).toBe(false);
  });

  it.each(['/home/me/.ssh/id_ed25519', '~/.ssh/id_ed25519', '~', 'C:\\Users\\me\\.ssh\\id', 'D:/keys/id'])(
    'keyPathSchema accepts the absolute path %j',
    (path) => {
      expect(keyPathSchema.parse(path)).toBe(path);
    },
  );

  it.each([
    ['a relative path', 'id_rsa'],
    ['a ./ path', './id_rsa'],
    ['a ../ path', '../keys/id'],
    ['an empty path', ''],
    ['whitespace only', '   '],
    ['a NUL byte', '/home/me/.ssh/id\0'],
    ['a drive letter without a separator', 'C:id'],
    ['a too-long path', '/' + 'a'.repeat(4096)],
  ])('keyPathSchema refuses %s', (_label, path) => {
    expect(keyPathSchema.safeParse(path).success).toBe(false);
  });

  it('keyPathSchema explains a relative path', () => {
    const result = keyPathSchema.safeParse('id_rsa');
    expect(result.error?.issues[0]?.message).toBe('use an absolute key path');
  });

  it('keyPathSchema trims surrounding whitespace', () => {
    expect(keyPathSchema.parse('  /k  ')).toBe('/k');
  });

  it('socketPathSchema needs an absolute path', () => {
    expect(socketPathSchema.parse('/run/docker.sock')).toBe('/run/docker.sock');
    expect(socketPathSchema.safeParse('docker.sock').success).toBe(false);
    expect(socketPathSchema.safeParse('/run/docker\0.sock').success).toBe(false);
    expect(socketPathSchema.safeParse('').success).toBe(false);
  });
});

describe('authInputSchema (discriminated by kind)', () => {
  it('accepts each kind with its own fields', () => {
    expect(authInputSchema.parse({ kind: 'agent' })).toEqual({ kind: 'agent' });
    expect(authInputSchema.parse({ kind: 'password', password: 's3cret' })).toEqual({
      kind: 'password',
      password: 's3cret',
    });
    expect(authInputSchema.parse({ kind: 'key', keyPath: '~/.ssh/id' })).toEqual({ kind: 'key', keyPath: '~/.ssh/id' });
    expect(authInputSchema.parse({ kind: 'key', keyPath: '/k', passphrase: 'pp' })).toEqual({
      kind: 'key',
      keyPath: '/k',
      passphrase: 'pp',
    });
  });

  it('drops fields that belong to another kind (no secret rides along unnoticed)', () => {
    expect(authInputSchema.parse({ kind: 'agent', password: 'leak' })).toEqual({ kind: 'agent' });
    expect(authInputSchema.parse({ kind: 'key', keyPath: '/k', password: 'leak' })).toEqual({
      kind: 'key',
      keyPath: '/k',
    });
  });

  it('requires the fields of the chosen kind', () => {
    expect(issuePaths(authInputSchema.safeParse({ kind: 'key' }))).toContain('keyPath');
    expect(issuePaths(authInputSchema.safeParse({ kind: 'password' }))).toContain('password');
  });

  it('refuses empty secrets, NUL bytes and oversized secrets', () => {
    expect(authInputSchema.safeParse({ kind: 'password', password: '' }).success).toBe(false);
    expect(authInputSchema.safeParse({ kind: 'password', password: 'a\0b' }).success).toBe(false);
    expect(authInputSchema.safeParse({ kind: 'password', password: 'x'.repeat(8193) }).success).toBe(false);
    expect(authInputSchema.safeParse({ kind: 'password', password: 'x'.repeat(8192) }).success).toBe(true);
    expect(authInputSchema.safeParse({ kind: 'key', keyPath: '/k', passphrase: '' }).success).toBe(false);
  });

  it('does not trim secrets (spaces can be part of a password)', () => {
    expect(authInputSchema.parse({ kind: 'password', password: '  pad  ' })).toEqual({
      kind: 'password',
      password: '  pad  ',
    });
  });

  it('refuses an unknown or missing kind', () => {
    expect(authInputSchema.safeParse({ kind: 'certificate' }).success).toBe(false);
    expect(authInputSchema.safeParse({ password: 'x' }).success).toBe(false);
    expect(authInputSchema.safeParse(null).success).toBe(false);
  });
});

describe('addServerInputSchema', () => {
  it('fills in port 22, the default Docker socket and no proxy jump', () => {
    const parsed = addServerInputSchema.parse(minimalAdd);
    expect(parsed.port).toBe(22);
    expect(parsed.dockerSocketPath).toBe('/var/run/docker.sock');
    expect(parsed.proxyJumpServerId).toBeNull();
    expect(parsed.hostKey).toEqual({ fingerprint: FP, trust: 'remember' });
  });

  it('keeps explicit values', () => {
    const parsed = addServerInputSchema.parse({
      ...minimalAdd,
      port: 2222,
      dockerSocketPath: '/run/user/1000/docker.sock',
      proxyJumpServerId: 'bastion_1',
    });
    expect(parsed).toMatchObject({
      port: 2222,
      dockerSocketPath: '/run/user/1000/docker.sock',
      proxyJumpServerId: 'bastion_1',
    });
  });

  it('requires hostKey: no server is saved without an answer to the host-key prompt', () => {
    const { hostKey: _hostKey, ...withoutHostKey } = minimalAdd;
    expect(issuePaths(addServerInputSchema.safeParse(withoutHostKey))).toEqual(['hostKey']);
  });

  it('validates the host-key decision', () => {
    expect(
      issuePaths(addServerInputSchema.safeParse({ ...minimalAdd, hostKey: { fingerprint: FP, trust: 'always' } })),
    ).toEqual(['hostKey.trust']);
    expect(
      issuePaths(addServerInputSchema.safeParse({ ...minimalAdd, hostKey: { fingerprint: 'nope', trust: 'once' } })),
    ).toEqual(['hostKey.fingerprint']);
  });

  it('reports every bad field with its path', () => {
    const paths = issuePaths(
      addServerInputSchema.safeParse({
        name: '-bad',
        host: 'bad host',
        port: 0,
        user: '9user',
        auth: { kind: 'key', keyPath: 'relative' },
        proxyJumpServerId: 'not valid!',
        dockerSocketPath: 'relative.sock',
        hostKey: { fingerprint: FP, trust: 'once' },
      }),
    );
    expect(paths.sort()).toEqual([
      'auth.keyPath',
      'dockerSocketPath',
      'host',
      'name',
      'port',
      'proxyJumpServerId',
      'user',
    ]);
  });
});

describe('other inputs', () => {
  it('updateServerInputSchema needs only the id; everything else is optional', () => {
    expect(updateServerInputSchema.parse({ id: 's1' })).toEqual({ id: 's1' });
    expect(updateServerInputSchema.parse({ id: 's1', proxyJumpServerId: null })).toEqual({
      id: 's1',
      proxyJumpServerId: null,
    });
    expect(issuePaths(updateServerInputSchema.safeParse({ name: 'x' }))).toEqual(['id']);
    expect(issuePaths(updateServerInputSchema.safeParse({ id: 's1', port: 70000 }))).toEqual(['port']);
  });

  it('probeHostKeyInputSchema defaults port and proxy jump', () => {
    expect(probeHostKeyInputSchema.parse({ host: 'h.example' })).toEqual({
      host: 'h.example',
      port: 22,
      proxyJumpServerId: null,
    });
  });

  it('acceptHostKeyInputSchema needs an id and a decision', () => {
    expect(acceptHostKeyInputSchema.safeParse({ id: 's1', hostKey: { fingerprint: FP, trust: 'once' } }).success).toBe(
      true,
    );
    expect(issuePaths(acceptHostKeyInputSchema.safeParse({ id: 's1' }))).toEqual(['hostKey']);
  });

  it('sshConfigInputSchema takes an optional absolute path', () => {
    expect(sshConfigInputSchema.parse({})).toEqual({});
    expect(sshConfigInputSchema.parse({ path: '~/.ssh/config' })).toEqual({ path: '~/.ssh/config' });
    expect(sshConfigInputSchema.safeParse({ path: 'config' }).success).toBe(false);
  });
});
