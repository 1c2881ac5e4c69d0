import { describe, expect, it } from 'vitest';
import type { DeploymentStatus } from '../../src/shared/dto/app';
import { formatDuration, formatRelativeTime } from '../../src/shared/format-duration';
import {
  TRAY_RECENT_LIMIT,
  TRAY_RUNNING_LIMIT,
  trayIconFile,
  trayModel,
  type TrayDeployment,
  type TrayServer,
  type TrayState,
} from '../../src/shared/tray-model';

const NOW = Date.parse('2025-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function running(number: number, status: DeploymentStatus, startedAgoMs: number, app = 'web'): TrayDeployment {
  return {
    id: `d-${app}-${number}`,
    number,
    status,
    projectName: 'shop',
    appName: app,
    createdAt: ago(startedAgoMs),
    finishedAt: null,
    durationMs: null,
  };
}

function finished(
  number: number,
  status: DeploymentStatus,
  finishedAgoMs: number,
  durationMs: number | null = 42 * SECOND,
  app = 'web',
): TrayDeployment {
  return {
    id: `d-${app}-${number}`,
    number,
    status,
    projectName: 'shop',
    appName: app,
    createdAt: ago(finishedAgoMs + (durationMs ?? 0)),
    finishedAt: ago(finishedAgoMs),
    durationMs,
  };
}

const SERVERS: TrayServer[] = [
  { id: 's1', name: 'prod', status: 'connected' },
  { id: 's2', name: 'staging', status: 'reconnecting' },
];

function state(partial: Partial<TrayState>): TrayState {
  return { servers: SERVERS, running: [], recent: [], now: NOW, ...partial };
}

const labels = (s: TrayState) => trayModel(s).menu.map((item) => (item.type === 'separator' ? '---' : item.label));

describe('trayModel icon', () => {
  it('is idle with nothing happening', () => {
    expect(trayModel(state({})).icon).toBe('idle');
    expect(trayModel(state({ recent: [finished(11, 'success', 3 * MINUTE)] })).icon).toBe('idle');
  });

  it('is deploying while any deployment is queued, building or deploying, even after a failure', () => {
    for (const status of ['pending', 'building', 'deploying'] as const) {
      expect(trayModel(state({ running: [running(12, status, MINUTE)] })).icon).toBe('deploying');
    }
    const afterFailure = state({
      running: [running(12, 'building', MINUTE)],
      recent: [finished(11, 'failed', MINUTE)],
    });
    expect(trayModel(afterFailure).icon).toBe('deploying');
  });

  it('shows a failure until a newer deployment finishes', () => {
    const failed = finished(11, 'failed', 5 * MINUTE);
    expect(trayModel(state({ recent: [failed] })).icon).toBe('failed');
    // The list's order does not matter: the newest finishedAt decides.
    expect(trayModel(state({ recent: [finished(10, 'success', 60 * MINUTE), failed] })).icon).toBe('failed');
    expect(trayModel(state({ recent: [failed, finished(12, 'success', MINUTE)] })).icon).toBe('idle');
    // A cancel is somebody's decision, not a failure.
    expect(trayModel(state({ recent: [finished(12, 'cancelled', MINUTE)] })).icon).toBe('idle');
    expect(trayModel(state({ recent: [failed, finished(12, 'cancelled', MINUTE)] })).icon).toBe('idle');
  });

  it('goes idle → deploying → failed → deploying → idle through a failed deploy and its fix', () => {
    const steps: TrayState[] = [
      state({}),
      state({ running: [running(1, 'building', 10 * SECOND)] }),
      state({ recent: [finished(1, 'failed', SECOND)] }),
      state({ running: [running(2, 'pending', SECOND)], recent: [finished(1, 'failed', MINUTE)] }),
      state({ recent: [finished(1, 'failed', 3 * MINUTE), finished(2, 'success', SECOND)] }),
    ];
    expect(steps.map((s) => trayModel(s).icon)).toEqual(['idle', 'deploying', 'failed', 'deploying', 'idle']);
  });

  it('names the icon files by state and theme', () => {
    expect(trayIconFile('deploying', 'dark')).toBe('tray-deploying-dark.png');
    expect(trayIconFile('idle', 'light')).toBe('tray-idle-light.png');
    expect(trayIconFile('failed', 'light')).toBe('tray-failed-light.png');
  });
});

