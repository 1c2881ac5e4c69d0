import { describe, expect, it } from 'vitest';
import { autoDomain, normalizeDomain } from '../../src/shared/domain-rules';
import { traefikLabels } from '../../src/shared/traefik-labels';

/** Golden: the exact label set Traefik v3 reads for a web app. */
describe('traefikLabels (golden)', () => {
  it('one domain', () => {
    expect(traefikLabels({ appId: 'a1b2c3', domains: ['shop.example.com'], port: 3000 })).toEqual({
      'traefik.enable': 'true',
      'traefik.docker.network': 'traefik-net',
      'traefik.http.routers.app-a1b2c3.rule': 'Host(`shop.example.com`)',
      'traefik.http.routers.app-a1b2c3.entrypoints': 'websecure',
      'traefik.http.routers.app-a1b2c3.tls': 'true',
      'traefik.http.routers.app-a1b2c3.tls.certresolver': 'le',
      'traefik.http.routers.app-a1b2c3.service': 'app-a1b2c3',
      'traefik.http.routers.app-a1b2c3-http.rule': 'Host(`shop.example.com`)',
      'traefik.http.routers.app-a1b2c3-http.entrypoints': 'web',
      'traefik.http.routers.app-a1b2c3-http.middlewares': 'app-a1b2c3-https',
      'traefik.http.routers.app-a1b2c3-http.service': 'app-a1b2c3',
      'traefik.http.middlewares.app-a1b2c3-https.redirectscheme.scheme': 'https',
      'traefik.http.middlewares.app-a1b2c3-https.redirectscheme.permanent': 'true',
      'traefik.http.services.app-a1b2c3.loadbalancer.server.port': '3000',
    });
  });

  it('several domains: one rule over all of them, in a stable order', () => {
    const labels = traefikLabels({
      appId: 'a1',
      domains: ['www.example.com', 'example.com', 'xn--bcher-kva.example'],
      port: 8080,
    });
    const rule = 'Host(`example.com`) || Host(`www.example.com`) || Host(`xn--bcher-kva.example`)';
    expect(labels['traefik.http.routers.app-a1.rule']).toBe(rule);
    expect(labels['traefik.http.routers.app-a1-http.rule']).toBe(rule);
    expect(Object.keys(labels)).toHaveLength(14);
  });

  it('an auto domain is a domain like any other', () => {
    const host = autoDomain('shop', 'web', 'apps.example.com');
    expect(host).toBe('shop-web.apps.example.com');
    expect(traefikLabels({ appId: 'x', domains: [host], port: 3000 })['traefik.http.routers.app-x.rule']).toBe(
      'Host(`shop-web.apps.example.com`)',
    );
  });

  it('a changed port changes only the load balancer port', () => {
    const before = traefikLabels({ appId: 'a1', domains: ['example.com'], port: 3000 });
    const after = traefikLabels({ appId: 'a1', domains: ['example.com'], port: 8080 });
    const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
    expect(changed).toEqual(['traefik.http.services.app-a1.loadbalancer.server.port']);
    expect(after['traefik.http.services.app-a1.loadbalancer.server.port']).toBe('8080');
  });

  it('a health check path: Traefik checks it too, every 2 s, and routes only to a container that passes', () => {
    const plain = traefikLabels({ appId: 'a1', domains: ['shop.example.com'], port: 3000 });
    const checked = traefikLabels({
      appId: 'a1',
      domains: ['shop.example.com'],
      port: 3000,
      healthCheckPath: '/health',
    });
    expect(checked).toEqual({
      ...plain,
      'traefik.http.services.app-a1.loadbalancer.healthcheck.path': '/health',
      'traefik.http.services.app-a1.loadbalancer.healthcheck.interval': '2s',
      'traefik.http.services.app-a1.loadbalancer.healthcheck.timeout': '2s',
    });
    expect(traefikLabels({ appId: 'a1', domains: ['shop.example.com'], port: 3000, healthCheckPath: null })).toEqual(
      plain,
    );
    expect(traefikLabels({ appId: 'a1', domains: [], port: 3000, healthCheckPath: '/health' })).toEqual({});
  });

  it('no domains: no labels (the app publishes its port instead)', () => {
    expect(traefikLabels({ appId: 'a1', domains: [], port: 3000 })).toEqual({});
  });
});

describe('normalizeDomain', () => {
  it.each([
    ['App.Example.COM.', 'app.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['a-b.c-d.example', 'a-b.c-d.example'],
  ])('accepts %s as %s', (input, ascii) => {
    expect(normalizeDomain(input)).toMatchObject({ ok: true, ascii });
  });

  it.each([
    ['has space.example.com', /only letters, digits, hyphens and dots/],
    ['under_score.example.com', /no "_"/],
    [`${'a'.repeat(64)}.example.com`, /longer than 63/],
    ['$(reboot).example.com', /only letters, digits, hyphens and dots/],
    ['`id`.example.com', /only letters, digits, hyphens and dots/],
    ['a;b.example.com', /only letters, digits, hyphens and dots/],
    ['-lead.example.com', /inner hyphens/],
    ['*.example.com', /wildcard/],
    ['localhost', /needs a dot/],
    ['10.0.0.1', /IP address/],
    ['', /empty/],
  ])('refuses %s', (input, problem) => {
    const result = normalizeDomain(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(problem);
  });
});

describe('autoDomain', () => {
  it('keeps every label within 63 characters and distinct for long names', () => {
    const a = autoDomain('p'.repeat(40), 'a'.repeat(40), 'apps.example.com');
    const b = autoDomain('p'.repeat(40), `${'a'.repeat(39)}b`, 'apps.example.com');
    expect(a.split('.')[0]!.length).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
    expect(normalizeDomain(a).ok).toBe(true);
  });
});
