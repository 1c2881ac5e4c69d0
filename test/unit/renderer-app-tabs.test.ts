import { describe, expect, it } from 'vitest';
import type { AppType } from '../../src/shared/dto/app';
import { appTabsFor } from '../../src/renderer/src/lib/app-tabs';
import { APP_TABS } from '../../src/renderer/src/lib/route';

const TYPES: AppType[] = ['web', 'service', 'database', 'compose'];

describe('appTabsFor', () => {
  it('lists each tab once, starting with Overview and ending with Activity, all known to the router', () => {
    for (const type of TYPES) {
      const ids = appTabsFor(type).map((tab) => tab.id);
      expect(new Set(ids).size, type).toBe(ids.length);
      expect(ids[0]).toBe('overview');
      expect(ids.at(-1)).toBe('activity');
      for (const id of ids) expect(APP_TABS).toContain(id);
    }
  });

  it('gives each type the tabs that apply to it', () => {
    const ids = (type: AppType) => appTabsFor(type).map((tab) => tab.id);
    expect(ids('database')).toContain('database');
    expect(ids('database')).not.toContain('git');
    expect(ids('database')).not.toContain('domains');
    expect(ids('compose')).not.toContain('resources');
    expect(ids('service')).not.toContain('domains');
    for (const type of TYPES) expect(ids(type)).toEqual(expect.arrayContaining(['logs', 'shell', 'environment']));
  });
});
