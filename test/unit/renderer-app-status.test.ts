import { describe, expect, it } from 'vitest';
import type { AppStatusDto } from '../../src/shared/dto/app';
import {
  appStatusLabel,
  appsWatchKey,
  controlAvailability,
  mergeAppStatuses,
} from '../../src/renderer/src/lib/app-status';

const status = (appId: string, patch: Partial<AppStatusDto> = {}): AppStatusDto => ({
  appId,
  status: 'running',
  containerState: 'running',
  startedAt: '2025-03-01T10:00:00Z',
  exitCode: null,
  ...patch,
});

describe('renderer app statuses', () => {
  it('applies statuses in order and keeps the same object when nothing changed', () => {
    const first = mergeAppStatuses(undefined, [status('a'), status('b')]);
    expect(Object.keys(first)).toEqual(['a', 'b']);
    expect(mergeAppStatuses(first, [status('a')])).toBe(first);
    const stopped = mergeAppStatuses(first, [
      status('a', { status: 'stopped', containerState: 'exited', exitCode: 0 }),
    ]);
    expect(stopped.a?.status).toBe('stopped');
    expect(stopped.b).toBe(first.b);
    expect(mergeAppStatuses(undefined, [])).toEqual({});
  });

  it('a compose app whose running count changes within partial is a change', () => {
    const first = mergeAppStatuses(undefined, [status('c', { status: 'partial', summary: '1/3 running' })]);
    const next = mergeAppStatuses(first, [status('c', { status: 'partial', summary: '2/3 running' })]);
    expect(next).not.toBe(first);
    expect(next.c?.summary).toBe('2/3 running');
  });

  it('names every status', () => {
    expect(appStatusLabel('running')).toBe('Running');
    expect(appStatusLabel('not-deployed')).toBe('Not deployed');
    expect(appStatusLabel('deploying')).toBe('Deploying');
    expect(appStatusLabel('partial')).toBe('Partly running');
    expect(appStatusLabel(undefined)).toBe('Status unknown');
  });

  it('offers the controls that make sense', () => {
    expect(controlAvailability('running')).toEqual({ start: false, stop: true, restart: true });
    expect(controlAvailability('stopped')).toEqual({ start: true, stop: false, restart: true });
    expect(controlAvailability('not-deployed')).toEqual({ start: false, stop: false, restart: false });
    expect(controlAvailability(undefined)).toEqual({ start: true, stop: true, restart: true });
  });

  it('keys the status stream by the set of apps', () => {
    expect(appsWatchKey([{ id: 'b' }, { id: 'a' }])).toBe(appsWatchKey([{ id: 'a' }, { id: 'b' }]));
    expect(appsWatchKey(undefined)).toBe('');
  });
});
