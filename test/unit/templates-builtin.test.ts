import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPathFor } from '../../src/main/core/templates/template-data-path';
import { defaultBuiltinTemplatesDir, loadTemplates } from '../../src/main/core/templates/template-catalog';
import { fillTemplateEnv } from '../../src/main/core/templates/template-env';
import { renderArgs } from '../../src/main/core/templates/template-placeholders';
import { templateFileSchema, formatTemplateIssues } from '../../src/shared/schemas/template';

const builtinDir = join(__dirname, '..', '..', 'templates');
const files = readdirSync(builtinDir).filter((f) => f.endsWith('.json'));

describe('built-in templates', () => {
  it('the default folder is the repository templates/ folder', () => {
    expect(defaultBuiltinTemplatesDir()).toBe(builtinDir);
  });

  it('ships the seven databases', () => {
    expect(files.map((f) => basename(f, '.json')).sort()).toEqual(
      ['mariadb', 'minio', 'mongodb', 'mysql', 'postgres', 'rabbitmq', 'redis'].sort(),
    );
  });

  it.each(files)('%s validates and is named after its id', (file) => {
    const parsed = templateFileSchema.safeParse(JSON.parse(readFileSync(join(builtinDir, file), 'utf8')));
    expect(parsed.success ? [] : formatTemplateIssues(parsed.error)).toEqual([]);
    expect(parsed.data?.id).toBe(basename(file, '.json'));
  });

  it('loads with no invalid file and no notes', () => {
    const catalog = loadTemplates({ builtinDir });
    expect(catalog.invalid).toEqual([]);
    expect(catalog.notes).toEqual([]);
    expect(catalog.templates).toHaveLength(files.length);
    expect(catalog.templates.every((t) => t.source === 'builtin')).toBe(true);
  });

  it.each(files)('%s fills every placeholder in env, command and health command for every tag', (file) => {
    const t = loadTemplates({ builtinDir }).templates.find((x) => x.file.endsWith(file))!;
    const { env, values } = fillTemplateEnv(t, {}, (s) => 'x'.repeat(s.length));
    const everything = [
      ...Object.values(env),
      ...renderArgs(t.command ?? [], values),
      ...renderArgs(t.healthCommand, values),
    ];
    for (const text of everything) expect(text).not.toMatch(/\{\{|\}\}/);
    for (const tag of t.tags) expect(dataPathFor(t, tag)).toMatch(/^\//);
  });

  it('uses the official images’ env names', () => {
    const byId = new Map(loadTemplates({ builtinDir }).templates.map((t) => [t.id, t]));
    expect(Object.keys(byId.get('postgres')!.env).sort()).toEqual([
      'POSTGRES_DB',
      'POSTGRES_PASSWORD',
      'POSTGRES_USER',
    ]);
    expect(Object.keys(byId.get('mysql')!.env).sort()).toEqual([
      'MYSQL_DATABASE',
      'MYSQL_PASSWORD',
      'MYSQL_ROOT_PASSWORD',
      'MYSQL_USER',
    ]);
    expect(Object.keys(byId.get('mariadb')!.env).sort()).toEqual([
      'MARIADB_DATABASE',
      'MARIADB_PASSWORD',
      'MARIADB_ROOT_PASSWORD',
      'MARIADB_USER',
    ]);
    expect(byId.get('mongodb')!.env).toMatchObject({
      MONGO_INITDB_ROOT_USERNAME: '{{user}}',
      MONGO_INITDB_ROOT_PASSWORD: '{{password}}',
    });
    expect(byId.get('rabbitmq')!.env).toMatchObject({
      RABBITMQ_DEFAULT_USER: '{{user}}',
      RABBITMQ_DEFAULT_PASS: '{{password}}',
    });
    expect(byId.get('minio')!.env).toEqual({ MINIO_ROOT_USER: '{{user}}', MINIO_ROOT_PASSWORD: '{{password}}' });
    expect(byId.get('minio')!.command).toEqual(['server', '/data', '--console-address', ':9001']);
    expect(byId.get('redis')!.command?.slice(0, 3)).toEqual(['redis-server', '--requirepass', '{{password}}']);
    expect(byId.get('redis')!.healthCommand.length).toBeGreaterThan(0);
    expect(Object.fromEntries([...byId.values()].map((t) => [t.id, [t.port, dataPathFor(t, t.defaultTag)]]))).toEqual({
      postgres: [5432, '/var/lib/postgresql'],
      mysql: [3306, '/var/lib/mysql'],
      mariadb: [3306, '/var/lib/mysql'],
      redis: [6379, '/data'],
      mongodb: [27017, '/data/db'],
      rabbitmq: [5672, '/var/lib/rabbitmq'],
      minio: [9000, '/data'],
    });
  });
});

describe('dataPathFor', () => {
  const postgres = loadTemplates({ builtinDir }).templates.find((t) => t.id === 'postgres')!;

  it('mounts .../data up to PostgreSQL 17 and /var/lib/postgresql from 18', () => {
    expect(postgres.tags).toEqual(expect.arrayContaining(['15', '16', '17', '18']));
    expect(dataPathFor(postgres, '15')).toBe('/var/lib/postgresql/data');
    expect(dataPathFor(postgres, '16')).toBe('/var/lib/postgresql/data');
    expect(dataPathFor(postgres, '17')).toBe('/var/lib/postgresql/data');
    expect(dataPathFor(postgres, '17.6-bookworm')).toBe('/var/lib/postgresql/data');
    expect(dataPathFor(postgres, '18')).toBe('/var/lib/postgresql');
    expect(dataPathFor(postgres, '18.1-alpine')).toBe('/var/lib/postgresql');
    expect(dataPathFor(postgres, '19')).toBe('/var/lib/postgresql');
  });

  it('refuses to guess for a tag with no version number', () => {
    expect(() => dataPathFor(postgres, 'latest')).toThrow(/does not say where tag "latest" keeps its data/);
  });

  it('an unbounded rule holds every tag; the first match wins', () => {
    const t = {
      id: 'x',
      dataPaths: [{ fromMajor: 3, toMajor: 4, path: '/a' }, { fromMajor: 4, path: '/b' }, { path: '/c' }],
    };
    expect(dataPathFor(t, '4.1-management')).toBe('/a');
    expect(dataPathFor(t, '5')).toBe('/b');
    expect(dataPathFor(t, '2')).toBe('/c');
    expect(dataPathFor(t, 'latest')).toBe('/c');
  });
});
