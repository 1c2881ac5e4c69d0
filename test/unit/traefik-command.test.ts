import { describe, expect, it } from 'vitest';
import { containerSpec, TRAEFIK_IMAGE } from '../../src/main/core/traefik/prepare-server';
import { parseSsListeners } from '../../src/main/core/traefik/port-conflicts';
import { isValidAcmeEmail, traefikCommand } from '../../src/main/core/traefik/traefik-command';

describe('traefikCommand', () => {
  it('builds the static configuration (golden)', () => {
    expect(traefikCommand('ops@example.com')).toEqual([
      '--entrypoints.web.address=:80',
      '--entrypoints.web.http.redirections.entrypoint.to=websecure',
      '--entrypoints.web.http.redirections.entrypoint.scheme=https',
      '--entrypoints.websecure.address=:443',
      '--entrypoints.traefik.address=:8080',
      '--api.dashboard=true',
      '--api.insecure=true',
      '--providers.docker=true',
      '--providers.docker.exposedbydefault=false',
      '--providers.docker.network=traefik-net',
      '--certificatesresolvers.le.acme.email=ops@example.com',
      '--certificatesresolvers.le.acme.storage=/letsencrypt/acme.json',
      '--certificatesresolvers.le.acme.httpchallenge=true',
      '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
    ]);
  });

  it('pins a v3 minor', () => {
    expect(TRAEFIK_IMAGE).toMatch(/^traefik:v3\.\d+$/);
  });
});

describe('containerSpec', () => {
  it('publishes 80/443 and the dashboard on loopback only, socket read-only (golden)', () => {
    expect(containerSpec('traefik:v3.3', 'ops@example.com', { http: 80, https: 443 })).toEqual({
      name: 'mist-traefik',
      Image: 'traefik:v3.3',
      Cmd: traefikCommand('ops@example.com'),
      Labels: { 'mist.managed': 'true', 'mist.role': 'traefik' },
      ExposedPorts: { '80/tcp': {}, '443/tcp': {}, '8080/tcp': {} },
      HostConfig: {
        RestartPolicy: { Name: 'unless-stopped' },
        LogConfig: { Type: 'local', Config: { 'max-size': '10m', 'max-file': '3' } },
        PortBindings: {
          '80/tcp': [{ HostIp: '', HostPort: '80' }],
          '443/tcp': [{ HostIp: '', HostPort: '443' }],
          '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
        },
        Binds: ['/var/run/docker.sock:/var/run/docker.sock:ro', 'mist-traefik-acme:/letsencrypt'],
        NetworkMode: 'traefik-net',
      },
    });
  });
});

describe('isValidAcmeEmail', () => {
  it.each(['ops@example.com', 'a.b+c@mail.example.org'])('accepts %s', (email) => {
    expect(isValidAcmeEmail(email)).toBe(true);
  });
  it.each(['', 'ops', 'ops@localhost', 'a b@example.com', 'x@example.com;rm -rf /', "o'p@example.com"])(
    'rejects %j',
    (email) => {
      expect(isValidAcmeEmail(email)).toBe(false);
    },
  );
});

describe('parseSsListeners', () => {
  it('reads ports and process names, IPv4 and IPv6', () => {
    const text = [
      'LISTEN 0      511          0.0.0.0:80        0.0.0.0:*    users:(("nginx",pid=812,fd=6),("nginx",pid=811,fd=6))',
      'LISTEN 0      4096            [::]:443          [::]:*',
      'LISTEN 0      4096               *:8443            *:*    users:(("caddy",pid=9,fd=3))',
      '',
    ].join('\n');
    expect(parseSsListeners(text)).toEqual([
      { port: 80, process: 'nginx' },
      { port: 443, process: null },
      { port: 8443, process: 'caddy' },
    ]);
  });
});
