/** The Traefik network every app joins and Traefik watches. */
export const TRAEFIK_NETWORK = 'traefik-net';

/**
 * The Traefik v3 labels of a web app with domains: an HTTPS router on `websecure` with TLS from the
 * `le` resolver for every domain, an HTTP router on `web` that redirects to HTTPS, one service whose
 * load balancer targets the app's port. Router, service and middleware are named after the app id.
 * Pure; golden tests hold its output. An app without domains gets no labels (and publishes its port).
 *
 * With a health check path, Traefik checks it too (every 2 s) and stops sending requests to a
 * container that fails: while a deploy runs old and new side by side, a new one still warming up
 * gets requests only until its first check (Traefik counts a new server healthy until then).
 */
export function traefikLabels(input: {
  appId: string;
  domains: readonly string[];
  port: number;
  healthCheckPath?: string | null;
}): Record<string, string> {
  if (input.domains.length === 0) return {};
  const name = `app-${input.appId}`;
  const rule = [...input.domains]
    .sort()
    .map((domain) => `Host(\`${domain}\`)`)
    .join(' || ');
  return {
    'traefik.enable': 'true',
    'traefik.docker.network': TRAEFIK_NETWORK,
    [`traefik.http.routers.${name}.rule`]: rule,
    [`traefik.http.routers.${name}.entrypoints`]: 'websecure',
    [`traefik.http.routers.${name}.tls`]: 'true',
    [`traefik.http.routers.${name}.tls.certresolver`]: 'le',
    [`traefik.http.routers.${name}.service`]: name,
    [`traefik.http.routers.${name}-http.rule`]: rule,
    [`traefik.http.routers.${name}-http.entrypoints`]: 'web',
    [`traefik.http.routers.${name}-http.middlewares`]: `${name}-https`,
    [`traefik.http.routers.${name}-http.service`]: name,
    [`traefik.http.middlewares.${name}-https.redirectscheme.scheme`]: 'https',
    [`traefik.http.middlewares.${name}-https.redirectscheme.permanent`]: 'true',
    [`traefik.http.services.${name}.loadbalancer.server.port`]: String(input.port),
    ...(input.healthCheckPath
      ? {
          [`traefik.http.services.${name}.loadbalancer.healthcheck.path`]: input.healthCheckPath,
          [`traefik.http.services.${name}.loadbalancer.healthcheck.interval`]: '2s',
          [`traefik.http.services.${name}.loadbalancer.healthcheck.timeout`]: '2s',
        }
      : {}),
  };
}
