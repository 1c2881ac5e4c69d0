import { describe, expect, it } from 'vitest';
import { buildCreateProjectInput, buildRenameProjectInput } from '../../src/renderer/src/lib/project-form';
import { fieldErrors, sentence, visibleErrors } from '../../src/renderer/src/lib/zod-errors';
import { createProjectInputSchema } from '../../src/shared/schemas/app';

describe('renderer project form', () => {
  it('accepts a valid name and server, trimmed', () => {
    expect(buildCreateProjectInput({ name: ' shop ', serverId: 'srv_1' })).toEqual({
      ok: true,
      input: { name: 'shop', serverId: 'srv_1' },
    });
    expect(buildRenameProjectInput('p1', 'shop-2')).toEqual({ ok: true, input: { id: 'p1', name: 'shop-2' } });
  });

  it('explains a bad name and a missing server', () => {
    const bad = buildCreateProjectInput({ name: 'My Shop', serverId: 'srv_1' });
    expect(bad.ok ? {} : bad.errors).toEqual({ name: expect.stringMatching(/^A name is 1–63 characters/) });
    const noServer = buildCreateProjectInput({ name: 'shop', serverId: '' });
    expect(noServer.ok ? {} : noServer.errors).toEqual({ serverId: 'Pick the server this project lives on.' });
    const rename = buildRenameProjectInput('p1', '-shop');
    expect(rename.ok).toBe(false);
  });
});

describe('renderer form errors', () => {
  it('turns a schema rule into a sentence', () => {
    expect(sentence('a name is short')).toBe('A name is short.');
    expect(sentence('Already fine.')).toBe('Already fine.');
    expect(sentence('')).toBe('');
  });

  it('keeps the first issue of each known field', () => {
    const parsed = createProjectInputSchema.safeParse({ name: 'UPPER', serverId: 'bad id' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = fieldErrors(parsed.error, ['name'] as const);
    expect(Object.keys(errors)).toEqual(['name']);
  });

  it('shows errors of fields that were left, and all of them after a submit', () => {
    const errors = { name: 'bad name', port: 'bad port' };
    expect(visibleErrors(errors, new Set(), false)).toEqual({});
    expect(visibleErrors(errors, new Set(['port' as const]), false)).toEqual({ port: 'bad port' });
    expect(visibleErrors(errors, new Set(), true)).toEqual(errors);
  });
});
