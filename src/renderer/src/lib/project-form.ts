import { createProjectInputSchema, renameProjectInputSchema } from '../../../shared/schemas/app';
import type { z } from 'zod';
import { fieldErrors, type FormResult } from './zod-errors';

/** The New project and Rename forms, checked with the core's schemas (renderer-project-form.test.ts). */

export type ProjectFormField = 'name' | 'serverId';

export function buildCreateProjectInput(values: {
  name: string;
  serverId: string;
}): FormResult<z.infer<typeof createProjectInputSchema>, ProjectFormField> {
  if (!values.serverId) return { ok: false, errors: { serverId: 'Pick the server this project lives on.' } };
  const parsed = createProjectInputSchema.safeParse(values);
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error, ['name', 'serverId'] as const) };
}

export function buildRenameProjectInput(
  id: string,
  name: string,
): FormResult<z.infer<typeof renameProjectInputSchema>, 'name'> {
  const parsed = renameProjectInputSchema.safeParse({ id, name });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error, ['name'] as const) };
}
