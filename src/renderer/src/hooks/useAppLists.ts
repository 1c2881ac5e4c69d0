import { useSyncExternalStore } from 'react';
import { PINNED_APPS_KEY, RECENT_APPS_KEY, parseIdList, togglePinned, withRecent } from '../lib/recent-apps';

/**
 * The recently opened and the pinned apps, kept in localStorage (so they survive a restart) and
 * shared by every component that shows them; another window's changes arrive through `storage`.
 */

interface IdListStore {
  get(): readonly string[];
  set(ids: readonly string[]): void;
  subscribe(onChange: () => void): () => void;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: the lists live for this session only
  }
}

function idListStore(key: string): IdListStore {
  let current: readonly string[] | null = null;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    get() {
      current ??= parseIdList(storage()?.getItem(key) ?? null);
      return current;
    },
    set(ids) {
      current = ids;
      try {
        storage()?.setItem(key, JSON.stringify(ids));
      } catch {
        // full or disabled: keep the list in memory
      }
      notify();
    },
    subscribe(onChange) {
      const onStorage = (event: StorageEvent) => {
        if (event.key !== key) return;
        current = null;
        onChange();
      };
      listeners.add(onChange);
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(onChange);
        window.removeEventListener('storage', onStorage);
      };
    },
  };
}

const recentStore = idListStore(RECENT_APPS_KEY);
const pinnedStore = idListStore(PINNED_APPS_KEY);

export function useRecentAppIds(): readonly string[] {
  return useSyncExternalStore(recentStore.subscribe, recentStore.get);
}

export function usePinnedAppIds(): readonly string[] {
  return useSyncExternalStore(pinnedStore.subscribe, pinnedStore.get);
}

/** Called when an app page opens. */
export function recordRecentApp(appId: string): void {
  const next = withRecent(recentStore.get(), appId);
  if (next.join() !== recentStore.get().join()) recentStore.set(next);
}

export function togglePinnedApp(appId: string): void {
  pinnedStore.set(togglePinned(pinnedStore.get(), appId));
}
