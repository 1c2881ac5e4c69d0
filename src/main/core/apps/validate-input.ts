import type { z } from 'zod';
import { MistError } from '../../../shared/errors';

/**
 * The services validate their own input too (the API validated it already; the CLI or the deploy
 * pipeline may call a service directly). Messages name the field and the rule, never the value.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`,
  );
  throw new MistError('invalid-input', `Invalid input: ${problems.join('; ')}`);
}
