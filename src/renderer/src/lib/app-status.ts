import type { AppStatus, AppStatusDto } from '../../../shared/dto/app';

/** App statuses by app id, as the `apps.statusWatch` stream, `apps.status` and `apps.control` report them. */
export type AppStatuses = Readonly<Record<string, AppStatusDto>>;

/** Applies statuses in arrival order; returns `current` itself when nothing changed. */
export function mergeAppStatuses(current: AppStatuses | undefined, events: readonly AppStatusDto[]): AppStatuses {
  let next: Record<string, AppStatusDto> | null = null;
  for (const event of events) {
    const held = (next ?? current)?.[event.appId];
    if (
      held &&
      held.status === event.status &&
      held.containerState === event.containerState &&
      held.startedAt === event.startedAt &&
      held.exitCode === event.exitCode &&
      held.summary === event.summary
    )
      continue;
    next ??= { ...current };
    next[event.appId] = event;
  }
  return next ?? current ?? {};
}

const LABELS: Record<AppStatus, string> = {
  running: 'Running',
  partial: 'Partly running',
  stopped: 'Stopped',
  error: 'Error',
  building: 'Building',
  deploying: 'Deploying',
  'not-deployed': 'Not deployed',
};

export function appStatusLabel(status: AppStatus | undefined): string {
  return status ? LABELS[status] : 'Status unknown';
}

export interface ControlAvailability {
  start: boolean;
  stop: boolean;
  restart: boolean;
}

/** Which of Start / Stop / Restart make sense now (everything stays possible when the status is unknown). */
export function controlAvailability(status: AppStatus | undefined): ControlAvailability {
  switch (status) {
    case 'not-deployed':
      return { start: false, stop: false, restart: false };
    case 'running':
      return { start: false, stop: true, restart: true };
    case 'stopped':
    case 'error':
      return { start: true, stop: false, restart: true };
    default:
      return { start: true, stop: true, restart: true };
  }
}

/** A stable key for a set of app ids (order does not matter). */
export function appsWatchKey(apps: readonly { id: string }[] | undefined): string {
  return (apps ?? [])
    .map((app) => app.id)
    .sort()
    .join(',');
}
