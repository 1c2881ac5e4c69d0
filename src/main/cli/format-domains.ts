import type { CertStatusDto, DnsStatusDto, DomainDto, PrepareServerResultDto } from '../../shared/dto/domain';
import { formatTable } from './format';
import { formatAgo } from './format-apps';

/** Human output for domains and Prepare server. Machine output is the DTOs (docs/cli.md). */

/** One domain with its checks, as `domain list --check --json` prints it. */
export type CheckedDomainDto = DomainDto & { dns?: DnsStatusDto; certificate?: CertStatusDto };

/** The name as the user wrote it, with the punycode form Traefik and DNS use when it differs. */
export function formatDomainName(domain: Pick<DomainDto, 'host' | 'displayHost'>): string {
  return domain.displayHost && domain.displayHost !== domain.host
    ? `${domain.displayHost} (${domain.host})`
    : domain.host;
}

/** Joins each domain with its DNS and certificate status (matched by host); a missing check stays absent. */
export function mergeDomainChecks(
  domains: DomainDto[],
  dns: DnsStatusDto[] | null,
  certificates: CertStatusDto[] | null,
): CheckedDomainDto[] {
  return domains.map((domain) => {
    const merged: CheckedDomainDto = { ...domain };
    const d = dns?.find((s) => s.host === domain.host);
    const c = certificates?.find((s) => s.host === domain.host);
    if (d) merged.dns = d;
    if (c) merged.certificate = c;
    return merged;
  });
}

export function formatDnsStatus(dns: DnsStatusDto | undefined): string {
  if (!dns) return '-';
  return dns.status === 'ok' ? 'ok' : dns.status;
}

export function formatCertStatus(cert: CertStatusDto | undefined): string {
  if (!cert) return '-';
  switch (cert.status) {
    case 'ok': {
      const until = cert.validTo ? ` until ${cert.validTo.slice(0, 10)}` : '';
      return `ok${cert.issuer ? ` (${cert.issuer}${until})` : until ? ` (${until.trim()})` : ''}`;
    }
    case 'default-certificate':
      return 'DEFAULT CERTIFICATE';
    case 'expired':
      return `EXPIRED${cert.validTo ? ` (${cert.validTo.slice(0, 10)})` : ''}`;
    case 'unreachable':
      return 'unreachable';
  }
}

/** What to do about one domain's DNS: the records found and the ones to create. */
function dnsDetail(dns: DnsStatusDto): string[] {
  if (dns.status === 'ok') return [];
  const found = dns.found.length ? dns.found.join(', ') : 'no A/AAAA record';
  const expected = dns.expected.length ? dns.expected.join(', ') : 'unknown';
  const lines = [`DNS ${dns.status}: found ${found}; the server is ${expected}.`];
  for (const record of dns.instructions) lines.push(`  create: ${record}`);
  return lines;
}

/** Why a certificate is not right; an ok one only when the check warns (expiring soon, wrong name, untrusted). */
function certDetail(cert: CertStatusDto): string[] {
  if (cert.status !== 'ok') return [`certificate ${cert.status}: ${cert.message}`];
  return /\bWarning:/.test(cert.message) ? [`certificate ok, with a warning: ${cert.message}`] : [];
}

/**
 * The domains of one app. With checks: a DNS and a CERTIFICATE column, then, under the table, what to
 * do about each domain that is not ok (the records to create, why the certificate is not right).
 */
export function formatDomainTable(ref: string, domains: CheckedDomainDto[], now: number, checked: boolean): string {
  if (domains.length === 0) {
    return `${ref} has no domains. Add one with: mist domain add ${ref} DOMAIN\n`;
  }
  const sorted = [...domains].sort((a, b) => a.host.localeCompare(b.host));
  const name = (d: CheckedDomainDto) => formatDomainName(d);
  const auto = (d: CheckedDomainDto) => (d.auto ? 'auto' : '-');
  if (!checked) {
    return formatTable(
      ['DOMAIN', 'AUTO', 'ADDED'],
      sorted.map((d) => [name(d), auto(d), formatAgo(d.createdAt, now)]),
    );
  }
  const table = formatTable(
    ['DOMAIN', 'AUTO', 'DNS', 'CERTIFICATE'],
    sorted.map((d) => [name(d), auto(d), formatDnsStatus(d.dns), formatCertStatus(d.certificate)]),
  );
  const notes: string[] = [];
  for (const d of sorted) {
    const lines = [...(d.dns ? dnsDetail(d.dns) : []), ...(d.certificate ? certDetail(d.certificate) : [])];
    if (lines.length) notes.push(`${name(d)}:`, ...lines.map((line) => `  ${line}`));
  }
  return notes.length ? `${table}\n${notes.join('\n')}\n` : table;
}

const NETWORK: Record<PrepareServerResultDto['network'], string> = {
  created: 'traefik-net created',
  exists: 'traefik-net already exists',
};

const TRAEFIK: Record<PrepareServerResultDto['traefik'], string> = {
  created: 'container created',
  updated: 'container updated (recreated with the current configuration)',
  unchanged: 'container unchanged (already as configured)',
};

/** What `server prepare` did, one line per part, then the core's messages. */
export function formatPrepareResult(serverName: string, result: PrepareServerResultDto): string {
  const image =
    result.imageSource === 'pulled'
      ? `${result.image} pulled`
      : `${result.image} already on the server (used as is; the pull did not succeed)`;
  const lines = [
    `Prepared ${serverName} for web apps with domains.`,
    `  network  ${NETWORK[result.network]}`,
    `  Traefik  ${TRAEFIK[result.traefik]}`,
    `  image    ${image}`,
    ...result.messages.map((message) => `  - ${message}`),
  ];
  return lines.join('\n') + '\n';
}
