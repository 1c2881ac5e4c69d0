/** Pure validation rules shared by the UI (instant feedback), the CLI and the core (enforcement). */

export const SERVER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const SERVER_NAME_RULE =
  'a server name is 1–63 characters: letters, digits, dot, underscore or hyphen, starting with a letter or digit';

export const SSH_USER_PATTERN = /^[A-Za-z_][A-Za-z0-9._-]{0,63}$/;
export const SSH_USER_RULE =
  'a user name is 1–64 characters: letters, digits, dot, underscore or hyphen, not starting with a digit, dot or hyphen';

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/** A DNS host name (RFC 1123), an IPv4 address, or an IPv6 address (bare or in brackets). */
export function isValidHost(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  if (IPV4.test(value)) return true;
  const unbracketed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (unbracketed.includes(':')) return IPV6.test(unbracketed) && unbracketed.split(':').length <= 9;
  const withoutDot = value.endsWith('.') ? value.slice(0, -1) : value;
  return withoutDot.split('.').every((label) => HOST_LABEL.test(label));
}
export const HOST_RULE = 'a host is a DNS name (letters, digits and hyphens between dots) or an IP address';

/** SHA256 fingerprints as OpenSSH prints them: `SHA256:` + unpadded base64 of 32 bytes. */
export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;
