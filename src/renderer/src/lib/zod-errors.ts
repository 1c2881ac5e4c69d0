import type { z } from 'zod';

/** A schema rule ("a name is 1–63 characters…") as a sentence for a form ("A name is 1–63 characters…."). */
export function sentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The first issue for each form field, keyed by the first element of its path. */
export function fieldErrors<F extends string>(error: z.ZodError, fields: readonly F[]): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as F;
    if (fields.includes(field) && !errors[field]) errors[field] = sentence(issue.message);
  }
  return errors;
}

export type FormResult<T, F extends string> =
  { ok: true; input: T } | { ok: false; errors: Partial<Record<F, string>> };

/**
 * The errors to show while a form is being filled: those of fields the user has left (blurred), and
 * all of them once a submit was tried. So a message appears as soon as it is useful, not on the
 * first keystroke.
 */
export function visibleErrors<F extends string>(
  errors: Partial<Record<F, string>>,
  touched: ReadonlySet<F>,
  submitted: boolean,
): Partial<Record<F, string>> {
  if (submitted) return errors;
  const shown: Partial<Record<F, string>> = {};
  for (const field of touched) if (errors[field]) shown[field] = errors[field];
  return shown;
}
