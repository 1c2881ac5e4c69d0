import { describe, expect, it } from 'vitest';
import type { TemplateDto } from '../../src/shared/dto/template';
import { createAppInputSchema } from '../../src/shared/schemas/app';
import { databaseContainerSpec, placeholderValues } from '../../src/main/core/databases/database-pipeline';
import {
  assertSameMajor,
  defaultVolumeName,
  majorOf,
  planDatabaseApp,
} from '../../src/main/core/databases/database-app-plan';
import { loadTemplates } from '../../src/main/core/templates/template-catalog';
import type { DeployableApp } from '../../src/main/core/deploy/deploy-pipeline';

const catalog = loadTemplates();
const template = (id: string): TemplateDto => catalog.templates.find((t) => t.id === id)!;
const input = (overrides: Record<string, unknown> = {}) =>
  createAppInputSchema.parse({ projectId: 'p1', name: 'db', type: 'database', template: 'postgres', ...overrides });

describe('planDatabaseApp', () => {
  it('takes the template port, default tag and recommended resources, and generates each secret once', () => {
    let calls = 0;
    const plan = planDatabaseApp(input(), template('postgres'), () => `secret${++calls}`);
    expect(plan.settings).toMatchObject({ port: 5432, templateTag: '18', cpuLimit: 1, memoryMb: 1024, gitUrl: null });
    expect(plan.generated).toEqual(['password']);
    expect(plan.env).toEqual([
      { key: 'POSTGRES_USER', value: 'postgres', secret: false },
      { key: 'POSTGRES_PASSWORD', value: 'secret1', secret: true },
      { key: 'POSTGRES_DB', value: 'app', secret: false },
    ]);
  });

  it('never overrides a value the user set, and then generates nothing for it', () => {
    const plan = planDatabaseApp(input({ env: { POSTGRES_PASSWORD: 'mine' } }), template('postgres'), () => {
      throw new Error('must not generate');
    });
    expect(plan.env).toContainEqual({ key: 'POSTGRES_PASSWORD', value: 'mine', secret: true });
    expect(plan.generated).toEqual([]);
  });

  it('refuses a tag the template does not list, naming the ones it does', () => {
    expect(() => planDatabaseApp(input({ version: '13' }), template('postgres'), () => 'x')).toThrow(
      /no version "13".*14, 15, 16, 17, 18/,
    );
  });

  it('names the volume after the app', () => {
    expect(defaultVolumeName('abc123')).toBe('mist-abc123-data');
  });
});

describe('version changes', () => {
  it('reads the major version of a tag', () => {
    expect([majorOf('17'), majorOf('16.4-alpine'), majorOf('v8.0'), majorOf('latest')]).toEqual([17, 16, 8, null]);
  });
  it('allows a change within the major version only', () => {
    expect(() => assertSameMajor(template('redis'), '7.4', '7.2')).not.toThrow();
    expect(() => assertSameMajor(template('postgres'), '17', '18')).toThrow(/major version/);
  });
});

describe('the create schema keeps fields to their app type', () => {
  it('refuses a database without a template, and a repository on a database', () => {
    expect(
      createAppInputSchema.safeParse({ projectId: 'p1', name: 'db', type: 'database' }).error?.issues[0]?.path,
    ).toEqual(['template']);
    expect(
      createAppInputSchema.safeParse({
        projectId: 'p1',
        name: 'db',
        type: 'database',
        template: 'redis',
        gitUrl: 'a/b',
      }).success,
    ).toBe(false);
  });
  it('refuses database and compose fields on a web app', () => {
    for (const extra of [
      { template: 'redis' },
      { publishPort: true },
      { composeFile: 'x.yml' },
      { attachVolume: 'v' },
    ]) {
      expect(
        createAppInputSchema.safeParse({ projectId: 'p1', name: 'w', type: 'web', ...extra }).success,
        JSON.stringify(extra),
      ).toBe(false);
    }
  });
});

describe('the database container', () => {
  const app = {
    id: 'a1',
    projectId: 'p1',
    name: 'db',
    port: 5432,
    restartPolicy: 'unless-stopped',
    cpuLimit: 1,
    memoryMb: 1024,
    database: { templateId: 'postgres', tag: '18', volumeName: 'mist-a1-data', publishPort: false },
  } as unknown as DeployableApp;
  const env = [
    { key: 'POSTGRES_USER', value: 'postgres' },
    { key: 'POSTGRES_PASSWORD', value: 's3cret' },
    { key: 'POSTGRES_DB', value: 'app' },
  ];

  it('mounts the volume at the data path of the version, stops the old one first, publishes nothing by default', () => {
    const values = placeholderValues(template('postgres'), env);
    const spec = databaseContainerSpec(app, template('postgres'), {
      deploymentId: 'd1',
      image: 'postgres:18',
      env,
      values,
    });
    expect(spec.volumes).toEqual([{ name: 'mist-a1-data', target: '/var/lib/postgresql' }]);
    expect(spec.exclusive).toBe(true);
    expect(spec.publishPort).toBe(false);
    expect(spec.labels).toMatchObject({ 'mist.app': 'a1', 'mist.template': 'postgres' });
    expect(spec.labels['mist.commit']).toBeUndefined();
    const older = { ...app, database: { ...app.database!, tag: '17', publishPort: true } } as DeployableApp;
    const spec17 = databaseContainerSpec(older, template('postgres'), {
      deploymentId: 'd1',
      image: 'postgres:17',
      env,
      values,
    });
    expect(spec17.volumes).toEqual([{ name: 'mist-a1-data', target: '/var/lib/postgresql/data' }]);
    expect(spec17.publishPort).toBe(true);
  });

  it('takes the password the env holds now; a missing one is an error, never a new one', () => {
    expect(placeholderValues(template('postgres'), env).password).toBe('s3cret');
    expect(() =>
      placeholderValues(
        template('postgres'),
        env.filter((v) => v.key !== 'POSTGRES_PASSWORD'),
      ),
    ).toThrow(/set POSTGRES_PASSWORD/);
  });
});
