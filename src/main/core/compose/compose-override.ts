import type { LogRetentionDto } from '../../../shared/dto/app';
import { TRAEFIK_NETWORK, traefikLabels } from '../../../shared/traefik-labels';
import { composeLogging } from './compose-config';

/** The compose project of an app: its containers carry `com.docker.compose.project=mist-{appId}`. */
export function composeProject(appId: string): string {
  return `mist-${appId}`;
}

/**
 * Where the override lives on the server: next to the app's checkout, never inside it (the checkout
 * is cleaned with `git clean` on every deploy, and the user's files stay exactly the repository's).
 */
export function overridePath(checkoutDir: string): string {
  return `${checkoutDir}.mist-override.json`;
}

/** The service a compose app makes public, on its port, at the app's domains. */
export interface PublicService {
  name: string;
  port: number;
  domains: readonly string[];
}

/**
 * The compose override Mist writes beside the user's file, or null when it has nothing to add:
 * - the public service gets Traefik's labels for the app's domains and the external `traefik-net`
 *   network (aliased `app-{appId}`, the app's internal address) next to the project's `default`
 *   network, so it still reaches its siblings;
 * - each service in `unlogged` (those whose file sets no `logging:`) gets the app's log retention,
 *   as an image app's container has, instead of Docker's never-rotated default.
 * JSON is valid YAML, so no YAML writer is needed; compose merges it over the user's file.
 */
export function composeOverride(input: {
  appId: string;
  publicService: PublicService | null;
  unlogged: readonly string[];
  retention: LogRetentionDto;
}): string | null {
  const services: Record<string, Record<string, unknown>> = {};
  for (const name of input.unlogged) services[name] = { logging: composeLogging(input.retention) };
  const published = input.publicService;
  if (published) {
    const labels = traefikLabels({ appId: input.appId, domains: published.domains, port: published.port });
    services[published.name] = {
      ...services[published.name],
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      networks: {
        default: {},
        [TRAEFIK_NETWORK]: { aliases: [`app-${input.appId}`] },
      },
    };
  }
  if (Object.keys(services).length === 0) return null;
  const override = {
    services,
    ...(published ? { networks: { [TRAEFIK_NETWORK]: { external: true } } } : {}),
  };
  return `${JSON.stringify(override, null, 2)}\n`;
}
