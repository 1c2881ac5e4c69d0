import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customTemplatesDir, loadTemplates } from '../../src/main/core/templates/template-catalog';

const builtinDir = join(__dirname, '..', '..', 'templates');
const redis = JSON.parse(readFileSync(join(builtinDir, 'redis.json'), 'utf8')) as Record<string, unknown>;

let dataDir: string;
let customDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mist-templates-'));
  customDir = customTemplatesDir(dataDir);
  mkdirSync(customDir);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const write = (name: string, content: unknown) =>
  writeFileSync(join(customDir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
const errorsOf = (result: ReturnType<typeof loadTemplates>, name: string) =>
  result.invalid.find((i) => i.file === join(customDir, name))?.errors;

describe('loadTemplates with custom templates', () => {
  it('a missing custom folder is simply empty', () => {
    const result = loadTemplates({ builtinDir, customDir: join(dataDir, 'nope') });
    expect(result.invalid).toEqual([]);
    expect(result.templates.length).toBe(7);
  });

  it('adds a valid custom template, marked custom', () => {
    write('keydb.json', {
      ...redis,
      id: 'keydb',
      name: 'KeyDB',
      image: 'eqalpha/keydb',
      tags: ['6.3'],
      defaultTag: '6.3',
    });
    write('notes.txt', 'not a template');
    const result = loadTemplates({ builtinDir, customDir });
    expect(result.invalid).toEqual([]);
    const keydb = result.templates.find((t) => t.id === 'keydb');
    expect(keydb).toMatchObject({ source: 'custom', file: join(customDir, 'keydb.json'), image: 'eqalpha/keydb' });
    expect(keydb?.overrides).toBeUndefined();
  });

  it('lists every invalid file with readable errors naming the field', () => {
    write('broken.json', '{ "id": "broken", ');
    const { name: _n, image: _i, ...missing } = redis;
    write('missing.json', { ...missing, id: 'missing' });
    write('badtag.json', { ...redis, id: 'badtag', defaultTag: '19', tags: ['7.4'] });
    write('unknown.json', { ...redis, id: 'unknown', imagee: 'redis', recommended: { cpu: 1, memoryMb: 64, gpu: 1 } });
    write('badid.json', { ...redis, id: 'Bad_Id' });
    write('placeholder.json', { ...redis, id: 'placeholder', env: { A: '{{pasword}}', B: '{{ password }}' } });
    write('nopath.json', { ...redis, id: 'nopath', dataPaths: [{ fromMajor: 8, path: '/data' }] });
    write('array.json', []);

    const result = loadTemplates({ builtinDir, customDir });
    expect(result.templates.map((t) => t.id)).not.toEqual(
      expect.arrayContaining(['broken', 'missing', 'badtag', 'unknown', 'placeholder', 'nopath']),
    );
    expect(result.invalid).toHaveLength(8);

    expect(errorsOf(result, 'broken.json')?.[0]).toMatch(/^\(file\): not valid JSON: /);
    expect(errorsOf(result, 'missing.json')).toEqual(['name: is required', 'image: is required']);
    expect(errorsOf(result, 'badtag.json')).toEqual(['tags: must include the default tag "19"']);
    expect(errorsOf(result, 'unknown.json')).toEqual(['recommended.gpu: unknown key', 'imagee: unknown key']);
    expect(errorsOf(result, 'badid.json')?.[0]).toMatch(/^id: an id is a lowercase slug/);
    expect(errorsOf(result, 'placeholder.json')).toEqual([
      'env.A: unknown placeholder {{pasword}}: declare it in variables or secrets',
      'env.B: malformed placeholder: write {{name}} with no spaces',
    ]);
    expect(errorsOf(result, 'nopath.json')).toEqual([
      'tags.0: no dataPaths rule covers tag "6.2"',
      'tags.1: no dataPaths rule covers tag "7.2"',
      'tags.2: no dataPaths rule covers tag "7.4"',
    ]);
    expect(errorsOf(result, 'array.json')?.[0]).toMatch(/^\(file\): /);
  });

  it('a custom template with a built-in id replaces it, with a note', () => {
    write('my-redis.json', { ...redis, image: 'registry.example.com:5000/redis' });
    const result = loadTemplates({ builtinDir, customDir });
    const ids = result.templates.map((t) => t.id);
    expect(ids.filter((id) => id === 'redis')).toHaveLength(1);
    const mine = result.templates.find((t) => t.id === 'redis');
    expect(mine).toMatchObject({
      source: 'custom',
      image: 'registry.example.com:5000/redis',
      overrides: join(builtinDir, 'redis.json'),
    });
    expect(result.notes).toEqual([
      `${join(customDir, 'my-redis.json')}: replaces the built-in template "redis" (${join(builtinDir, 'redis.json')}).`,
    ]);
  });

  it('two custom files with one id: the first by name wins, the second is listed', () => {
    write('a.json', { ...redis, id: 'same', name: 'A' });
    write('b.json', { ...redis, id: 'same', name: 'B' });
    const result = loadTemplates({ builtinDir, customDir });
    expect(result.templates.find((t) => t.id === 'same')?.name).toBe('A');
    expect(errorsOf(result, 'b.json')).toEqual([`id: "same" is already defined by ${join(customDir, 'a.json')}`]);
  });

  it('a missing built-in folder is reported, not ignored', () => {
    const result = loadTemplates({ builtinDir: join(dataDir, 'no-builtins'), customDir });
    expect(result.templates).toEqual([]);
    expect(result.invalid).toEqual([
      { file: join(dataDir, 'no-builtins'), errors: ['(folder): cannot read the templates folder (ENOENT)'] },
    ]);
  });
});
