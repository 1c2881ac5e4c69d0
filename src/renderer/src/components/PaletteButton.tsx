import { useMemo } from 'react';
import { openPalette } from '../hooks/useCommandUi';
import { isMacPlatform } from '../lib/shortcuts';

/** Opens the command palette: the way in for the mouse, and a reminder of Ctrl/Cmd+K. */
export function PaletteButton() {
  const mac = useMemo(() => isMacPlatform(navigator.platform), []);
  return (
    <button
      type="button"
      className="palette-button"
      onClick={openPalette}
      aria-keyshortcuts={mac ? 'Meta+K' : 'Control+K'}
    >
      <span>Find an app…</span>
      <kbd>{mac ? '⌘K' : 'Ctrl+K'}</kbd>
    </button>
  );
}
