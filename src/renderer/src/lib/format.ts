import type { AuthMethodDto, CheckStatus, ConnectionStatus } from '../../../shared/dto/server';

/** Pure display helpers (unit-tested in test/unit/renderer-format.test.ts). */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** 1536 → "1.5 KiB"; one decimal below 10 units, none above. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.6 MiB rounds to 1024: show the next unit instead.
  if (rounded >= 1024 && unit < BYTE_UNITS.length - 1) return `1 ${BYTE_UNITS[unit + 1]}`;
  return `${rounded} ${BYTE_UNITS[unit]}`;
}

const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  idle: 'Idle',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  failed: 'Failed',
};

export function connectionLabel(status: ConnectionStatus): string {
  return CONNECTION_LABELS[status];
}

const CHECK_LABELS: Record<CheckStatus, string> = { ok: 'OK', warn: 'Warning', fail: 'Failed' };
const CHECK_ICONS: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✕' };

export function checkStatusLabel(status: CheckStatus): string {
  return CHECK_LABELS[status];
}

export function checkStatusIcon(status: CheckStatus): string {
  return CHECK_ICONS[status];
}

export function authLabel(auth: AuthMethodDto): string {
  switch (auth.kind) {
    case 'key':
      return `Private key ${auth.keyPath}${auth.hasPassphrase ? ' (passphrase in keychain)' : ''}`;
    case 'agent':
      return 'SSH agent';
    case 'password':
      return 'Password (in keychain)';
  }
}

/** "user@host", with ":port" when it is not 22 (IPv6 hosts are bracketed then). */
export function serverAddress(server: { user: string; host: string; port: number }): string {
  if (server.port === 22) return `${server.user}@${server.host}`;
  const host = server.host.includes(':') && !server.host.startsWith('[') ? `[${server.host}]` : server.host;
  return `${server.user}@${host}:${server.port}`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
