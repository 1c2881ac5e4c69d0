import { TRAEFIK_NETWORK } from '../../../shared/traefik-labels';

/** Where Traefik keeps its ACME account and certificates (a named volume is mounted at /letsencrypt). */
export const ACME_STORAGE = '/letsencrypt/acme.json';
/** The port of the `traefik` entrypoint (API + dashboard), published on the server's loopback only. */
export const DASHBOARD_PORT = 8080;

const EMAIL = /^[^\s@"'`\\<>()[\],;:]+@[^\s@"'`\\<>()[\],;:]+\.[^\s@"'`\\<>()[\],;:]+$/;

/** true when `email` is a plausible address for the Let's Encrypt account (no spaces, quotes or shell characters). */
export function isValidAcmeEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/**
 * Traefik's static configuration as command-line flags. Pure; golden tests hold its output.
 * - entrypoints `web` (:80) with a global redirect to `websecure` (:443);
 * - the Docker provider, opt-in per container, on `traefik-net`;
 * - certificate resolver `le`: ACME HTTP challenge on `web`, storage in the named volume;
 * - API + dashboard on the `traefik` entrypoint (:8080). `api.insecure` serves them there without a
 *   router; the port is published on 127.0.0.1 only, so only an SSH port forward reaches it.
 */
export function traefikCommand(email: string): string[] {
  return [
    '--entrypoints.web.address=:80',
    '--entrypoints.web.http.redirections.entrypoint.to=websecure',
    '--entrypoints.web.http.redirections.entrypoint.scheme=https',
    '--entrypoints.websecure.address=:443',
    `--entrypoints.traefik.address=:${DASHBOARD_PORT}`,
    '--api.dashboard=true',
    '--api.insecure=true',
    '--providers.docker=true',
    '--providers.docker.exposedbydefault=false',
    `--providers.docker.network=${TRAEFIK_NETWORK}`,
    `--certificatesresolvers.le.acme.email=${email}`,
    `--certificatesresolvers.le.acme.storage=${ACME_STORAGE}`,
    '--certificatesresolvers.le.acme.httpchallenge=true',
    '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
  ];
}
