import { describe, expect, it } from 'vitest';
import type { AppDto, ProjectDto } from '../../src/shared/dto/app';
import type { ServerDto } from '../../src/shared/dto/server';
import { preparePaletteItems, rankPaletteItems } from '../../src/shared/fuzzy-match';
import { appPaletteItems, domainUrl, isDeployable, paletteActions } from '../../src/renderer/src/lib/palette-items';
import { appDto, projectDto, serverDto } from '../support/dto-fixtures';

const server = (id: string, name: string): ServerDto => serverDto({ id, name, host: `${name}.example.com` });
const project = (id: string, name: string, serverId: string): ProjectDto =>
  projectDto({ id, name, serverId, appCount: 0 });
const app = (id: string, name: string, projectId: string, serverId: string, patch: Partial<AppDto> = {}): AppDto =>
  appDto({ id, name, projectId, serverId, gitUrl: 'acme/web', ...patch });

const servers = [server('s1', 'prod'), server('s2', 'staging')];
const projects = [project('p1', 'shop', 's1'), project('p2', 'blog', 's2'), project('p3', 'api', 's1')];
const apps = [
  app('a1', 'web', 'p1', 's1'),
  app('a2', 'web', 'p2', 's2'),
  app('a3', 'db', 'p1', 's1', { type: 'database', gitUrl: null }),
  app('a4', 'worker', 'p3', 's1', { type: 'service' }),
];

describe('palette items', () => {
  it('labels every app project/app with its server and type, in server order then by label', () => {
    const items = appPaletteItems(apps, projects, servers);
    expect(items.map((item) => [item.id, item.label, item.detail])).toEqual([
      ['a4', 'api/worker', 'prod · service'],
      ['a3', 'shop/db', 'prod · database'],
      ['a1', 'shop/web', 'prod · web app'],
      ['a2', 'blog/web', 'staging · web app'],
    ]);
    expect(items[0]!.app).toBe(apps[3]);
    expect(items[0]!.serverName).toBe('prod');
  });

  it('finds apps by project/app, and by server name through the detail', () => {
    const prepared = preparePaletteItems(appPaletteItems(apps, projects, servers));
    expect(rankPaletteItems(prepared, 'shweb').map((r) => r.item.label)).toEqual(['shop/web']);
    expect(rankPaletteItems(prepared, 'staging').map((r) => r.item.label)).toEqual(['blog/web']);
    expect(rankPaletteItems(prepared, '', { recentIds: ['a2'] })[0]!.item.label).toBe('blog/web');
  });
});

describe('palette actions', () => {
  const labels = (actions: { label: string }[]) => actions.map((action) => action.label);

  it('lists every action on a web app, one Open per domain', () => {
    const actions = paletteActions(apps[0]!, 'prod', [
      { host: 'shop.example.com', displayHost: 'shop.example.com' },
      { host: 'xn--bcher-kva.example', displayHost: 'bücher.example' },
    ]);
    expect(labels(actions)).toEqual([
      'Open',
      'Deploy',
      'Roll back',
      'Restart',
      'Stop',
      'Logs',
      'Shell',
      'Open shop.example.com',
      'Open bücher.example',
      'Go to server',
      'Settings',
    ]);
    expect(actions.find((action) => action.label === 'Open bücher.example')).toMatchObject({
      kind: 'open-domain',
      host: 'xn--bcher-kva.example',
    });
    expect(actions.find((action) => action.kind === 'server')?.detail).toBe('prod');
    expect(new Set(actions.map((action) => action.id)).size).toBe(actions.length);
  });

  it('offers Deploy only when the app can be deployed, and Open domain only with domains', () => {
    const noRepo = app('a9', 'x', 'p1', 's1', { gitUrl: null });
    expect(isDeployable(noRepo)).toBe(false);
    expect(labels(paletteActions(noRepo, 'prod'))).not.toContain('Deploy');
    expect(isDeployable(apps[2]!)).toBe(true); // a database runs its template's image
    expect(labels(paletteActions(apps[2]!, 'prod'))).toContain('Deploy');
    // a database app changes its version instead of rolling back
    expect(labels(paletteActions(apps[2]!, 'prod'))).not.toContain('Roll back');
    expect(paletteActions(apps[0]!, 'prod').some((action) => action.kind === 'open-domain')).toBe(false);
  });

  it('ranks actions by what is typed', () => {
    const prepared = preparePaletteItems(paletteActions(apps[0]!, 'prod'));
    expect(rankPaletteItems(prepared, 'dep')[0]!.item.kind).toBe('deploy');
    expect(rankPaletteItems(prepared, 'rest')[0]!.item.kind).toBe('restart');
    expect(rankPaletteItems(prepared, 'sh')[0]!.item.kind).toBe('shell');
  });

  it('opens domains over https', () => {
    expect(domainUrl('shop.example.com')).toBe('https://shop.example.com/');
  });
});
