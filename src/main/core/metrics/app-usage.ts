import type Dockerode from 'dockerode';
import type { AppDto, AppUsageDto } from '../../../shared/dto/app';
import { composeServiceOf, listComposeContainers } from '../compose/compose-status';
import { containerName } from '../deploy/container-replace';
import { readContainerUsage } from './container-usage';

/**
 * What the app's running containers use now (a compose app: each running service container), one
 * stats sample each, taken at the same time over the server's connection. A stopped app has none.
 */
export async function readAppUsage(docker: Dockerode, app: Pick<AppDto, 'id' | 'type'>): Promise<AppUsageDto> {
  const running = await runningContainers(docker, app);
  const containers = await Promise.all(
    running.map(async ({ id, service }) => ({ containerId: id, service, ...(await readContainerUsage(docker, id)) })),
  );
  containers.sort((a, b) => (a.service ?? '').localeCompare(b.service ?? ''));
  return { appId: app.id, containers };
}

async function runningContainers(
  docker: Dockerode,
  app: Pick<AppDto, 'id' | 'type'>,
): Promise<Array<{ id: string; service: string | null }>> {
  if (app.type === 'compose') {
    return (await listComposeContainers(docker, app.id))
      .filter((container) => container.State === 'running')
      .map((container) => ({ id: container.Id, service: composeServiceOf(container) }));
  }
  try {
    const info = await docker.getContainer(containerName(app.id)).inspect();
    return info.State.Running ? [{ id: info.Id, service: null }] : [];
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return [];
    throw error;
  }
}
