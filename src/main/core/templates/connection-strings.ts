import type { TemplateDefinition } from '../../../shared/dto/template';
import { fillPlaceholders } from './template-placeholders';

/** What a hidden value shows as until the user asks to reveal it. */
export const MASK = '••••••••';

/**
 * Renders a connection-string pattern. In a URL pattern (one with `://`) every value except
 * `{{host}}` and `{{port}}` is percent-encoded, so a user's password with `@` or `:` still yields
 * a URL that parses. Names in `mask` show as `••••••••`. A missing value throws.
 */
export function renderConnectionString(
  pattern: string,
  values: Readonly<Record<string, string>>,
  options: { mask?: readonly string[] } = {},
): string {
  const isUrl = pattern.includes('://');
  return fillPlaceholders(pattern, values, (name, value) => {
    if (options.mask?.includes(name)) return MASK;
    return isUrl && name !== 'host' && name !== 'port' ? encodeURIComponent(value) : value;
  });
}

/** Every connection string of a template; secrets are masked unless `reveal` is set. */
export function renderConnectionStrings(
  template: Pick<TemplateDefinition, 'connectionStrings' | 'secrets'>,
  values: Readonly<Record<string, string>>,
  where: { host: string; port: number; reveal?: boolean },
): Array<{ label: string; value: string }> {
  const all = { ...values, host: where.host, port: String(where.port) };
  const mask = where.reveal ? [] : template.secrets.map((s) => s.name);
  return template.connectionStrings.map((c) => ({
    label: c.label,
    value: renderConnectionString(c.pattern, all, { mask }),
  }));
}
