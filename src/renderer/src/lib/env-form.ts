import type { EnvScope, EnvVarDto } from '../../../shared/dto/app';
import { envVarInputSchema } from '../../../shared/schemas/app';
import type { z } from 'zod';
import { fieldErrors, type FormResult } from './zod-errors';

/** Environment variables in the UI: masking, the add/edit form, scopes. Pure (renderer-env-form.test.ts). */

export const SECRET_MASK = '••••';

export const ENV_SCOPES: { value: EnvScope; label: string }[] = [
  { value: 'both', label: 'Build and runtime' },
  { value: 'build', label: 'Build only' },
  { value: 'runtime', label: 'Runtime only' },
];

export function scopeLabel(scope: EnvScope): string {
  return ENV_SCOPES.find((entry) => entry.value === scope)?.label ?? scope;
}

/** What the value cell shows: the value, a revealed secret, or the mask. */
export function displayEnvValue(variable: EnvVarDto, revealed: string | undefined): { text: string; masked: boolean } {
  if (!variable.secret) return { text: variable.value ?? '', masked: false };
  if (revealed !== undefined) return { text: revealed, masked: false };
  if (variable.value !== null) return { text: variable.value, masked: false };
  return { text: SECRET_MASK, masked: true };
}

export interface EnvFormValues {
  key: string;
  value: string;
  scope: EnvScope;
  secret: boolean;
}
export type EnvFormField = keyof EnvFormValues;
export type EnvVarInput = z.infer<typeof envVarInputSchema>;

export function emptyEnvForm(): EnvFormValues {
  return { key: '', value: '', scope: 'both', secret: false };
}

export function formFromEnvVar(variable: EnvVarDto): EnvFormValues {
  // A secret's value is never put into the form; left empty, the stored one is kept.
  return {
    key: variable.key,
    value: variable.secret ? '' : (variable.value ?? ''),
    scope: variable.scope,
    secret: variable.secret,
  };
}

/**
 * The `env.set` entry for the form. When editing a secret and the value is left empty, `keepValue`
 * is true: the caller fetches the stored value (env.reveal) and sends it back unchanged.
 */
export function buildEnvVarInput(
  values: EnvFormValues,
  editing: EnvVarDto | null,
): FormResult<{ variable: EnvVarInput; keepValue: boolean }, EnvFormField> {
  const keepValue = editing !== null && editing.secret && values.value === '';
  const key = values.key.trim();
  if (!key) return { ok: false, errors: { key: 'Enter the variable name.' } };
  const parsed = envVarInputSchema.safeParse({ ...values, key, value: keepValue ? 'kept' : values.value });
  if (!parsed.success)
    return { ok: false, errors: fieldErrors(parsed.error, ['key', 'value', 'scope', 'secret'] as const) };
  return { ok: true, input: { variable: keepValue ? { ...parsed.data, value: '' } : parsed.data, keepValue } };
}
