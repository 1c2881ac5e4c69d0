import type { Terminal } from '@xterm/xterm';

interface ViewportInternals {
  _sync?: (ydisp?: number) => void;
}

/**
 * xterm.js 6 syncs its scrollbar with the buffer on every line feed while the scrollback fills
 * (upstream xtermjs/xterm.js#6106): in a log flood that is much of the cost of the first
 * `scrollback` lines, and the long main-thread tasks. This makes that per-line sync happen once per
 * animation frame. It reaches into xterm's private viewport, so it checks the shape first and leaves
 * a version without it alone (returns null). Returns a function that drops a pending sync: call it
 * before disposing of the terminal.
 */
export function syncScrollbarOncePerFrame(terminal: Terminal): (() => void) | null {
  const viewport = (terminal as unknown as { _core?: { _viewport?: ViewportInternals } })._core?._viewport;
  const sync = viewport?._sync;
  if (!viewport || typeof sync !== 'function') return null;
  let frame: number | null = null;
  viewport._sync = (ydisp?: number) => {
    // a position given comes from xterm's own once-per-frame queue: synced at once, as before
    if (ydisp !== undefined) return sync.call(viewport, ydisp);
    if (frame !== null) return;
    frame = requestAnimationFrame(() => {
      frame = null;
      sync.call(viewport);
    });
  };
  return () => {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
  };
}
