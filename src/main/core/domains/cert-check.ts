import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CertStatusDto } from '../../../shared/dto/domain';

/**
 * Certificate check for a web app domain: a TLS handshake with SNI = the domain over a socket the
 * caller opens (in the app, a `direct-tcpip` channel to the server's 127.0.0.1:443 through its one
 * SSH connection), then a verdict on the certificate the server presents.
 */

export interface CertCheckOptions {
  /** The time to judge expiry against (tests); defaults to now. */
  now?: Date;
  /** Budget for opening the socket and the whole handshake; default 10 s. */
  timeoutMs?: number;
  /** Extra trusted CA certificates (tests); by default Node's bundled roots. */
  ca?: string | Buffer | Array<string | Buffer>;
}

/** The common name of the self-signed certificate Traefik serves when it has no other. */
export const TRAEFIK_DEFAULT_CN = 'TRAEFIK DEFAULT CERT';

const DEFAULT_TIMEOUT_MS = 10_000;
const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate field can be repeated (several O= or CN=): Node then gives an array. */
function field(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  const text = Array.isArray(value) ? value.join(', ') : value;
  return text.trim() === '' ? null : text;
}

function describeIssuer(cert: PeerCertificate): string | null {
  const issuer = cert.issuer as unknown as Record<string, string | string[] | undefined> | undefined;
  const organization = field(issuer?.O);
  const commonName = field(issuer?.CN);
  if (organization && commonName && organization !== commonName) return `${organization} (${commonName})`;
  return organization ?? commonName;
}

function firstDnsName(cert: PeerCertificate): string | null {
  const match = /DNS:([^,\s]+)/.exec(cert.subjectaltname ?? '');
  return match?.[1] ?? null;
}

function isDefaultCertificate(cert: PeerCertificate): boolean {
  const subject = cert.subject as unknown as Record<string, string | string[] | undefined> | undefined;
  const issuer = cert.issuer as unknown as Record<string, string | string[] | undefined> | undefined;
  const names = [subject?.CN, issuer?.CN].flat().filter((n): n is string => typeof n === 'string');
  return names.some((name) => name.trim().toUpperCase() === TRAEFIK_DEFAULT_CN);
}

interface Handshake {
  cert: PeerCertificate;
  authorizationError: string | null;
}

/** Opens the socket and runs the handshake, all within `timeoutMs`; cleans up either way. */
function handshake(
  host: string,
  openSocket: () => Promise<Duplex>,
  timeoutMs: number,
  ca: CertCheckOptions['ca'],
): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let socket: Duplex | null = null;
    let tlsSocket: TLSSocket | null = null;
    const cleanup = (): void => {
      tlsSocket?.destroy();
      socket?.destroy();
    };
    const finish = (error: Error | null, result?: Handshake): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      cleanup();
      if (error) reject(error);
      else resolve(result!);
    };
    const timer = setTimeout(
      () => finish(new Error(`no TLS answer within ${Math.round(timeoutMs / 100) / 10} s`)),
      timeoutMs,
    );

    openSocket().then(
      (opened) => {
        socket = opened;
        if (settled) {
          // timed out while the socket was being opened
          opened.destroy();
          return;
        }
        // an IP cannot be sent as SNI (RFC 6066); Node warns when asked to
        const tls = tlsConnect({
          socket: opened,
          ...(isIP(host) ? {} : { servername: host }),
          rejectUnauthorized: false,
          ...(ca !== undefined ? { ca } : {}),
        });
        tlsSocket = tls;
        tls.once('secureConnect', () => {
          const cert = tls.getPeerCertificate();
          if (!cert || Object.keys(cert).length === 0) {
            finish(new Error('the server presented no certificate'));
            return;
          }
          const authError = tls.authorizationError as unknown as Error | string | null | undefined;
          finish(null, {
            cert,
            authorizationError: authError ? (typeof authError === 'string' ? authError : authError.message) : null,
          });
        });
        tls.once('error', (error) => finish(new Error(`TLS handshake failed: ${error.message}`)));
        tls.once('close', () => finish(new Error('the connection closed before the TLS handshake finished')));
        opened.once('error', (error: Error) => finish(error));
      },
      (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Fetches the certificate the server presents for `host` and judges it: `default-certificate` when
 * Traefik serves its own placeholder (Let's Encrypt has not issued one yet), `expired`, `unreachable`
 * when TLS fails or times out, else `ok` (with a warning when it expires within 14 days or does not
 * cover the host name).
 */
export async function checkCertificate(
  host: string,
  openSocket: () => Promise<Duplex>,
  options: CertCheckOptions = {},
): Promise<CertStatusDto> {
  const now = options.now ?? new Date();
  const checkedAt = now.toISOString();
  let result: Handshake;
  try {
    result = await handshake(host, openSocket, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.ca);
  } catch (error) {
    return {
      host,
      status: 'unreachable',
      issuer: null,
      subject: null,
      validTo: null,
      message: `Could not fetch the certificate for ${host} from the server's port 443: ${(error as Error).message}.`,
      checkedAt,
    };
  }

  const { cert } = result;
  const subjectFields = cert.subject as unknown as Record<string, string | string[] | undefined> | undefined;
  const subject = field(subjectFields?.CN) ?? firstDnsName(cert);
  const issuer = describeIssuer(cert);
  const validToDate = cert.valid_to ? new Date(cert.valid_to) : null;
  const validTo = validToDate && !Number.isNaN(validToDate.getTime()) ? validToDate.toISOString() : null;
  const base = { host, issuer, subject, validTo, checkedAt };

  if (isDefaultCertificate(cert)) {
    return {
      ...base,
      status: 'default-certificate',
      message:
        `Traefik is serving its default self-signed certificate for ${host}: Let's Encrypt has not issued a ` +
        'certificate yet. Check that the DNS record points at this server, that port 80 is reachable from the ' +
        "internet (Let's Encrypt's HTTP challenge), and Let's Encrypt's rate limits (Traefik's log says which).",
    };
  }

  if (validToDate && validToDate.getTime() < now.getTime()) {
    return {
      ...base,
      status: 'expired',
      message: `The certificate for ${host} from ${issuer ?? 'an unknown issuer'} expired on ${formatDate(validToDate)}.`,
    };
  }

  const parts = [
    `Certificate for ${host} issued by ${issuer ?? 'an unknown issuer'}` +
      (validToDate ? `, valid until ${formatDate(validToDate)}.` : '.'),
  ];
  if (validToDate) {
    const daysLeft = Math.floor((validToDate.getTime() - now.getTime()) / DAY_MS);
    if (daysLeft < EXPIRY_WARNING_DAYS) {
      parts.push(
        `Warning: it expires in ${daysLeft === 0 ? 'less than a day' : `${daysLeft} day${daysLeft === 1 ? '' : 's'}`} ` +
          'and has not been renewed yet.',
      );
    }
  }
  const nameError = checkServerIdentity(host, cert);
  if (nameError) parts.push(`Warning: it does not cover ${host} (${nameError.message}).`);
  else if (result.authorizationError && result.authorizationError !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
    parts.push(`Warning: this computer does not trust it (${result.authorizationError}).`);
  }
  return { ...base, status: 'ok', message: parts.join(' ') };
}
