import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/main/core/templates/template-catalog';
import {
  MASK,
  renderConnectionString,
  renderConnectionStrings,
} from '../../src/main/core/templates/connection-strings';
import { fillTemplateEnv } from '../../src/main/core/templates/template-env';

const templates = loadTemplates({ builtinDir: join(__dirname, '..', '..', 'templates') }).templates;
const byId = (id: string) => templates.find((t) => t.id === id)!;

describe('renderConnectionString', () => {
  it('renders a PostgreSQL URI', () => {
    expect(
      renderConnectionString('postgresql://{{user}}:{{password}}@{{host}}:{{port}}/{{database}}', {
        user: 'postgres',
        password: 's3cret',
        host: 'app-abc123',
        port: '5432',
        database: 'app',
      }),
    ).toBe('postgresql://postgres:s3cret@app-abc123:5432/app');
  });

  it('percent-encodes values in URLs (not host and port), and leaves plain patterns alone', () => {
    const values = { user: 'a@b', password: 'p:w/@?#', host: '10.0.0.1', port: '3306', database: 'd b' };
    expect(renderConnectionString('mysql://{{user}}:{{password}}@{{host}}:{{port}}/{{database}}', values)).toBe(
      'mysql://a%40b:p%3Aw%2F%40%3F%23@10.0.0.1:3306/d%20b',
    );
    expect(renderConnectionString('{{password}}', values)).toBe('p:w/@?#');
  });

  it('masks the names asked for, and throws on a missing value', () => {
    expect(
      renderConnectionString(
        'redis://default:{{password}}@{{host}}:{{port}}',
        { password: 'x', host: 'h', port: '1' },
        { mask: ['password'] },
      ),
    ).toBe(`redis://default:${MASK}@h:1`);
    expect(() => renderConnectionString('{{host}}:{{port}}', { host: 'h' })).toThrow(/\{\{port\}\}/);
  });

  it('renders every built-in template’s strings, secrets hidden until revealed', () => {
    for (const t of templates) {
      const { values } = fillTemplateEnv(t, {}, () => 'Secret123');
      const hidden = renderConnectionStrings(t, values, { host: `app-x1`, port: t.port });
      const shown = renderConnectionStrings(t, values, { host: `app-x1`, port: t.port, reveal: true });
      expect(hidden.length).toBeGreaterThan(0);
      for (const { value } of [...hidden, ...shown]) expect(value).not.toMatch(/\{\{|\}\}/);
      expect(hidden.some((c) => c.value.includes('Secret123'))).toBe(false);
      expect(shown.some((c) => c.value.includes('Secret123'))).toBe(true);
    }
    const pg = byId('postgres');
    const { values } = fillTemplateEnv(pg, { POSTGRES_PASSWORD: 'pw' }, () => 'unused');
    expect(renderConnectionStrings(pg, values, { host: 'app-abc', port: 5432, reveal: true })[0]).toEqual({
      label: 'URI',
      value: 'postgresql://postgres:pw@app-abc:5432/app',
    });
  });
});
