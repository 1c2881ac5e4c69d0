/**
 * The recently opened apps and the pinned apps, as lists of app ids kept in localStorage, and which
 * app each Ctrl/Cmd+1..9 jumps to. Pure (unit-tested in renderer-recent-apps.test.ts); the storage
 * and subscription live in hooks/useAppLists.ts.
 */

export const RECENT_APPS_KEY = 'mist.recentApps';
export const PINNED_APPS_KEY = 'mist.pinnedApps';
/** How many recently opened apps are remembered. */
export const RECENT_LIMIT = 30;
/** Ctrl/Cmd+1 … Ctrl/Cmd+9. */
export const JUMP_SLOTS = 9;

/** `id` moved to the front (most recent first), without duplicates, at most `limit` long. */
export function withRecent(ids: readonly string[], id: string, limit = RECENT_LIMIT): string[] {
  return [id, ...ids.filter((other) => other !== id)].slice(0, limit);
}

/** `id` added at the end when it is not pinned, removed when it is. */
export function togglePinned(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id];
}

/** A stored list read back: anything that is not a JSON array of strings counts as empty. */
export function parseIdList(raw: string | null): string[] {
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return [...new Set(parsed.filter((id): id is string => typeof id === 'string' && id !== ''))];
  } catch {
    return [];
  }
}

/**
 * The apps Ctrl/Cmd+1..9 open, in slot order: pinned apps first (in the order they were pinned),
 * then the most recently opened ones; apps that no longer exist are skipped.
 */
export function jumpTargets(
  pinned: readonly string[],
  recent: readonly string[],
  existing: ReadonlySet<string>,
  slots = JUMP_SLOTS,
): string[] {
  const targets: string[] = [];
  for (const id of [...pinned, ...recent]) {
    if (targets.length === slots) break;
    if (existing.has(id) && !targets.includes(id)) targets.push(id);
  }
  return targets;
}
