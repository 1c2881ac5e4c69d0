import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../support/test-core';

let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  core = null;
});

it('templates.list serves the built-in templates and lists an invalid custom file with its errors', async () => {
  core = await createTestCore();
  const custom = join(core.dataDir, 'templates');
  mkdirSync(custom, { recursive: true });
  writeFileSync(join(custom, 'broken.json'), '{ "id": "broken" }');
  const catalog = await core.handlers['templates.list']({});
  expect(catalog.templates.map((t) => t.id).sort()).toEqual([
    'mariadb',
    'minio',
    'mongodb',
    'mysql',
    'postgres',
    'rabbitmq',
    'redis',
  ]);
  expect(catalog.invalid).toEqual([
    expect.objectContaining({
      file: expect.stringContaining('broken.json'),
      errors: expect.arrayContaining([expect.stringMatching(/name/)]),
    }),
  ]);
});
