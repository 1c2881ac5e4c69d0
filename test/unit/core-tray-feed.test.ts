import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { TrayFeed, type TrayUpdate } from '../../src/main/core/tray/tray-feed';
import type { DeploymentDto, DeploymentStatus } from '../../src/shared/dto/app';
import type { ConnectionStateDto, ConnectionStatus } from '../../src/shared/dto/server';
import type { DeployNotificationSetting } from '../../src/shared/deploy-notification';
import { formatDuration, formatRelativeTime } from '../../src/shared/format-duration';

const D59 = formatDuration(59_000);
const MIN = formatDuration(60_000);

const NOW = Date.parse('2025-03-10T12:00:00Z');

function deployment(
  id: string,
  appId: string,
  number: number,
  status: DeploymentStatus,
  extra: Partial<DeploymentDto> = {},
) {
  const finished = ['success', 'failed', 'cancelled'].includes(status);
  return {
    id,
    appId,
    number,
    status,
    trigger: 'manual',
    commitHash: null,
    commitMessage: null,
    commitAuthor: null,
    image: null,
    stages: [],
    error: null,
    active: false,
    createdAt: new Date(NOW - 60_000).toISOString(),
    finishedAt: finished ? new Date(NOW - 1_000).toISOString() : null,
    durationMs: finished ? 59_000 : null,
    rollbackOf: null,
    ...extra,
  } satisfies DeploymentDto;
}

function state(serverId: string, status: ConnectionStatus): ConnectionStateDto {
  return { serverId, status, reason: null, attempt: 0, channels: 0, since: NOW };
}

function setup(setting: DeployNotificationSetting = 'all') {
  const deploys = new EventEmitter();
  const pool = Object.assign(new EventEmitter(), { states: () => [state('s1', 'connected')] });
  let notifications = setting;
  const feed = new TrayFeed({
    deploys,
    connections: pool,
    servers: () => [{ id: 's1', name: 'prod' }],
    names: (appId) => (appId === 'gone' ? null : { projectName: 'shop', appName: appId }),
    notifications: () => notifications,
    now: () => NOW,
  });
  const updates: TrayUpdate[] = [];
  feed.on('update', (update: TrayUpdate) => updates.push(update));
  const status = (d: DeploymentDto) => deploys.emit('event', { kind: 'status', deployment: d, message: null });
  return {
    feed,
    deploys,
    pool,
    updates,
    status,
    setNotifications: (next: DeployNotificationSetting) => (notifications = next),
    notes: () => updates.flatMap((u) => (u.notification ? [u.notification] : [])),
  };
}

const labels = (update: TrayUpdate | undefined) =>
  update?.tray.menu.flatMap((item) => (item.type === 'separator' ? [] : [item.label])) ?? [];

