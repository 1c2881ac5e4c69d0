/**
 * Host names for web apps: validated as RFC 1123 labels after IDN conversion to punycode (the URL
 * parser does that the same way in Node and in the browser). Pure: shared by the UI, the CLI and
 * the core.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type DomainCheck = { ok: true; ascii: string; unicode: string } | { ok: false; problem: string };

export function normalizeDomain(input: string): DomainCheck {
  const text = input.trim().toLowerCase().replace(/\.$/, '');
  if (text === '') return { ok: false, problem: 'the domain is empty' };
  if (text.startsWith('*.'))
    return { ok: false, problem: 'wildcard domains are not supported (each host is listed, for its own certificate)' };
  // eslint-disable-next-line no-control-regex
  if (/[\s/\\:@?#*$`'"();&|<>!,%\x00-\x1f\x7f]/.test(text)) {
    return { ok: false, problem: `"${input.trim()}" is not a host name: only letters, digits, hyphens and dots` };
  }
  let ascii: string;
  try {
    ascii = new URL(`http://${text}`).hostname;
  } catch {
    return { ok: false, problem: `"${input.trim()}" is not a valid host name` };
  }
  if (ascii.length > 253) return { ok: false, problem: 'a domain is at most 253 characters' };
  const labels = ascii.split('.');
  if (labels.length < 2)
    return { ok: false, problem: `"${input.trim()}" needs a dot: use a full domain such as app.example.com` };
  for (const label of labels) {
    if (label.length > 63)
      return { ok: false, problem: `the label "${label.slice(0, 20)}…" is longer than 63 characters` };
    if (!LABEL.test(label)) {
      return { ok: false, problem: `the label "${label}" may only hold letters, digits and inner hyphens (no "_")` };
    }
  }
  if (/^\d+$/.test(labels.at(-1)!)) return { ok: false, problem: 'an IP address is not a domain' };
  return { ok: true, ascii, unicode: text };
}

/**
 * The automatic domain of a web app: `{project}-{app}.{wildcard}`, each label at most 63
 * characters (a long name is cut and given a short hash so two long names stay distinct).
 */
export function autoDomain(project: string, app: string, wildcard: string): string {
  const base = `${project}-${app}`;
  const label = base.length <= 63 ? base : `${base.slice(0, 56).replace(/-+$/, '')}-${shortHash(base)}`;
  return `${label}.${wildcard.replace(/^\*\./, '').replace(/\.$/, '').toLowerCase()}`;
}

function shortHash(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash.toString(36).slice(0, 6).padStart(6, '0');
}
