import type { AppType } from '../../../shared/dto/app';
import type { AppTab } from './route';

const LABELS: Record<AppTab, string> = {
  overview: 'Overview',
  deployments: 'Deployments',
  logs: 'Logs',
  general: 'General',
  git: 'Git',
  build: 'Build',
  resources: 'Resources',
  database: 'Database',
  environment: 'Environment',
  domains: 'Domains',
  activity: 'Activity',
  shell: 'Shell',
};

/** Every tab, in page order; each app type leaves out the ones that do not apply to it. */
const ALL_TABS: readonly AppTab[] = [
  'overview',
  'deployments',
  'logs',
  'shell',
  'general',
  'git',
  'build',
  'database',
  'resources',
  'environment',
  'domains',
  'activity',
];

/** A database has no repository, build or domains; compose no resource limits; a service no domains. */
const LEFT_OUT: Record<AppType, ReadonlySet<AppTab>> = {
  web: new Set(['database']),
  service: new Set(['database', 'domains']),
  database: new Set(['git', 'build', 'domains']),
  compose: new Set(['resources', 'database']),
};

export function appTabsFor(type: AppType): { id: AppTab; label: string }[] {
  return ALL_TABS.filter((id) => !LEFT_OUT[type].has(id)).map((id) => ({ id, label: LABELS[id] }));
}

const TYPE_NAMES: Record<AppType, string> = {
  web: 'web app',
  service: 'service',
  database: 'database',
  compose: 'compose app',
};

export function appTypeName(type: AppType): string {
  return TYPE_NAMES[type];
}
