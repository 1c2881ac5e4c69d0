/**
 * Durations and "… ago" as text, for words shown outside React (tray menu, notifications).
 * Pure. The renderer has its own copies in src/renderer/src/lib (shared code may not import the
 * renderer); formatRelativeTime here behaves exactly like the renderer's.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "850 ms", "4.2 s", "42 s", "1 min 05 s", "1 h 02 min"; "—" when negative or not a number. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  // Round first so 999.7 ms reads "1.0 s" and 59.6 s reads "1 min 00 s", never "1000 ms" or "60 s".
  if (Math.round(ms) < SECOND) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / SECOND);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function formatRelativeTime(iso: string, nowMs: number): string {
  const at = new Date(iso).getTime();
  if (!Number.isFinite(at)) return '—';
  const ago = nowMs - at;
  // A clock slightly behind the server's gives a small negative age: still "just now".
  if (ago < 10 * SECOND) return 'just now';
  if (ago < MINUTE) return `${Math.floor(ago / SECOND)} s ago`;
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  if (ago < 2 * DAY) return 'yesterday';
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} days ago`;
  return iso.slice(0, 10);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
