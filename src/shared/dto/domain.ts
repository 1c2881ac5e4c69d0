/** Domains of web apps, their DNS and certificate status, and preparing a server for Traefik. */

export interface DomainDto {
  appId: string;
  /** The host name as Traefik and DNS see it (punycode for IDNs). */
  host: string;
  /** As the user wrote it (Unicode for IDNs). */
  displayHost: string;
  /** Generated from the server's wildcard domain, not typed by the user. */
  auto: boolean;
  createdAt: string;
}

export type DnsState = 'pending' | 'ok' | 'mismatch';

export interface DnsStatusDto {
  host: string;
  status: DnsState;
  /** A and AAAA records found from this desktop. */
  found: string[];
  /** The server's addresses the records should point at. */
  expected: string[];
  /** The record(s) to create, e.g. "A app.example.com → 203.0.113.7". */
  instructions: string[];
  checkedAt: string;
}

export type CertState = 'ok' | 'default-certificate' | 'expired' | 'unreachable';

export interface CertStatusDto {
  host: string;
  status: CertState;
  issuer: string | null;
  subject: string | null;
  validTo: string | null;
  /** A sentence for the UI, e.g. why Traefik is still serving its default certificate. */
  message: string;
  checkedAt: string;
}

export interface PrepareServerResultDto {
  serverId: string;
  network: 'created' | 'exists';
  traefik: 'created' | 'updated' | 'unchanged';
  image: string;
  /** 'present' when the pull failed but the image was already on the server. */
  imageSource: 'pulled' | 'present';
  messages: string[];
}
