import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE, SettingsStore } from '../../src/main/core/settings/settings-store';
import { updateSettingsInputSchema } from '../../src/shared/schemas/settings';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';

const DEFAULTS = { notifications: 'all', closeToTray: true, logTail: 100, scrollback: 10_000 };

describe('app settings in settings.json', () => {
  let dir: TempDir;
  afterEach(() => dir?.cleanup());

  it('defaults on first run, saved on update, read back by the next start', () => {
    dir = makeTempDir('mist-settings');
    const store = new SettingsStore(dir.path);
    expect(store.get()).toEqual(DEFAULTS);
    const changes: unknown[] = [];
    store.on('change', (s) => changes.push(s));
    expect(store.update({ notifications: 'failures', logTail: 500 })).toEqual({
      ...DEFAULTS,
      notifications: 'failures',
      logTail: 500,
    });
    expect(changes).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir.path, SETTINGS_FILE), 'utf8'))).toMatchObject({ logTail: 500 });
    expect(new SettingsStore(dir.path).get()).toMatchObject({ notifications: 'failures', logTail: 500 });
  });

  it('a broken or partly invalid file gives the defaults for what is wrong', () => {
    dir = makeTempDir('mist-settings');
    writeFileSync(join(dir.path, SETTINGS_FILE), 'not json');
    expect(new SettingsStore(dir.path).get()).toEqual(DEFAULTS);
    writeFileSync(
      join(dir.path, SETTINGS_FILE),
      JSON.stringify({ notifications: 'loud', closeToTray: false, logTail: -4 }),
    );
    expect(new SettingsStore(dir.path).get()).toEqual({ ...DEFAULTS, closeToTray: false });
  });

  it('update input is validated: known fields only, in range', () => {
    expect(updateSettingsInputSchema.safeParse({ closeToTray: false }).success).toBe(true);
    expect(updateSettingsInputSchema.safeParse({ notifications: 'sometimes' }).success).toBe(false);
    expect(updateSettingsInputSchema.safeParse({ logTail: 20_000 }).success).toBe(false);
    expect(updateSettingsInputSchema.safeParse({ scrollback: 10 }).success).toBe(false);
    expect(updateSettingsInputSchema.safeParse({ theme: 'dark' }).success).toBe(false);
  });
});
