import { describe, expect, it } from 'vitest';
import { generateSecret } from '../../src/main/core/templates/generate-secret';
import { fillTemplateEnv } from '../../src/main/core/templates/template-env';
import { renderArgs } from '../../src/main/core/templates/template-placeholders';
import type { TemplateSecret } from '../../src/shared/dto/template';

const mysqlLike = {
  variables: { user: 'app', database: 'app' },
  env: {
    MYSQL_ROOT_PASSWORD: '{{rootPassword}}',
    MYSQL_USER: '{{user}}',
    MYSQL_PASSWORD: '{{password}}',
    MYSQL_DATABASE: '{{database}}',
    APP_URL: 'mysql://{{user}}:{{password}}@db/{{database}}',
  },
  secrets: [
    { name: 'password', length: 32, alphabet: 'alnum' as const },
    { name: 'rootPassword', length: 24, alphabet: 'hex' as const },
  ],
};

function counter() {
  const calls: string[] = [];
  const generate = (s: TemplateSecret) => {
    calls.push(s.name);
    return `gen-${s.name}-${calls.length}`;
  };
  return { calls, generate };
}

describe('fillTemplateEnv', () => {
  it('generates each secret exactly once and uses it everywhere', () => {
    const { calls, generate } = counter();
    const filled = fillTemplateEnv(mysqlLike, {}, generate);
    expect(calls).toEqual(['password', 'rootPassword']);
    expect(filled.generated).toEqual(['password', 'rootPassword']);
    expect(filled.env).toEqual({
      MYSQL_ROOT_PASSWORD: 'gen-rootPassword-2',
      MYSQL_USER: 'app',
      MYSQL_PASSWORD: 'gen-password-1',
      MYSQL_DATABASE: 'app',
      APP_URL: 'mysql://app:gen-password-1@db/app',
    });
    expect(filled.secretKeys).toEqual(['APP_URL', 'MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD']);
    expect(filled.values).toMatchObject({ password: 'gen-password-1', user: 'app', database: 'app' });
  });

  it('keeps a value the user set and never overwrites it (nor generates a secret it already has)', () => {
    const { calls, generate } = counter();
    const filled = fillTemplateEnv(mysqlLike, { MYSQL_PASSWORD: 'hunter2!@', MYSQL_USER: 'alice' }, generate);
    expect(calls).toEqual(['rootPassword']);
    expect(filled.env.MYSQL_PASSWORD).toBe('hunter2!@');
    expect(filled.env.MYSQL_USER).toBe('alice');
    // The user's password flows into every other use of {{password}} and {{user}}.
    expect(filled.env.APP_URL).toBe('mysql://alice:hunter2!@@db/app');
    expect(filled.values.password).toBe('hunter2!@');
    expect(filled.generated).toEqual(['rootPassword']);
    expect(filled.secretKeys).toContain('MYSQL_PASSWORD');
  });

  it('never leaves a {{…}} placeholder in the result (Mist’s GENERATE bug)', () => {
    const filled = fillTemplateEnv(
      mysqlLike,
      { MYSQL_PASSWORD: '{{password}}', MYSQL_DATABASE: '', EXTRA_SECRET: '{{rootPassword}}', PLAIN: 'x' },
      generateSecret,
    );
    for (const value of Object.values(filled.env)) expect(value).not.toMatch(/\{\{|\}\}/);
    // "{{password}}" typed by the user means "fill it for me", and "" means not set.
    expect(filled.env.MYSQL_PASSWORD).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(filled.env.MYSQL_DATABASE).toBe('app');
    expect(filled.env.EXTRA_SECRET).toBe(filled.env.MYSQL_ROOT_PASSWORD);
    expect(filled.env.PLAIN).toBe('x');
    expect(filled.secretKeys).toContain('EXTRA_SECRET');
    expect(filled.secretKeys).not.toContain('PLAIN');
  });

  it('fills the command from the same values (Redis)', () => {
    const redis = {
      variables: {},
      env: { REDISCLI_AUTH: '{{password}}' },
      secrets: [{ name: 'password', length: 32, alphabet: 'alnum' as const }],
    };
    const generated = fillTemplateEnv(redis, {}, generateSecret);
    expect(renderArgs(['redis-server', '--requirepass', '{{password}}'], generated.values)).toEqual([
      'redis-server',
      '--requirepass',
      generated.env.REDISCLI_AUTH,
    ]);
    const own = fillTemplateEnv(redis, { REDISCLI_AUTH: 'mine' }, generateSecret);
    expect(renderArgs(['--requirepass', '{{password}}'], own.values)).toEqual(['--requirepass', 'mine']);
    expect(own.generated).toEqual([]);
  });

  it('throws instead of leaving a placeholder it cannot fill', () => {
    expect(() => fillTemplateEnv({ variables: {}, env: { A: '{{nope}}' }, secrets: [] }, {}, generateSecret)).toThrow(
      /No value for \{\{nope\}\}/,
    );
    expect(() => renderArgs(['{{missing}}'], {})).toThrow(/\{\{missing\}\}/);
    expect(() => fillTemplateEnv(mysqlLike, {}, () => '')).toThrow(/unusable value/);
  });
});

describe('generateSecret', () => {
  it('draws the requested length from the alphabet, differently each time', () => {
    const a = generateSecret({ length: 32, alphabet: 'alnum' });
    expect(a).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(generateSecret({ length: 40, alphabet: 'hex' })).toMatch(/^[0-9a-f]{40}$/);
    expect(new Set(Array.from({ length: 50 }, () => generateSecret({ length: 32, alphabet: 'alnum' }))).size).toBe(50);
  });
});
