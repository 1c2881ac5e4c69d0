import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Window size and position, remembered between runs in the data directory. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1200, height: 780 };

export function loadWindowBounds(dataDir: string): WindowBounds {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as Partial<WindowBounds>;
    if (
      typeof saved.width === 'number' &&
      typeof saved.height === 'number' &&
      saved.width > 300 &&
      saved.height > 200
    ) {
      return { ...DEFAULT_BOUNDS, ...saved };
    }
  } catch {
    // first run or unreadable file: defaults
  }
  return DEFAULT_BOUNDS;
}

export function saveWindowBounds(dataDir: string, bounds: WindowBounds): void {
  try {
    writeFileSync(join(dataDir, 'window-state.json'), JSON.stringify(bounds));
  } catch {
    // not worth failing a quit over
  }
}
