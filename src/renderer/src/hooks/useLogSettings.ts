import { useCallback, useState } from 'react';

/** The log terminal's settings, remembered across restarts (localStorage). */
export interface LogSettings {
  /** Container logs: how many past lines to show before following. */
  tail: number;
  timestamps: boolean;
  wrap: boolean;
  /** Lines the terminal keeps; older ones are dropped so memory stays bounded. */
  scrollback: number;
}

export const TAIL_CHOICES = [100, 500, 1_000, 5_000, 10_000] as const;
export const SCROLLBACK_CHOICES = [1_000, 5_000, 10_000, 50_000, 100_000] as const;
export const DEFAULT_LOG_SETTINGS: LogSettings = { tail: 100, timestamps: false, wrap: true, scrollback: 10_000 };

const KEY = 'mist.logSettings';

function load(): LogSettings {
  try {
    const stored = JSON.parse(window.localStorage.getItem(KEY) ?? '{}') as Partial<LogSettings>;
    return {
      tail: (TAIL_CHOICES as readonly number[]).includes(stored.tail ?? -1) ? stored.tail! : DEFAULT_LOG_SETTINGS.tail,
      timestamps: typeof stored.timestamps === 'boolean' ? stored.timestamps : DEFAULT_LOG_SETTINGS.timestamps,
      wrap: typeof stored.wrap === 'boolean' ? stored.wrap : DEFAULT_LOG_SETTINGS.wrap,
      scrollback: (SCROLLBACK_CHOICES as readonly number[]).includes(stored.scrollback ?? -1)
        ? stored.scrollback!
        : DEFAULT_LOG_SETTINGS.scrollback,
    };
  } catch {
    return DEFAULT_LOG_SETTINGS;
  }
}

export function useLogSettings(): [LogSettings, (change: Partial<LogSettings>) => void] {
  const [settings, setSettings] = useState(load);
  const update = useCallback((change: Partial<LogSettings>) => {
    setSettings((current) => ({ ...current, ...change }));
    try {
      // merged with what is stored: other terminals keep their own copy of the other settings
      window.localStorage.setItem(KEY, JSON.stringify({ ...load(), ...change }));
    } catch {
      // private mode or full storage: the setting lasts this session only
    }
  }, []);
  return [settings, update];
}
