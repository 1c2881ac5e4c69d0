import type Dockerode from 'dockerode';
import { MistError } from '../../../shared/errors';

interface PullEvent {
  status?: string;
  id?: string;
  error?: string;
}

/** Layer states worth a line in the log (not every progress tick). */
const WORTH_LOGGING = /^(Pulling from|Pull complete|Already exists|Digest:|Status:)/;

/**
 * Pulls the image on the server. When the pull fails (no registry access, rate limit, registry down)
 * but the server already has the image, that copy is used and the log says so; without a copy the
 * error names both problems.
 */
export async function pullOrUseLocal(
  docker: Dockerode,
  image: string,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<'pulled' | 'local'> {
  log(`Pulling ${image}…`);
  try {
    await pull(docker, image, log, signal);
    return 'pulled';
  } catch (error) {
    if (signal.aborted) throw new MistError('cancelled', 'The deployment was cancelled.');
    const reason = (error as Error).message.trim();
    const local = await docker
      .getImage(image)
      .inspect()
      .catch(() => null);
    if (!local) {
      throw new MistError(
        'docker-error',
        `Could not pull ${image} (${reason}), and the server has no copy of it. Check the server's access to the registry, or the version.`,
      );
    }
    log(`Could not pull ${image} (${reason}).`);
    log(`Using the copy already on the server: ${local.Id.slice(7, 19)}, created ${local.Created}.`);
    return 'local';
  }
}

async function pull(docker: Dockerode, image: string, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  const stream = (await docker.pull(image, { abortSignal: signal })) as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: PullEvent[]) => {
        const failed = events?.find((event) => event.error);
        if (error) reject(error);
        else if (failed) reject(new Error(failed.error));
        else resolve();
      },
      (event: PullEvent) => {
        if (event.status && WORTH_LOGGING.test(event.status))
          log(event.id ? `${event.id}: ${event.status}` : event.status);
      },
    );
  });
}
