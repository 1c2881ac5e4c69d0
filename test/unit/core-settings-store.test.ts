import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE, SettingsStore } from '../../src/main/core/settings/settings-store';
import { updateSettingsInputSchema } from '../../src/shared/schemas/settings';
import { makeTempDir, type TempDir } from '../fixtures/temp-home';

const DEFAULTS = { notifications: 'all', closeToTray: true };

describe('app settings in settings.json', () => {
  let dir: TempDir;
  afterEach(() => dir?.cleanup());

  it('defaults on first run, saved on update, read back by the next start', () => {
    dir = makeTempDir('mist-settings');
    const store = new SettingsStore(dir.path);
    expect(store.get()).toEqual(DEFAULTS);
    const changes: unknown[] = [];
    store.on('change', (s) => changes.push(s));
    expect(store.update({ notifications: 'failures' })).toEqual({ ...DEFAULTS, notifications: 'failures' });
    expect(changes).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir.path, SETTINGS_FILE), 'utf8'))).toMatchObject({
      notifications: 'failures',
    });
    expect(new SettingsStore(dir.path).get()).toEqual({ ...DEFAULTS, notifications: 'failures' });
  });

  it('a broken or partly invalid file gives the defaults for what is wrong', () => {
    dir = makeTempDir('mist-settings');
    writeFileSync(join(dir.path, SETTINGS_FILE), 'not json');
    expect(new SettingsStore(dir.path).get()).toEqual(DEFAULTS);
    writeFileSync(
      join(dir.path, SETTINGS_FILE),
      JSON.stringify({ notifications: 'loud', closeToTray: false, retired: -4 }),
    );
    expect(new SettingsStore(dir.path).get()).toEqual({ ...DEFAULTS, closeToTray: false });
  });

  it('update input is validated: known fields only, in range', () => {
    expect(updateSettingsInputSchema.safeParse({ closeToTray: false }).success).toBe(true);
    expect(updateSettingsInputSchema.safeParse({ notifications: 'sometimes' }).success).toBe(false);
    expect(updateSettingsInputSchema.safeParse({ closeToTray: 'yes' }).success).toBe(false);
    expect(updateSettingsInputSchema.safeParse({ theme: 'dark' }).success).toBe(false);
  });
});
