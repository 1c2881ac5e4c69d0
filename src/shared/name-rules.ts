/** Pure validation rules shared by the UI (instant feedback), the CLI and the core (enforcement). */

export const SERVER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const SERVER_NAME_RULE =
  'a server name is 1–63 characters: letters, digits, dot, underscore or hyphen, starting with a letter or digit';

export const SSH_USER_PATTERN = /^[A-Za-z_][A-Za-z0-9._-]{0,63}$/;
export const SSH_USER_RULE =
  'a user name is 1–64 characters: letters, digits, dot, underscore or hyphen, not starting with a digit, dot or hyphen';

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** RFC 4291 text form: up to 8 hex groups, at most one `::`, optionally ending in an IPv4 address. */
export function isValidIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all.at(-1);
  if (last !== undefined && last.includes('.')) {
    if (!IPV4.test(last)) return false;
    all.pop();
    count += 1; // an IPv4 tail fills two groups
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** A DNS host name (RFC 1123), an IPv4 address, or an IPv6 address (bare or in brackets). */
export function isValidHost(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  if (IPV4.test(value)) return true;
  const unbracketed = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (unbracketed.includes(':')) return isValidIpv6(unbracketed);
  const labels = (value.endsWith('.') ? value.slice(0, -1) : value).split('.');
  // An all-numeric last label is an IP address typed wrong (1.2.3, 999.1.1.1), not a name.
  return labels.every((label) => HOST_LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!);
}

/** Hosts are stored without IPv6 brackets: ssh and known_hosts add their own. */
export function normalizeHost(value: string): string {
  return value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
}
export const HOST_RULE = 'a host is a DNS name (letters, digits and hyphens between dots) or an IP address';

/** SHA256 fingerprints as OpenSSH prints them: `SHA256:` + unpadded base64 of 32 bytes. */
export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;
