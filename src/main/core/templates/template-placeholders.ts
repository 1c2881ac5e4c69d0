import { MistError } from '../../../shared/errors';
import { PLACEHOLDER_PATTERN } from '../../../shared/schemas/template';

/**
 * Replaces every `{{name}}` in a text with its value. A missing value is an error, never a literal
 * placeholder left behind (Mist once wrote its `GENERATE` placeholder over a real password).
 */
export function fillPlaceholders(
  text: string,
  values: Readonly<Record<string, string>>,
  encode: (name: string, value: string) => string = (_name, value) => value,
): string {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER_PATTERN, (_match, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return encode(name, value);
  });
  if (missing.length > 0) {
    throw new MistError('invalid-input', `No value for ${missing.map((n) => `{{${n}}}`).join(', ')}.`);
  }
  return out;
}

/** A command line with its placeholders filled (a template's `command` or `healthCommand`). */
export function renderArgs(args: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return args.map((arg) => fillPlaceholders(arg, values));
}

/** `{{password}}` → `password`; anything else (text around it, several placeholders) → null. */
export function barePlaceholder(text: string): string | null {
  const match = /^\{\{([A-Za-z][A-Za-z0-9_]*)\}\}$/.exec(text);
  return match ? (match[1] as string) : null;
}
