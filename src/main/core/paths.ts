import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Where Mist Desktop keeps its data. `MIST_HOME` wins (tests, portable installs); otherwise the
 * per-user data directory Electron would pick, so the app, the CLI and the web shell share one store.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MIST_HOME) return env.MIST_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Mist Desktop');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Mist Desktop');
  // XDG: an empty or relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(xdg, 'mist-desktop');
}

export function databasePath(dataDir: string): string {
  return join(dataDir, 'mist.sqlite');
}
