import { describe, expect, it } from 'vitest';
import type { CertStatusDto, DnsStatusDto, DomainDto } from '../../src/shared/dto/domain';
import {
  certStatusLabel,
  certSummary,
  certWarning,
  dnsStatusLabel,
  dnsStatusText,
  domainInputError,
  openUrl,
  prepareFormErrors,
  prepareInput,
  prepareSummary,
  punycodeNote,
} from '../../src/renderer/src/lib/domains';

const domain = (host: string, displayHost = host, auto = false): DomainDto => ({
  appId: 'a1',
  host,
  displayHost,
  auto,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const dns = (over: Partial<DnsStatusDto>): DnsStatusDto => ({
  host: 'shop.example.test',
  status: 'pending',
  found: [],
  expected: ['127.0.0.1'],
  instructions: ['A shop.example.test → 127.0.0.1'],
  checkedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const cert = (over: Partial<CertStatusDto>): CertStatusDto => ({
  host: 'shop.example.com',
  status: 'ok',
  issuer: "Let's Encrypt R11",
  subject: 'shop.example.com',
  validTo: '2027-02-03T10:00:00.000Z',
  message: '',
  checkedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('renderer domain helpers', () => {
  it('validates the Domain field instantly with the shared rule', () => {
    expect(domainInputError('', [])).toBeNull();
    expect(domainInputError('shop.example.com', [])).toBeNull();
    expect(domainInputError('my shop.com', [])).toMatch(/^".*" is not a host name/);
    expect(domainInputError('a_b.example.com', [])).toMatch(/no "_"/);
    expect(domainInputError(`${'a'.repeat(64)}.example.com`, [])).toMatch(/longer than 63 characters\.$/);
    expect(domainInputError('*.example.com', [])).toMatch(/^Wildcard domains are not supported/);
    expect(domainInputError('shop.example.com;rm', [])).toMatch(/is not a host name/);
    expect(domainInputError('localhost', [])).toMatch(/needs a dot/);
    expect(domainInputError('Shop.Example.com', [domain('shop.example.com')])).toBe(
      'shop.example.com is already a domain of this app.',
    );
    expect(domainInputError('bücher.example', [domain('xn--bcher-kva.example', 'bücher.example')])).toMatch(
      /already a domain/,
    );
  });

  it('shows punycode only when it differs, and opens https', () => {
    expect(punycodeNote(domain('shop.example.com'))).toBeNull();
    expect(punycodeNote(domain('xn--bcher-kva.example', 'bücher.example'))).toBe('xn--bcher-kva.example');
    expect(openUrl(domain('xn--bcher-kva.example', 'bücher.example'))).toBe('https://xn--bcher-kva.example/');
  });

  it('describes DNS states', () => {
    expect(dnsStatusLabel('pending')).toBe('Pending');
    expect(dnsStatusLabel('ok')).toBe('OK');
    expect(dnsStatusLabel('mismatch')).toBe('Mismatch');
    expect(dnsStatusText(dns({}))).toBe(
      'No A or AAAA record found for shop.example.test yet; it should point at 127.0.0.1.',
    );
    expect(dnsStatusText(dns({ status: 'ok', found: ['127.0.0.1'] }))).toBe('shop.example.test points at 127.0.0.1.');
    expect(dnsStatusText(dns({ status: 'mismatch', found: ['198.51.100.4', '2001:db8::1'] }))).toBe(
      'shop.example.test points at 198.51.100.4, 2001:db8::1, not at 127.0.0.1.',
    );
  });

  it('warns about certificates browsers refuse', () => {
    expect(certWarning(cert({}))).toBeNull();
    expect(certStatusLabel('ok')).toBe('Valid');
    expect(certSummary(cert({}))).toBe("Issued by Let's Encrypt R11, expires 2027-02-03");
    expect(certWarning(cert({ status: 'default-certificate', issuer: 'TRAEFIK DEFAULT CERT' }))).toMatch(
      /^Traefik is serving its default certificate for shop\.example\.com: browsers will refuse it/,
    );
    expect(certStatusLabel('default-certificate')).toBe('Default certificate');
    expect(certWarning(cert({ status: 'expired', validTo: '2025-01-02T00:00:00.000Z' }))).toBe(
      'The certificate for shop.example.com expired on 2025-01-02: browsers will refuse it.',
    );
    expect(certSummary(cert({ status: 'expired', validTo: '2025-01-02T00:00:00.000Z' }))).toBe(
      "Issued by Let's Encrypt R11, expired 2025-01-02",
    );
    expect(certWarning(cert({ status: 'unreachable', issuer: null, validTo: null }))).toBe(
      "Could not fetch the certificate for shop.example.com from the server's port 443.",
    );
    expect(certSummary(cert({ status: 'unreachable', issuer: null, validTo: null }))).toBe('Issuer unknown');
  });

  it('summarises Prepare server', () => {
    expect(
      prepareSummary({
        serverId: 's1',
        network: 'created',
        traefik: 'created',
        image: 'traefik:v3.3',
        imageSource: 'pulled',
        messages: [],
      }),
    ).toEqual(['Network traefik-net created.', 'Traefik container created.', 'Image traefik:v3.3 pulled.']);
    expect(
      prepareSummary({
        serverId: 's1',
        network: 'exists',
        traefik: 'unchanged',
        image: 'traefik:v3.3',
        imageSource: 'present',
        messages: ['pull failed'],
      }),
    ).toEqual([
      'Network traefik-net already existed.',
      'Traefik container unchanged.',
      'Image traefik:v3.3 already present on the server (not pulled).',
    ]);
  });

  it('validates the Traefik settings and builds the prepare input', () => {
    expect(prepareFormErrors('', '', false)).toEqual({ email: undefined, wildcard: undefined });
    expect(prepareFormErrors('', '', true).email).toBe("Let's Encrypt needs an email address.");
    expect(prepareFormErrors('ops@example.com', 'apps.example.com', true)).toEqual({
      email: undefined,
      wildcard: undefined,
    });
    expect(prepareFormErrors('ops@', '', false).email).toBe('The ACME email must be an email address.');
    expect(prepareFormErrors('a;b@example.com', '', false).email).toBe('The ACME email must be an email address.');
    expect(prepareFormErrors('ops@example.com', 'apps_x.example.com', false).wildcard).toMatch(/no "_"/);
    expect(prepareFormErrors('ops@example.com', '*.apps.example.com', false).wildcard).toBeUndefined();
    expect(prepareInput('s1', ' ops@example.com ', ' *.apps.example.com ')).toEqual({
      id: 's1',
      email: 'ops@example.com',
      wildcardDomain: 'apps.example.com',
    });
    expect(prepareInput('s1', '', '')).toEqual({ id: 's1', wildcardDomain: null });
  });
});
