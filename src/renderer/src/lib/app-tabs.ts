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

/** The tabs an app of each type has: a database has no repository, build or domains; compose no resource limits. */
const BY_TYPE: Record<AppType, readonly AppTab[]> = {
  web: [
    'overview',
    'deployments',
    'logs',
    'shell',
    'general',
    'git',
    'build',
    'resources',
    'environment',
    'domains',
    'activity',
  ],
  service: [
    'overview',
    'deployments',
    'logs',
    'shell',
    'general',
    'git',
    'build',
    'resources',
    'environment',
    'activity',
  ],
  database: ['overview', 'deployments', 'logs', 'shell', 'general', 'database', 'resources', 'environment', 'activity'],
  compose: [
    'overview',
    'deployments',
    'logs',
    'shell',
    'general',
    'git',
    'build',
    'environment',
    'domains',
    'activity',
  ],
};

export function appTabsFor(type: AppType): { id: AppTab; label: string }[] {
  return BY_TYPE[type].map((id) => ({ id, label: LABELS[id] }));
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
