import { describe, expect, it } from 'vitest';
import { appRoute, currentServerId, parseRoute, routeHash, type Route } from '../../src/renderer/src/lib/route';

describe('renderer routes', () => {
  it('reads every page from the hash', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/servers/srv_1')).toEqual({ page: 'server', serverId: 'srv_1' });
    expect(parseRoute('#/projects/p1')).toEqual({ page: 'project', projectId: 'p1' });
    expect(parseRoute('#/apps/a1')).toEqual(appRoute('a1'));
    expect(parseRoute('#/apps/a1/environment')).toEqual(appRoute('a1', 'environment'));
    expect(parseRoute('#/apps/a1/deployments')).toEqual(appRoute('a1', 'deployments'));
    expect(parseRoute('#/apps/a1/logs')).toEqual(appRoute('a1', 'logs'));
    expect(parseRoute('#/apps/a1/deployments/d9')).toEqual(appRoute('a1', 'deployments', 'd9'));
    expect(parseRoute('#/apps/a1/shell')).toEqual(appRoute('a1', 'shell'));
    expect(parseRoute('#/settings')).toEqual({ page: 'settings' });
  });

  it('falls back safely on unknown or broken addresses', () => {
    expect(parseRoute('#/servers/')).toEqual({ page: 'home' });
    expect(parseRoute('#/nowhere/x')).toEqual({ page: 'home' });
    expect(parseRoute('#/apps/a1/unknown-tab')).toEqual(appRoute('a1'));
    expect(parseRoute('#/apps/a1/git/d9')).toEqual(appRoute('a1', 'git'));
    expect(parseRoute('#/servers/%E0%A4%A')).toEqual({ page: 'home' });
  });

  it('writes hashes that read back to the same route', () => {
    const routes: Route[] = [
      { page: 'home' },
      { page: 'settings' },
      { page: 'server', serverId: 'a b/c' },
      { page: 'project', projectId: 'p1' },
      appRoute('a1'),
      appRoute('a1', 'resources'),
      appRoute('a1', 'deployments', 'dep/1'),
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash(appRoute('a1'))).toBe('#/apps/a1');
    expect(routeHash(appRoute('a1', 'overview', 'ignored'))).toBe('#/apps/a1');
  });
});

describe('renderer current server', () => {
  it('names the server the page belongs to (to pre-select it for a new project)', () => {
    const projects = [{ id: 'p1', serverId: 's1' }];
    const apps = [{ id: 'a1', serverId: 's2' }];
    expect(currentServerId({ page: 'server', serverId: 's9' }, projects, apps)).toBe('s9');
    expect(currentServerId({ page: 'project', projectId: 'p1' }, projects, apps)).toBe('s1');
    expect(currentServerId(appRoute('a1'), projects, apps)).toBe('s2');
    expect(currentServerId(appRoute('gone'), projects, apps)).toBeNull();
    expect(currentServerId({ page: 'home' }, projects, apps)).toBeNull();
  });
});