describe('TrayFeed: the tray and notifications from deploy events and connection states', () => {
  it('a success: deploying while it runs, then idle with a notification that opens it', () => {
    const t = setup();
    expect(t.feed.model().icon).toBe('idle');
    t.status(deployment('d1', 'web', 3, 'pending'));
    t.status(deployment('d1', 'web', 3, 'building'));
    expect(t.updates.at(-1)?.tray.icon).toBe('deploying');
    expect(t.updates.at(-1)?.tray.tooltip).toBe('Mist Desktop — deploying shop/web #3');
    expect(t.notes()).toEqual([]);
    t.status(deployment('d1', 'web', 3, 'success'));
    const last = t.updates.at(-1)!;
    expect(last.tray.icon).toBe('idle');
    expect(last.notification).toEqual({
      title: 'shop/web #3 deployed',
      body: `Live after ${D59}.`,
      action: { kind: 'open-deployment', deploymentId: 'd1' },
    });
    expect(labels(last)).toContain(
      `✓ shop/web #3 · ${D59} · ${formatRelativeTime(new Date(NOW - 1_000).toISOString(), NOW)}`,
    );
    expect(t.feed.appIdOf('d1')).toBe('web');
  });

  it('a failure: the failed icon and the first error line; a cancel is no failure', () => {
    const t = setup();
    t.status(deployment('d1', 'web', 4, 'building'));
    t.status(deployment('d1', 'web', 4, 'failed', { error: 'build failed: exit 2\nmore detail' }));
    expect(t.updates.at(-1)?.tray.icon).toBe('failed');
    expect(t.updates.at(-1)?.notification?.body).toBe(`Failed after ${D59}.\nbuild failed: exit 2`);
    t.status(deployment('d2', 'web', 5, 'cancelled'));
    expect(t.updates.at(-1)?.tray.icon).toBe('idle');
    expect(t.updates.at(-1)?.notification?.title).toBe('shop/web #5 cancelled');
  });

  it('the setting: failures only, then none; a repeated final event does not notify twice', () => {
    const t = setup('failures');
    t.status(deployment('d1', 'web', 1, 'success'));
    t.status(deployment('d2', 'web', 2, 'cancelled'));
    t.status(deployment('d3', 'web', 3, 'failed'));
    t.status(deployment('d3', 'web', 3, 'failed'));
    expect(t.notes().map((n) => n.title)).toEqual(['shop/web #3 failed']);
    t.setNotifications('none');
    t.status(deployment('d4', 'web', 4, 'failed'));
    expect(t.notes()).toHaveLength(1);
    expect(t.updates.at(-1)?.tray.icon).toBe('failed');
  });

  it('several deploys at once: all listed while running, each notifies as it ends', () => {
    const t = setup();
    t.status(deployment('a1', 'web', 1, 'building'));
    t.status(deployment('b1', 'api', 7, 'deploying'));
    t.status(deployment('c1', 'db', 2, 'pending'));
    expect(t.updates.at(-1)?.tray.tooltip).toBe('Mist Desktop — 3 deployments running');
    expect(labels(t.updates.at(-1))).toEqual(
      expect.arrayContaining([
        `shop/web #1 building… ${MIN}`,
        `shop/api #7 deploying… ${MIN}`,
        `shop/db #2 queued… ${MIN}`,
      ]),
    );
    t.status(deployment('b1', 'api', 7, 'failed'));
    expect(t.updates.at(-1)?.tray.icon).toBe('deploying');
    t.status(deployment('a1', 'web', 1, 'success'));
    t.status(deployment('c1', 'db', 2, 'cancelled'));
    expect(t.notes().map((n) => n.title)).toEqual([
      'shop/api #7 failed',
      'shop/web #1 deployed',
      'shop/db #2 cancelled',
    ]);
    // the newest finished one decides the icon: a cancel after the failure
    expect(t.updates.at(-1)?.tray.icon).toBe('idle');
    expect(t.feed.model().menu.filter((i) => i.type === 'item' && i.action.kind === 'open-deployment')).toHaveLength(3);
  });

  it('connection states update the servers in the menu; log events and deleted apps are ignored', () => {
    const t = setup();
    expect(labels({ tray: t.feed.model() })).toContain('prod · connected');
    t.pool.emit('state', state('s1', 'connected'));
    expect(t.updates).toHaveLength(0);
    t.pool.emit('state', state('s1', 'reconnecting'));
    expect(labels(t.updates.at(-1))).toContain('prod · reconnecting…');
    t.deploys.emit('event', { kind: 'log', deploymentId: 'd1', line: { seq: 1, stream: 'stdout', text: 'x', at: '' } });
    t.status(deployment('d9', 'gone', 1, 'success'));
    expect(t.updates).toHaveLength(1);
  });

  it('stop() unsubscribes from both sources', () => {
    const t = setup();
    t.feed.stop();
    expect(t.deploys.listenerCount('event')).toBe(0);
    expect(t.pool.listenerCount('state')).toBe(0);
  });
});
