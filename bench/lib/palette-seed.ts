import { newId } from '../../src/main/core/ids';
import type { Database } from '../../src/main/core/store/database';
import { AppsRepo } from '../../src/main/core/store/apps-repo';
import { ProjectsRepo } from '../../src/main/core/store/projects-repo';
import { ServersRepo } from '../../src/main/core/store/servers-repo';
import type { AppType } from '../../src/shared/dto/app';

/**
 * Seeds a store with servers, projects and apps through the store repos (no SSH: the servers point
 * at a loopback port nothing listens on, so any connection attempt is refused at once). Names are
 * varied like real ones, so the fuzzy matcher does real work: `{adjective}-{noun}` projects with
 * apps named after their role.
 */

const ADJECTIVES = ['blue', 'quiet', 'rapid', 'amber', 'north', 'silver', 'lucky', 'green', 'bold', 'misty'];
const NOUNS = ['shop', 'blog', 'billing', 'auth', 'search', 'media', 'crm', 'docs', 'metrics', 'chat'];
const APP_NAMES = [
  'web',
  'api',
  'worker',
  'db',
  'cache',
  'queue',
  'admin',
  'cron',
  'gateway',
  'frontend',
  'backend',
  'mailer',
  'scheduler',
  'storage',
  'analytics',
  'payments',
  'notifications',
  'importer',
  'exporter',
  'thumbnails',
  'webhooks',
  'search-indexer',
  'reports',
  'sessions',
  'uploads',
];
const TYPES: AppType[] = ['web', 'web', 'service', 'web', 'service'];

export interface SeedCounts {
  servers: number;
  projects: number;
  apps: number;
}

export function seedStore(db: Database, counts: SeedCounts, closedPort: number): void {
  const servers = new ServersRepo(db);
  const projects = new ProjectsRepo(db);
  const apps = new AppsRepo(db);
  const serverIds: string[] = [];
  for (let s = 0; s < counts.servers; s++) {
    const id = newId();
    servers.insert({
      id,
      name: `${ADJECTIVES[s % ADJECTIVES.length]}-server-${String(s + 1).padStart(2, '0')}`,
      host: '127.0.0.1',
      port: closedPort,
      user: 'deploy',
      authKind: 'agent',
      keyPath: null,
      secretRef: null,
      proxyJumpServerId: null,
      hostKeyFingerprint: null,
      dockerSocketPath: '/var/run/docker.sock',
      forwardAgent: false,
      publicAddress: null,
    });
    serverIds.push(id);
  }
  const perProject = Math.ceil(counts.apps / counts.projects);
  if (perProject > APP_NAMES.length) throw new Error(`at most ${APP_NAMES.length} apps per project`);
  let made = 0;
  for (let p = 0; p < counts.projects && made < counts.apps; p++) {
    const round = Math.floor(p / (ADJECTIVES.length * NOUNS.length));
    const name = `${ADJECTIVES[p % ADJECTIVES.length]}-${NOUNS[Math.floor(p / ADJECTIVES.length) % NOUNS.length]}${round > 0 ? `-${round + 1}` : ''}`;
    const project = projects.insert({ id: newId(), name, serverId: serverIds[p % serverIds.length]! });
    for (let a = 0; a < perProject && made < counts.apps; a++, made++) {
      const appName = APP_NAMES[(a + p) % APP_NAMES.length]!;
      apps.insert({
        id: newId(),
        projectId: project.id,
        type: TYPES[(a + p) % TYPES.length]!,
        templateId: null,
        volumeName: null,
        name: appName,
        description: '',
        port: 3000,
        gitUrl: `https://git.example.com/${name}/${appName}.git`,
        branch: 'main',
        dockerfilePath: './Dockerfile',
        rootDir: '/',
        cpuLimit: null,
        memoryMb: null,
        restartPolicy: 'unless-stopped',
        logMaxSizeMb: 50,
        logMaxFiles: 5,
        healthCheckPath: null,
        healthCheckTimeoutS: 60,
        templateTag: null,
        publishPort: false,
        composeFile: null,
        publicService: null,
        publicPort: null,
        autoDeploy: false,
        watchIntervalS: 60,
      });
    }
  }
}
