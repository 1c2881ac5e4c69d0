import type { AuthMethodDto, CheckStatus, ConnectionStatus } from '../../../shared/dto/server';

/** Pure display helpers (unit-tested in test/unit/renderer-format.test.ts). */

export { formatBytes } from '../../../shared/format-bytes';

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

export { pluralize } from '../../../shared/pluralize';