describe('trayModel tooltip', () => {
  it('says what is happening', () => {
    expect(trayModel(state({})).tooltip).toBe('Mist Desktop — 1 of 2 servers connected');
    expect(trayModel(state({ servers: [SERVERS[0]!] })).tooltip).toBe('Mist Desktop — 1 of 1 server connected');
    expect(trayModel(state({ servers: [] })).tooltip).toBe('Mist Desktop');
    expect(trayModel(state({ running: [running(12, 'building', MINUTE)] })).tooltip).toBe(
      'Mist Desktop — deploying shop/web #12',
    );
    expect(
      trayModel(state({ running: [running(12, 'building', MINUTE), running(3, 'pending', 0, 'api')] })).tooltip,
    ).toBe('Mist Desktop — 2 deployments running');
    expect(trayModel(state({ recent: [finished(11, 'failed', MINUTE)] })).tooltip).toBe(
      'Mist Desktop — shop/web #11 failed',
    );
  });
});

describe('trayModel menu', () => {
  it('lists servers, running and recent deployments, then the window and quit', () => {
    const model = trayModel(
      state({
        running: [running(12, 'building', MINUTE + 20 * SECOND)],
        recent: [finished(11, 'success', 3 * MINUTE), finished(4, 'failed', 26 * 3_600_000, 65 * SECOND, 'api')],
      }),
    );
    expect(model.menu).toEqual([
      { type: 'heading', label: 'Servers' },
      { type: 'item', label: 'prod · connected', action: { kind: 'open-server', serverId: 's1' } },
      { type: 'item', label: 'staging · reconnecting…', action: { kind: 'open-server', serverId: 's2' } },
      { type: 'separator' },
      { type: 'heading', label: 'Deploying' },
      {
        type: 'item',
        label: 'shop/web #12 building… 1 min 20 s',
        action: { kind: 'open-deployment', deploymentId: 'd-web-12' },
      },
      { type: 'separator' },
      { type: 'heading', label: 'Recent deployments' },
      {
        type: 'item',
        label: '✓ shop/web #11 · 42 s · 3 min ago',
        action: { kind: 'open-deployment', deploymentId: 'd-web-11' },
      },
      {
        type: 'item',
        label: '✗ shop/api #4 · 1 min 05 s · yesterday',
        action: { kind: 'open-deployment', deploymentId: 'd-api-4' },
      },
      { type: 'separator' },
      { type: 'item', label: 'Open Mist Desktop', action: { kind: 'open-window' } },
      { type: 'item', label: 'Quit', action: { kind: 'quit' } },
    ]);
  });

  it('leaves out empty sections and offers to add a server when there is none', () => {
    expect(trayModel(state({ servers: [] })).menu).toEqual([
      { type: 'heading', label: 'Servers' },
      { type: 'item', label: 'No servers yet — add one…', action: { kind: 'open-window' } },
      { type: 'separator' },
      { type: 'item', label: 'Open Mist Desktop', action: { kind: 'open-window' } },
      { type: 'item', label: 'Quit', action: { kind: 'quit' } },
    ]);
  });

  it('words every connection status', () => {
    const servers: TrayServer[] = (['idle', 'connecting', 'connected', 'reconnecting', 'failed'] as const).map(
      (status, index) => ({ id: `s${index}`, name: `s${index}`, status }),
    );
    expect(labels(state({ servers })).slice(1, 6)).toEqual([
      's0 · not connected',
      's1 · connecting…',
      's2 · connected',
      's3 · reconnecting…',
      's4 · connection failed',
    ]);
  });

  it('lists running deployments oldest first with their stage and elapsed time', () => {
    const menu = labels(
      state({
        running: [running(3, 'pending', 5 * SECOND, 'api'), running(12, 'deploying', 2 * MINUTE + 3 * SECOND)],
      }),
    );
    expect(menu.slice(menu.indexOf('Deploying') + 1, menu.indexOf('Deploying') + 3)).toEqual([
      'shop/web #12 deploying… 2 min 03 s',
      'shop/api #3 queued… 5.0 s',
    ]);
  });

  it('caps a long queue with "+ N more", which opens the window', () => {
    const queue = Array.from({ length: TRAY_RUNNING_LIMIT + 2 }, (_, i) =>
      running(i + 1, 'pending', (20 - i) * SECOND),
    );
    const model = trayModel(state({ running: queue }));
    const deploying = model.menu.filter((item) => item.type === 'item' && item.action.kind === 'open-deployment');
    expect(deploying).toHaveLength(TRAY_RUNNING_LIMIT);
    expect(model.menu).toContainEqual({ type: 'item', label: '+ 2 more', action: { kind: 'open-window' } });
  });

  it('lists the newest finished deployments first, at most five, with ✓ ✗ and ⊘', () => {
    const recent = [
      finished(1, 'success', 10 * MINUTE),
      finished(6, 'cancelled', 10 * SECOND, 3 * SECOND),
      finished(2, 'failed', 9 * MINUTE),
      finished(5, 'success', MINUTE),
      finished(3, 'success', 8 * MINUTE),
      finished(4, 'success', 7 * MINUTE),
    ];
    const menu = labels(state({ recent }));
    const section = menu.slice(menu.indexOf('Recent deployments') + 1, menu.lastIndexOf('---'));
    expect(section).toHaveLength(TRAY_RECENT_LIMIT);
    expect(section).toEqual([
      '⊘ shop/web #6 · 3.0 s · 10 s ago',
      '✓ shop/web #5 · 42 s · 1 min ago',
      '✓ shop/web #4 · 42 s · 7 min ago',
      '✓ shop/web #3 · 42 s · 8 min ago',
      '✗ shop/web #2 · 42 s · 9 min ago',
    ]);
  });

  it('leaves out a duration or time it does not know', () => {
    const noDuration = finished(7, 'failed', 2 * MINUTE, null);
    const noTime = { ...finished(8, 'success', MINUTE), finishedAt: null };
    const menu = labels(state({ recent: [noDuration, noTime] }));
    expect(menu).toContain('✗ shop/web #7 · 2 min ago');
    expect(menu).toContain('✓ shop/web #8 · 42 s');
  });

  it('shows a deployment in one section only when the caller lists it in the wrong one', () => {
    // A deployment that just finished may still sit in `running` for a moment, and vice versa.
    const model = trayModel(
      state({ running: [finished(11, 'success', SECOND)], recent: [running(12, 'building', MINUTE)] }),
    );
    expect(model.icon).toBe('idle');
    expect(labels(state({ running: [finished(11, 'success', SECOND)] }))).not.toContain('Deploying');
    expect(model.menu.some((item) => item.type !== 'separator' && item.label.includes('#12'))).toBe(false);
  });

  it('does not reorder the lists it was given', () => {
    const recent = [finished(1, 'success', 10 * MINUTE), finished(2, 'success', MINUTE)];
    const before = recent.map((d) => d.number);
    trayModel(state({ recent }));
    expect(recent.map((d) => d.number)).toEqual(before);
  });
});

