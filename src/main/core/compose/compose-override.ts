import { TRAEFIK_NETWORK, traefikLabels } from '../../../shared/traefik-labels';

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

/**
 * The compose override that makes one service public: Traefik's labels for the app's domains, and
 * the external `traefik-net` network (aliased `app-{appId}`, the app's internal address) next to the
 * project's `default` network, so the service still reaches its siblings. JSON is valid YAML, so no
 * YAML library is needed; compose merges it over the user's file (labels and networks are merged).
 */
export function composeOverride(input: {
  appId: string;
  publicService: string;
  publicPort: number;
  domains: readonly string[];
}): string {
  const labels = traefikLabels({ appId: input.appId, domains: input.domains, port: input.publicPort });
  const override = {
    services: {
      [input.publicService]: {
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        networks: {
          default: {},
          [TRAEFIK_NETWORK]: { aliases: [`app-${input.appId}`] },
        },
      },
    },
    networks: { [TRAEFIK_NETWORK]: { external: true } },
  };
  return `${JSON.stringify(override, null, 2)}\n`;
}
