import { describe, expect, it } from 'vitest';
import {
  composeOverride,
  composeProject,
  overridePath,
  type PublicService,
} from '../../src/main/core/compose/compose-override';
import { DEFAULT_LOG_RETENTION } from '../../src/shared/schemas/app';
import { composeFiles } from '../../src/main/core/compose/compose-pipeline';
import { traefikLabels } from '../../src/shared/traefik-labels';

const publicOnly = (publicService: PublicService): string =>
  composeOverride({ appId: 'x9', publicService, unlogged: [], retention: DEFAULT_LOG_RETENTION })!;

describe('compose override (golden)', () => {
  it('gives exactly the public service the Traefik labels and traefik-net, next to default', () => {
    const text = composeOverride({
      appId: 'a1b2',
      publicService: { name: 'web', port: 8080, domains: ['shop.example.com'] },
      unlogged: [],
      retention: DEFAULT_LOG_RETENTION,
    })!;
    expect(JSON.parse(text)).toEqual({
      services: {
        web: {
          labels: {
            'traefik.enable': 'true',
            'traefik.docker.network': 'traefik-net',
            'traefik.http.routers.app-a1b2.rule': 'Host(`shop.example.com`)',
            'traefik.http.routers.app-a1b2.entrypoints': 'websecure',
            'traefik.http.routers.app-a1b2.tls': 'true',
            'traefik.http.routers.app-a1b2.tls.certresolver': 'le',
            'traefik.http.routers.app-a1b2.service': 'app-a1b2',
            'traefik.http.routers.app-a1b2-http.rule': 'Host(`shop.example.com`)',
            'traefik.http.routers.app-a1b2-http.entrypoints': 'web',
            'traefik.http.routers.app-a1b2-http.middlewares': 'app-a1b2-https',
            'traefik.http.routers.app-a1b2-http.service': 'app-a1b2',
            'traefik.http.middlewares.app-a1b2-https.redirectscheme.scheme': 'https',
            'traefik.http.middlewares.app-a1b2-https.redirectscheme.permanent': 'true',
            'traefik.http.services.app-a1b2.loadbalancer.server.port': '8080',
          },
          networks: { default: {}, 'traefik-net': { aliases: ['app-a1b2'] } },
        },
      },
      networks: { 'traefik-net': { external: true } },
    });
    expect(text.endsWith('\n')).toBe(true);
  });

  it('uses the same labels as a web app on the same domains and port', () => {
    const domains = ['b.example.com', 'a.example.com'];
    const parsed = JSON.parse(publicOnly({ name: 'api', port: 3000, domains }));
    expect(parsed.services.api.labels).toEqual(traefikLabels({ appId: 'x9', domains, port: 3000 }));
  });

  it('without domains: the service joins traefik-net (reachable as app-{id}) and gets no labels', () => {
    const parsed = JSON.parse(publicOnly({ name: 'api', port: 3000, domains: [] }));
    expect(parsed.services.api).toEqual({ networks: { default: {}, 'traefik-net': { aliases: ['app-x9'] } } });
  });

  it("gives the services without logging of their own the app's retention, the public one too", () => {
    const text = composeOverride({
      appId: 'x9',
      publicService: { name: 'api', port: 3000, domains: [] },
      unlogged: ['api', 'worker'],
      retention: { maxSizeMb: 20, maxFiles: 2 },
    })!;
    const logging = { driver: 'local', options: { 'max-size': '20m', 'max-file': '2' } };
    expect(JSON.parse(text)).toEqual({
      services: {
        api: { logging, networks: { default: {}, 'traefik-net': { aliases: ['app-x9'] } } },
        worker: { logging },
      },
      networks: { 'traefik-net': { external: true } },
    });
  });

  it('without a public service: logging only, and no traefik-net; with nothing to add, no override', () => {
    const text = composeOverride({
      appId: 'x9',
      publicService: null,
      unlogged: ['db'],
      retention: DEFAULT_LOG_RETENTION,
    });
    expect(JSON.parse(text!)).toEqual({
      services: { db: { logging: { driver: 'local', options: { 'max-size': '50m', 'max-file': '5' } } } },
    });
    expect(composeOverride({ appId: 'x9', publicService: null, unlogged: [], retention: DEFAULT_LOG_RETENTION })).toBe(
      null,
    );
  });

  it('names the project and places the override beside the checkout, not in it', () => {
    expect(composeProject('a1b2')).toBe('mist-a1b2');
    expect(overridePath('/var/lib/mist/projects/p1/apps/stack')).toBe(
      '/var/lib/mist/projects/p1/apps/stack.mist-override.json',
    );
  });

  it('resolves the compose file under the root directory', () => {
    expect(composeFiles('/c', '/', 'docker-compose.yml')).toEqual({
      projectDir: '/c',
      file: '/c/docker-compose.yml',
      relative: 'docker-compose.yml',
    });
    expect(composeFiles('/c', 'deploy/', './stack/compose.yaml')).toEqual({
      projectDir: '/c/deploy',
      file: '/c/deploy/stack/compose.yaml',
      relative: 'deploy/stack/compose.yaml',
    });
  });
});
