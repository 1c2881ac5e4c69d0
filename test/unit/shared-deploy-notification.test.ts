import { describe, expect, it } from 'vitest';
import type { DeploymentStatus } from '../../src/shared/dto/app';
import {
  NOTIFICATION_ERROR_MAX,
  deployNotification,
  firstErrorLine,
  type DeployNotificationSetting,
} from '../../src/shared/deploy-notification';

const NAMES = { projectName: 'shop', appName: 'web' };

function deployment(status: DeploymentStatus, extra: { durationMs?: number | null; error?: string | null } = {}) {
  return { id: 'dep-12', number: 12, status, durationMs: 42_000, error: null, ...extra };
}

const SETTINGS: DeployNotificationSetting[] = ['all', 'failures', 'none'];
const OPEN = { kind: 'open-deployment', deploymentId: 'dep-12' };

describe('deployNotification: when', () => {
  it.each(['pending', 'building', 'deploying'] as const)('never for a %s deployment', (status) => {
    for (const setting of SETTINGS) expect(deployNotification(deployment(status), NAMES, setting)).toBeNull();
  });

  it('never with the setting "none"', () => {
    for (const status of ['success', 'failed', 'cancelled'] as const) {
      expect(deployNotification(deployment(status), NAMES, 'none')).toBeNull();
    }
  });

  it('for every finished deployment with the setting "all"', () => {
    for (const status of ['success', 'failed', 'cancelled'] as const) {
      expect(deployNotification(deployment(status), NAMES, 'all')).not.toBeNull();
    }
  });

  it('only for failures with the setting "failures": a cancel is not a failure', () => {
    expect(deployNotification(deployment('success'), NAMES, 'failures')).toBeNull();
    expect(deployNotification(deployment('cancelled'), NAMES, 'failures')).toBeNull();
    expect(deployNotification(deployment('failed'), NAMES, 'failures')?.title).toBe('shop/web #12 failed');
  });
});

describe('deployNotification: what', () => {
  it('says a deployment went live, and how long it took', () => {
    expect(deployNotification(deployment('success'), NAMES, 'all')).toEqual({
      title: 'shop/web #12 deployed',
      body: 'Live after 42 s.',
      action: OPEN,
    });
    expect(deployNotification(deployment('success', { durationMs: 65_000 }), NAMES, 'all')?.body).toBe(
      'Live after 1 min 05 s.',
    );
    expect(deployNotification(deployment('success', { durationMs: null }), NAMES, 'all')?.body).toBe('Live.');
  });

  it('names a rollback by the deployment it went back to', () => {
    const rollback = (status: DeploymentStatus) => ({ ...deployment(status, { durationMs: 1_200 }), rollbackOf: 9 });
    expect(deployNotification(rollback('success'), NAMES, 'all')).toEqual({
      title: 'shop/web rolled back to #9',
      body: 'Live after 1.2 s as #12, without a build.',
      action: OPEN,
    });
    expect(deployNotification(rollback('failed'), NAMES, 'all')?.title).toBe('shop/web #12 (rollback to #9) failed');
    expect(deployNotification(rollback('cancelled'), NAMES, 'all')?.title).toBe(
      'shop/web #12 (rollback to #9) cancelled',
    );
    expect(deployNotification({ ...deployment('success'), rollbackOf: null }, NAMES, 'all')?.title).toBe(
      'shop/web #12 deployed',
    );
  });

  it('says a deployment was cancelled', () => {
    expect(deployNotification(deployment('cancelled', { durationMs: 3_000 }), NAMES, 'all')).toEqual({
      title: 'shop/web #12 cancelled',
      body: 'Cancelled after 3.0 s.',
      action: OPEN,
    });
  });

  it('shows the first line of a failure', () => {
    const failed = deployment('failed', {
      durationMs: 95_000,
      error: '\n   \n  The build failed: npm ERR! missing script: build  \nstep 7/9\nexit code 1',
    });
    expect(deployNotification(failed, NAMES, 'all')).toEqual({
      title: 'shop/web #12 failed',
      body: 'Failed after 1 min 35 s.\nThe build failed: npm ERR! missing script: build',
      action: OPEN,
    });
  });

  it('points to the log when a failure has no message', () => {
    for (const error of [null, '', '  \n\t\n']) {
      expect(deployNotification(deployment('failed', { error, durationMs: null }), NAMES, 'all')?.body).toBe(
        'Failed.\nOpen it to read the log.',
      );
    }
  });

  it('opens the deployment it is about', () => {
    const notification = deployNotification({ ...deployment('failed'), id: 'other' }, NAMES, 'failures');
    expect(notification?.action).toEqual({ kind: 'open-deployment', deploymentId: 'other' });
  });
});

describe('firstErrorLine', () => {
  it('takes the first line with text, trimmed, whatever the line endings', () => {
    expect(firstErrorLine('\r\n  first \r\nsecond')).toBe('first');
    expect(firstErrorLine('\r\rmac line\rnext')).toBe('mac line');
    expect(firstErrorLine('only')).toBe('only');
    expect(firstErrorLine(' \n ')).toBeNull();
    expect(firstErrorLine(null)).toBeNull();
  });

  it('cuts a long line to the limit, ending in an ellipsis', () => {
    const long = 'x'.repeat(500);
    const cut = firstErrorLine(long)!;
    expect(cut).toHaveLength(NOTIFICATION_ERROR_MAX);
    expect(cut.endsWith('x…')).toBe(true);
    expect(firstErrorLine('y'.repeat(NOTIFICATION_ERROR_MAX))).toBe('y'.repeat(NOTIFICATION_ERROR_MAX));
  });

  it('never splits a character made of two code units', () => {
    const cut = firstErrorLine('🔥'.repeat(10), 5)!;
    expect(cut).toBe('🔥🔥🔥🔥…');
  });
});
