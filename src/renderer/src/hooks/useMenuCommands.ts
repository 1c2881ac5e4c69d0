import { useEffect } from 'react';
import { getBridge } from '../bridge';
import { openPalette } from './useCommandUi';

/**
 * Carries out what the Electron shell's app menu, tray and notifications ask for: open the command
 * palette, or go to a page (`#/…` only). The web shell has no menu, so nothing arrives there.
 */
export function useMenuCommands(): void {
  useEffect(() => {
    const bridge = getBridge();
    return bridge.onMenuCommand?.((command) => {
      if (command.kind === 'open-palette') openPalette();
      else if (command.kind === 'navigate' && /^#\/[\w%./-]*$/.test(command.hash)) window.location.hash = command.hash;
    });
  }, []);
}
