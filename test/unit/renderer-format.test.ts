import { describe, expect, it } from 'vitest';
import {
  authLabel,
  checkStatusIcon,
  checkStatusLabel,
  connectionLabel,
  formatBytes,
  formatDuration,
  pluralize,
  serverAddress,
} from '../../src/renderer/src/lib/format';

describe('renderer format helpers', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15 MiB');
    expect(formatBytes(42.4 * 1024 ** 3)).toBe('42 GiB');
    expect(formatBytes(2.25 * 1024 ** 4)).toBe('2.3 TiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MiB');
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('names connection and check states', () => {
    expect(connectionLabel('connected')).toBe('Connected');
    expect(connectionLabel('reconnecting')).toBe('Reconnecting');
    expect(connectionLabel('failed')).toBe('Failed');
    expect(connectionLabel('idle')).toBe('Idle');
    expect(checkStatusLabel('warn')).toBe('Warning');
    expect(checkStatusIcon('ok')).toBe('✓');
    expect(checkStatusIcon('fail')).toBe('✕');
  });

  it('describes auth methods without secrets', () => {
    expect(authLabel({ kind: 'key', keyPath: '~/.ssh/id_ed25519', hasPassphrase: true })).toBe(
      'Private key ~/.ssh/id_ed25519 (passphrase in keychain)',
    );
    expect(authLabel({ kind: 'key', keyPath: '/k', hasPassphrase: false })).toBe('Private key /k');
    expect(authLabel({ kind: 'agent' })).toBe('SSH agent');
    expect(authLabel({ kind: 'password' })).toBe('Password (in keychain)');
  });

  it('writes addresses as user@host[:port]', () => {
    expect(serverAddress({ user: 'deploy', host: 'example.com', port: 22 })).toBe('deploy@example.com');
    expect(serverAddress({ user: 'mist', host: '127.0.0.1', port: 2222 })).toBe('mist@127.0.0.1:2222');
    expect(serverAddress({ user: 'root', host: '::1', port: 2222 })).toBe('root@[::1]:2222');
  });

  it('formats durations and counts', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1530)).toBe('1.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(pluralize(1, 'live channel')).toBe('1 live channel');
    expect(pluralize(3, 'live channel')).toBe('3 live channels');
  });
});
