import type { CertStatusDto, DnsStatusDto, DomainDto, PrepareServerResultDto } from '../../../shared/dto/domain';
import { normalizeDomain } from '../../../shared/domain-rules';
import { acmeEmailSchema } from '../../../shared/schemas/domain';

/** Pure display helpers for domains, DNS, certificates and Prepare server (renderer-domains.test.ts). */

/** Instant validation of the Domain field: null while empty or valid, else the problem. */
export function domainInputError(input: string, existing: readonly DomainDto[]): string | null {
  if (input.trim() === '') return null;
  const check = normalizeDomain(input);
  if (!check.ok) return capitalize(check.problem) + '.';
  if (existing.some((domain) => domain.host === check.ascii)) return `${check.ascii} is already a domain of this app.`;
  return null;
}

/** The punycode form, shown next to the host as written only when they differ. */
export function punycodeNote(domain: Pick<DomainDto, 'host' | 'displayHost'>): string | null {
  return domain.host !== domain.displayHost ? domain.host : null;
}

export function openUrl(domain: Pick<DomainDto, 'host'>): string {
  return `https://${domain.host}/`;
}

const DNS_LABELS: Record<DnsStatusDto['status'], string> = {
  pending: 'Pending',
  ok: 'OK',
  mismatch: 'Mismatch',
};

export function dnsStatusLabel(status: DnsStatusDto['status']): string {
  return DNS_LABELS[status];
}

/** One sentence for a DNS check result. */
export function dnsStatusText(dns: DnsStatusDto): string {
  const expected = dns.expected.join(', ') || 'the server';
  switch (dns.status) {
    case 'ok':
      return `${dns.host} points at ${expected}.`;
    case 'pending':
      return `No A or AAAA record found for ${dns.host} yet; it should point at ${expected}.`;
    case 'mismatch':
      return `${dns.host} points at ${dns.found.join(', ') || 'other addresses'}, not at ${expected}.`;
  }
}

const CERT_LABELS: Record<CertStatusDto['status'], string> = {
  ok: 'Valid',
  'default-certificate': 'Default certificate',
  expired: 'Expired',
  unreachable: 'Unreachable',
};

export function certStatusLabel(status: CertStatusDto['status']): string {
  return CERT_LABELS[status];
}

/** The warning for a certificate that visitors would not trust, or null when it is fine. */
export function certWarning(cert: CertStatusDto): string | null {
  switch (cert.status) {
    case 'ok':
      return null;
    case 'default-certificate':
      return `Traefik is serving its default certificate for ${cert.host}: browsers will refuse it. Check that DNS points at the server and ports 80/443 are reachable so Let's Encrypt can issue one.`;
    case 'expired':
      return `The certificate for ${cert.host} expired${cert.validTo ? ` on ${formatDate(cert.validTo)}` : ''}: browsers will refuse it.`;
    case 'unreachable':
      return `Could not fetch the certificate for ${cert.host} from the server's port 443.`;
  }
}

/** "Let's Encrypt R11, expires 2027-01-31" style summary. */
export function certSummary(cert: CertStatusDto): string {
  const parts = [cert.issuer ? `Issued by ${cert.issuer}` : 'Issuer unknown'];
  if (cert.validTo) parts.push(`${cert.status === 'expired' ? 'expired' : 'expires'} ${formatDate(cert.validTo)}`);
  return parts.join(', ');
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}

/** The Prepare server result as short lines. */
export function prepareSummary(result: PrepareServerResultDto): string[] {
  return [
    `Network traefik-net ${result.network === 'created' ? 'created' : 'already existed'}.`,
    `Traefik container ${result.traefik === 'unchanged' ? 'unchanged' : result.traefik}.`,
    `Image ${result.image} ${result.imageSource === 'pulled' ? 'pulled' : 'already present on the server (not pulled)'}.`,
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Errors of the Traefik settings form: the email is required to prepare, the wildcard is optional. */
export function prepareFormErrors(
  email: string,
  wildcard: string,
  submitted: boolean,
): { email: string | undefined; wildcard: string | undefined } {
  let emailError: string | undefined;
  if (email.trim() === '') emailError = submitted ? "Let's Encrypt needs an email address." : undefined;
  else if (!acmeEmailSchema.safeParse(email).success) emailError = 'The ACME email must be an email address.';
  let wildcardError: string | undefined;
  if (wildcard.trim() !== '') {
    const check = normalizeDomain(wildcard.replace(/^\s*\*\./, ''));
    if (!check.ok) wildcardError = capitalize(check.problem) + '.';
  }
  return { email: emailError, wildcard: wildcardError };
}

/** The `servers.prepare` input from the form (an empty wildcard clears it). */
export function prepareInput(
  id: string,
  email: string,
  wildcard: string,
): { id: string; email?: string; wildcardDomain: string | null } {
  const trimmed = wildcard.trim().replace(/^\*\./, '');
  return { id, ...(email.trim() ? { email: email.trim() } : {}), wildcardDomain: trimmed === '' ? null : trimmed };
}
