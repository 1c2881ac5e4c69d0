import type Dockerode from 'dockerode';
import type { AppDto } from '../../../shared/dto/app';
import { checkoutDir } from '../deploy/remote-git';
import type { ServerConnection } from '../ssh/server-connection';
import { MISSING_FILE_EXIT, composeErrorLines, detectCompose, runCompose } from './compose-cli';
import { composeProject, overridePath } from './compose-override';
import { composeFiles, removeRemoteFile } from './compose-pipeline';

const DOWN_TIMEOUT_MS = 5 * 60_000;

/**
 * Removes a compose app's services: `compose -p mist-{appId} -f FILE down [-v] --remove-orphans`
 * from the checkout (named volumes are kept unless `removeVolumes`). Where that cannot run (no
 * checkout or compose file any more, no compose on the server, or it fails), the project's
 * containers, networks (and with `removeVolumes` its volumes) are removed through the Docker API,
 * found by their compose project label. Then the override file goes. Returns what it did, for the log.
 */
export async function composeDown(
  conn: ServerConnection,
  docker: Dockerode,
  app: Pick<AppDto, 'id' | 'projectId' | 'name' | 'rootDir' | 'compose'>,
  options: { removeVolumes?: boolean; signal?: AbortSignal } = {},
): Promise<{ via: 'compose' | 'docker-api'; note: string | null }> {
  const dir = checkoutDir(app.projectId, app.name);
  let note: string | null = null;
  try {
    const cli = await detectCompose(conn);
    const files = composeFiles(dir, app.rootDir, app.compose?.file ?? 'docker-compose.yml');
    const args = ['-p', composeProject(app.id), '-f', files.file, 'down', ...(options.removeVolumes ? ['-v'] : [])];
    const result = await runCompose(
      conn,
      { cli, dir: files.projectDir, args: [...args, '--remove-orphans'], requireFile: files.file },
      { timeoutMs: DOWN_TIMEOUT_MS, signal: options.signal },
    );
    if (result.exitCode === 0) {
      await removeRemoteFile(conn, overridePath(dir));
      return { via: 'compose', note: null };
    }
    if (result.exitCode !== MISSING_FILE_EXIT) note = `compose down failed: ${composeErrorLines(result.stderr)}`;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    note = (error as Error).message;
  }
  await removeThroughDockerApi(docker, app.id, options.removeVolumes === true);
  await removeRemoteFile(conn, overridePath(dir)).catch(() => {});
  return { via: 'docker-api', note };
}

async function removeThroughDockerApi(docker: Dockerode, appId: string, removeVolumes: boolean): Promise<void> {
  const label = `com.docker.compose.project=${composeProject(appId)}`;
  // every container of the project, one-off `compose run` containers included
  const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(
    containers.map((c) => ignoreMissing(docker.getContainer(c.Id).remove({ force: true, v: removeVolumes }))),
  );
  const networks = await docker.listNetworks({ filters: { label: [label] } });
  await Promise.all(networks.map((n) => ignoreMissing(docker.getNetwork(n.Id).remove())));
  if (removeVolumes) {
    const { Volumes } = await docker.listVolumes({ filters: { label: [label] } });
    await Promise.all((Volumes ?? []).map((v) => ignoreMissing(docker.getVolume(v.Name).remove())));
  }
}

async function ignoreMissing(operation: Promise<unknown>): Promise<void> {
  await operation.catch((error: { statusCode?: number }) => {
    if (error.statusCode !== 404) throw error;
  });
}
