import type { AuthMethodDto, CheckStatus, ServerCheckDto, ServerDto } from '../../shared/dto/server';

/** Human output. Machine output is JSON.stringify of the DTOs, documented in docs/cli.md. */

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Columns padded to their widest cell, two spaces apart, no trailing spaces. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

export function formatAuth(auth: AuthMethodDto): string {
  switch (auth.kind) {
    case 'key':
      return `key ${auth.keyPath}${auth.hasPassphrase ? ' (passphrase)' : ''}`;
    case 'agent':
      return 'ssh-agent';
    case 'password':
      return 'password';
  }
}

export function formatAddress(server: Pick<ServerDto, 'user' | 'host' | 'port'>): string {
  const host = server.host.includes(':') && !server.host.startsWith('[') ? `[${server.host}]` : server.host;
  return `${server.user}@${host}:${server.port}`;
}

export function formatServerTable(servers: ServerDto[]): string {
  if (servers.length === 0) {
    return 'No servers yet. Add one with: mist server add NAME --host HOST --user USER --key PATH\n';
  }
  const byId = new Map(servers.map((s) => [s.id, s.name]));
  const rows = servers.map((s) => [
    s.name,
    formatAddress(s),
    formatAuth(s.auth),
    s.proxyJumpServerId ? (byId.get(s.proxyJumpServerId) ?? s.proxyJumpServerId) : '-',
    s.hostKeyFingerprint ? 'remembered' : 'not remembered',
  ]);
  return formatTable(['NAME', 'ADDRESS', 'AUTH', 'VIA', 'HOST KEY'], rows);
}

const STATUS_LABEL: Record<CheckStatus, string> = { ok: 'ok', warn: 'warn', fail: 'FAIL' };

/** The check as a list: one line per item, the fix indented under a failed or warned item. */
export function formatCheck(server: ServerDto, check: ServerCheckDto): string {
  const titleWidth = Math.max(...check.items.map((item) => item.title.length));
  const indent = ' '.repeat(2 + 4 + 2 + titleWidth + 2);
  const lines = [`${server.name}  ${formatAddress(server)}  (checked in ${check.durationMs} ms)`];
  for (const item of check.items) {
    lines.push(`  ${STATUS_LABEL[item.status].padEnd(4)}  ${item.title.padEnd(titleWidth)}  ${item.detail}`);
    if (item.fix && item.status !== 'ok') lines.push(`${indent}fix: ${item.fix}`);
  }
  lines.push(checkSummary(check));
  return lines.join('\n') + '\n';
}

export function checkSummary(check: ServerCheckDto): string {
  const failed = check.items.filter((item) => item.status === 'fail').length;
  const warned = check.items.filter((item) => item.status === 'warn').length;
  const warnings = `${warned} warning${warned === 1 ? '' : 's'}`;
  if (failed > 0) return `${failed} failed, ${warnings}: not ready for deploys.`;
  if (warned > 0) return `Ready, with ${warnings}.`;
  return 'All checks passed.';
}
