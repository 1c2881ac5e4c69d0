/** Times and hashes for display. Pure (unit-tested in renderer-time.test.ts). */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "12 s ago", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function formatRelativeTime(iso: string, nowMs: number): string {
  const at = new Date(iso).getTime();
  if (!Number.isFinite(at)) return '—';
  const ago = nowMs - at;
  if (ago < 10_000) return 'just now';
  if (ago < MINUTE) return `${Math.floor(ago / 1000)} s ago`;
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} days ago`;
  return iso.slice(0, 10);
}

/** How long something has been up: "42 s", "5 min", "2 h 5 min", "3 d 4 h". */
export function formatUptime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < MINUTE) return `${Math.floor(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min`;
  return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h`;
}

export function shortHash(hash: string | null): string {
  return hash ? hash.slice(0, 7) : '—';
}

/** The first line of a commit message, cut to `max` characters. */
export function commitTitle(message: string | null, max = 72): string {
  if (!message) return '';
  const first = message.split('\n')[0]!.trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