describe('formatDuration (shared)', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [999.7, '1.0 s'],
    [4_240, '4.2 s'],
    [9_960, '10 s'],
    [42_000, '42 s'],
    [59_600, '1 min 00 s'],
    [80_000, '1 min 20 s'],
    [65_000, '1 min 05 s'],
    [3_599_400, '59 min 59 s'],
    [3_720_000, '1 h 02 min'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%d ms → %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatRelativeTime (shared)', () => {
  it('says how long ago something happened', () => {
    expect(formatRelativeTime(ago(2_000), NOW)).toBe('just now');
    expect(formatRelativeTime(ago(-3_000), NOW)).toBe('just now');
    expect(formatRelativeTime(ago(42_000), NOW)).toBe('42 s ago');
    expect(formatRelativeTime(ago(5 * MINUTE + 10_000), NOW)).toBe('5 min ago');
    expect(formatRelativeTime(ago(3 * 3_600_000), NOW)).toBe('3 h ago');
    expect(formatRelativeTime(ago(30 * 3_600_000), NOW)).toBe('yesterday');
    expect(formatRelativeTime(ago(4 * 86_400_000), NOW)).toBe('4 days ago');
    expect(formatRelativeTime('2024-12-25T08:00:00Z', NOW)).toBe('2024-12-25');
    expect(formatRelativeTime('not a date', NOW)).toBe('—');
  });
});
