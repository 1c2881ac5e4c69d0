import { describe, expect, it } from 'vitest';
import { FINGERPRINT_PATTERN, SERVER_NAME_PATTERN, SSH_USER_PATTERN, isValidHost } from '../../src/shared/name-rules';

describe('SERVER_NAME_PATTERN', () => {
  it.each(['a', 'web', 'web-1', 'Web_1.prod', '1st', '9', 'a'.repeat(63)])('accepts %j', (name) => {
    expect(SERVER_NAME_PATTERN.test(name)).toBe(true);
  });

  it.each(['', '-web', '.web', '_web', 'web server', 'web/1', 'wéb', 'a'.repeat(64), 'web\n', 'web;rm', '$(x)'])(
    'refuses %j',
    (name) => {
      expect(SERVER_NAME_PATTERN.test(name)).toBe(false);
    },
  );
});

describe('SSH_USER_PATTERN', () => {
  it.each(['root', 'deploy', '_svc', 'a.b', 'a-b', 'User9', 'u'.repeat(64)])('accepts %j', (user) => {
    expect(SSH_USER_PATTERN.test(user)).toBe(true);
  });

  it.each(['', '1root', '-x', '.x', 'us er', 'root@host', 'u'.repeat(65), 'roöt', 'x;y'])('refuses %j', (user) => {
    expect(SSH_USER_PATTERN.test(user)).toBe(false);
  });
});

describe('isValidHost', () => {
  it.each(['192.168.1.10', '0.0.0.0', '255.255.255.255', '10.0.0.1'])('accepts IPv4 %j', (host) => {
    expect(isValidHost(host)).toBe(true);
  });

  it.each(['::1', '2001:db8::1', 'fe80::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:192.0.2.1'])(
    'accepts IPv6 %j',
    (host) => {
      expect(isValidHost(host)).toBe(true);
    },
  );

  it.each(['[::1]', '[2001:db8::1]'])('accepts bracketed IPv6 %j', (host) => {
    expect(isValidHost(host)).toBe(true);
  });

  it.each(['[::1', '::1]', '[]', '[example.com]', 'fe80::1%eth0', '2001:db8::g'])(
    'refuses malformed IPv6 %j',
    (host) => {
      expect(isValidHost(host)).toBe(false);
    },
  );

  it.each(['localhost', 'example.com', 'web-1.example.com', 'EXAMPLE.COM', 'example.com.', 'xn--bcher-kva.example'])(
    'accepts DNS name %j',
    (host) => {
      expect(isValidHost(host)).toBe(true);
    },
  );

  it('accepts a 63-character label and refuses a 64-character one', () => {
    expect(isValidHost(`${'a'.repeat(63)}.example.com`)).toBe(true);
    expect(isValidHost(`${'a'.repeat(64)}.example.com`)).toBe(false);
  });

  it('limits the whole name to 253 characters', () => {
    const label = 'a'.repeat(49);
    const name253 = [label, label, label, label, label].join('.') + '.abc'; // 5*49 + 4 + 4 = 253
    expect(name253.length).toBe(253);
    expect(isValidHost(name253)).toBe(true);
    expect(isValidHost(name253 + 'd')).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['leading hyphen in a label', '-web.example.com'],
    ['leading hyphen in an inner label', 'web.-x.example.com'],
    ['trailing hyphen', 'web-.example.com'],
    ['underscore', 'my_host.example.com'],
    ['empty label', 'web..example.com'],
    ['leading dot', '.example.com'],
    ['only a dot', '.'],
    ['space', 'web example.com'],
    ['surrounding whitespace', ' example.com'],
    ['non-ASCII', 'exämple.com'],
    ['shell metacharacters', 'example.com;rm'],
    ['user@host', 'root@example.com'],
    ['host:port for a name', 'example.com:22'],
    ['slash', 'example.com/x'],
  ])('refuses %s (%j)', (_label, host) => {
    expect(isValidHost(host)).toBe(false);
  });

  // BUG (see report): anything made only of hex digits, dots and colons passes as "IPv6", so a
  // pasted "address:port" and strings that are no address at all are accepted as hosts.
  for (const host of ['1.2.3.4:22', ':', 'abc:def']) {
    it(`refuses the non-address ${JSON.stringify(host)}`, () => {
      expect(isValidHost(host)).toBe(false);
    });
  }
});

describe('FINGERPRINT_PATTERN', () => {
  it('accepts SHA256: followed by 43 base64 characters', () => {
    expect(FINGERPRINT_PATTERN.test('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU')).toBe(true);
  });

  it.each([
    ['padding', 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
    ['too short', 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF'],
    ['too long', 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFUx'],
    ['lower-case prefix', 'sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'],
    ['MD5', 'MD5:d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e'],
    ['url-safe base64', 'SHA256:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'],
    ['no prefix', '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'],
    ['trailing newline', 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n'],
  ])('refuses %s', (_label, value) => {
    expect(FINGERPRINT_PATTERN.test(value)).toBe(false);
  });
});
