import { describe, expect, it } from 'vitest';
import {
  checkSummary,
  formatAddress,
  formatAuth,
  formatCheck,
  formatJson,
  formatServerTable,
  formatTable,
} from '../../src/main/cli/format';
import type { CheckItemDto, ServerCheckDto, ServerDto } from '../../src/shared/dto/server';

const server = (overrides: Partial<ServerDto> = {}): ServerDto => ({
  id: 'srv1',
  name: 'web-1',
  host: '203.0.113.7',
  port: 22,
  user: 'deploy',
  auth: { kind: 'key', keyPath: '~/.ssh/id_ed25519', hasPassphrase: false },
  proxyJumpServerId: null,
  hostKeyFingerprint: `SHA256:${'a'.repeat(43)}`,
  dockerSocketPath: '/var/run/docker.sock',
  forwardAgent: false,
  publicAddress: null,
  acmeEmail: null,
  wildcardDomain: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const item = (
  id: CheckItemDto['id'],
  status: CheckItemDto['status'],
  title: string,
  detail: string,
  fix: string | null = null,
): CheckItemDto => ({
  id,
  status,
  title,
  detail,
  fix,
});

const check = (items: CheckItemDto[]): ServerCheckDto => ({
  serverId: 'srv1',
  checkedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 412,
  ok: items.every((i) => i.status !== 'fail'),
  items,
  docker: null,
  compose: null,
  git: null,
  disk: null,
  traefik: { network: false, container: null },
});

describe('formatTable', () => {
  it('pads columns to the widest cell with no trailing spaces', () => {
    expect(
      formatTable(
        ['A', 'BB'],
        [
          ['xxx', 'y'],
          ['z', ''],
        ],
      ),
    ).toBe('A    BB\nxxx  y\nz\n');
  });
});

describe('server list output', () => {
  it('describes auth and addresses', () => {
    expect(formatAuth({ kind: 'key', keyPath: '/k', hasPassphrase: true })).toBe('key /k (passphrase)');
    expect(formatAuth({ kind: 'agent' })).toBe('ssh-agent');
    expect(formatAuth({ kind: 'password' })).toBe('password');
    expect(formatAddress({ user: 'u', host: '::1', port: 2222 })).toBe('u@[::1]:2222');
    expect(formatAddress({ user: 'u', host: 'example.com', port: 22 })).toBe('u@example.com:22');
  });

  it('prints a table with the jump host by name', () => {
    const bastion = server({ id: 'b', name: 'bastion', auth: { kind: 'agent' } });
    const web = server({ proxyJumpServerId: 'b', hostKeyFingerprint: null, auth: { kind: 'password' } });
    expect(formatServerTable([bastion, web])).toBe(
      [
        'NAME     ADDRESS                AUTH       VIA      HOST KEY',
        'bastion  deploy@203.0.113.7:22  ssh-agent  -        remembered',
        'web-1    deploy@203.0.113.7:22  password   bastion  not remembered',
        '',
      ].join('\n'),
    );
  });

  it('says how to add a server when there is none', () => {
    expect(formatServerTable([])).toMatch(/^No servers yet\. Add one with: mist server add/);
  });

  it('prints JSON with two-space indentation and a final newline', () => {
    expect(formatJson([{ a: 1 }])).toBe('[\n  {\n    "a": 1\n  }\n]\n');
  });
});

describe('server check output', () => {
  it('lists each item with its status and the fix under a failed item', () => {
    const result = check([
      item('ssh', 'ok', 'SSH', 'Connected as deploy to 203.0.113.7:22.'),
      item('docker-socket', 'fail', 'Docker socket', 'Permission denied.', 'sudo usermod -aG docker deploy'),
      item('traefik-network', 'warn', 'Traefik network', 'traefik-net does not exist yet.'),
    ]);
    expect(formatCheck(server(), result)).toBe(
      [
        'web-1  deploy@203.0.113.7:22  (checked in 412 ms)',
        '  ok    SSH              Connected as deploy to 203.0.113.7:22.',
        '  FAIL  Docker socket    Permission denied.',
        '                         fix: sudo usermod -aG docker deploy',
        '  warn  Traefik network  traefik-net does not exist yet.',
        '1 failed, 1 warning: not ready for deploys.',
        '',
      ].join('\n'),
    );
  });

  it('summarises', () => {
    expect(checkSummary(check([item('ssh', 'ok', 'SSH', '')]))).toBe('All checks passed.');
    expect(
      checkSummary(
        check([item('ssh', 'ok', 'SSH', ''), item('git', 'warn', 'git', ''), item('disk', 'warn', 'Disk', '')]),
      ),
    ).toBe('Ready, with 2 warnings.');
    expect(checkSummary(check([item('git', 'fail', 'git', ''), item('disk', 'fail', 'Disk', '')]))).toBe(
      '2 failed, 0 warnings: not ready for deploys.',
    );
  });
});
