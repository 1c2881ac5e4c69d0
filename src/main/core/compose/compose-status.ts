import type Dockerode from 'dockerode';
import type { AppStatus, ComposeServiceStatusDto } from '../../../shared/dto/app';
import { composeProject } from './compose-override';

const PROJECT_LABEL = 'com.docker.compose.project';
const SERVICE_LABEL = 'com.docker.compose.service';
const ONEOFF_LABEL = 'com.docker.compose.oneoff';

/** The app's compose containers (all states), without one-off `compose run` containers. */
export async function listComposeContainers(docker: Dockerode, appId: string): Promise<Dockerode.ContainerInfo[]> {
  const containers = await docker.listContainers({
    all: true,
    filters: { label: [`${PROJECT_LABEL}=${composeProject(appId)}`] },
  });
  return containers.filter((c) => c.Labels?.[ONEOFF_LABEL]?.toLowerCase() !== 'true');
}

/** The compose service a container runs, from compose's label (null for any other container). */
export function composeServiceOf(container: Pick<Dockerode.ContainerInfo, 'Labels'>): string | null {
  return container.Labels?.[SERVICE_LABEL] || null;
}

/**
 * One row per service (by name). A scaled service shows its first running container, and counts as
 * running while any of its containers runs.
 */
export function servicesOf(containers: readonly Dockerode.ContainerInfo[]): ComposeServiceStatusDto[] {
  const byService = new Map<string, Dockerode.ContainerInfo>();
  for (const container of containers) {
    const service = composeServiceOf(container);
    if (!service) continue;
    const held = byService.get(service);
    if (!held || (held.State !== 'running' && container.State === 'running')) byService.set(service, container);
  }
  return [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, c]) => ({ service, state: c.State, image: c.Image, ports: portsOf(c), containerId: c.Id }));
}

/** `running` when every service runs, `partial` when some do, `stopped` when none (or none exist). */
export function summarizeServices(services: ComposeServiceStatusDto[]): {
  status: Extract<AppStatus, 'running' | 'partial' | 'stopped'>;
  summary: string;
  services: ComposeServiceStatusDto[];
} {
  const running = services.filter((s) => s.state === 'running').length;
  const status = services.length > 0 && running === services.length ? 'running' : running > 0 ? 'partial' : 'stopped';
  return { status, summary: `${running}/${services.length} running`, services };
}

/** `0.0.0.0:8080->80/tcp` for a published port, `80/tcp` otherwise; IPv4/IPv6 twins once. */
function portsOf(container: Dockerode.ContainerInfo): string[] {
  const byMapping = new Map<string, string>();
  for (const p of container.Ports ?? []) {
    const mapping = p.PublicPort ? `${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`;
    const text = p.PublicPort ? `${p.IP || '0.0.0.0'}:${mapping}` : mapping;
    // Docker lists a published port once per address family; the IPv4 form is the one to show
    if (!byMapping.has(mapping) || !(p.IP ?? '').includes(':')) byMapping.set(mapping, text);
  }
  return [...byMapping.values()].sort();
}
