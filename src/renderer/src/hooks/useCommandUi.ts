import { useSyncExternalStore } from 'react';

/**
 * Whether the command palette or the shortcuts overlay is open: a tiny store so the sidebar button,
 * the global key handler and the overlays share one state without threading props through the frame.
 */

export type CommandOverlay = 'palette' | 'help' | null;

let overlay: CommandOverlay = null;
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export function setCommandOverlay(next: CommandOverlay): void {
  if (next === overlay) return;
  overlay = next;
  listeners.forEach((listener) => listener());
}

export const openPalette = (): void => setCommandOverlay('palette');

export function useCommandOverlay(): CommandOverlay {
  return useSyncExternalStore(subscribe, () => overlay);
}
