import type Dockerode from 'dockerode';
import type { DockerReclaimDto, DockerSpaceDto } from '../../../shared/dto/server';
import { MistError } from '../../../shared/errors';

/** The parts of Docker's `GET /system/df` answer read here (the API documents more). */
interface SystemDf {
  Images?: Array<{
    Size?: number;
    SharedSize?: number;
    Containers?: number;
    RepoTags?: string[] | null;
    /** Unix seconds. */
    Created?: number;
  }> | null;
  Containers?: Array<{ SizeRw?: number; State?: string }> | null;
  Volumes?: Array<{ UsageData?: { Size?: number } | null }> | null;
  BuildCache?: Array<{ Size?: number; InUse?: boolean; Shared?: boolean }> | null;
}

/** A dangling image younger than this is left alone: it may be a step of a build that is still running. */
const DANGLING_MIN_AGE = '10m';
const DANGLING_MIN_AGE_MS = 10 * 60_000;

const sum = (values: number[]): number => values.reduce((total, value) => total + Math.max(0, value), 0);

/** Untagged (`<none>:<none>`, or no tags at all) and used by no container: what `docker image prune` removes. */
function isDangling(image: NonNullable<SystemDf['Images']>[number]): boolean {
  const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
  return tags.length === 0 && (image.Containers ?? 0) <= 0;
}

/**
 * Pure: the figures of a `system df` answer. Dangling images count only the ones a clean-up would
 * remove (old enough), and their bytes leave out the layers they share.
 */
export function dockerSpaceFromDf(serverId: string, df: SystemDf, nowMs = Date.now()): DockerSpaceDto {
  const images = df.Images ?? [];
  const oldEnough = (created: number | undefined) => (created ?? 0) * 1000 <= nowMs - DANGLING_MIN_AGE_MS;
  const dangling = images.filter((image) => isDangling(image) && oldEnough(image.Created));
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  return {
    serverId,
    images: { count: images.length, bytes: sum(images.map((image) => image.Size ?? 0)) },
    danglingImages: {
      count: dangling.length,
      bytes: sum(dangling.map((image) => (image.Size ?? 0) - Math.max(0, image.SharedSize ?? 0))),
    },
    buildCache: {
      bytes: sum(cache.filter((entry) => !entry.Shared).map((entry) => entry.Size ?? 0)),
      unusedBytes: sum(cache.filter((entry) => !entry.InUse && !entry.Shared).map((entry) => entry.Size ?? 0)),
    },
    containers: {
      count: containers.length,
      running: containers.filter((container) => container.State === 'running').length,
      bytes: sum(containers.map((container) => container.SizeRw ?? 0)),
    },
    volumes: { count: volumes.length, bytes: sum(volumes.map((volume) => volume.UsageData?.Size ?? 0)) },
  };
}

/** Docker measures for one caller at a time and refuses the others with this. */
const DF_BUSY = /disk usage operation is already running/;
const DF_ATTEMPTS = 10;
const DF_RETRY_MS = 1_000;

/** `system df`, waiting its turn when another caller (a second window, the CLI) is measuring. */
export async function dockerSpace(serverId: string, docker: Dockerode): Promise<DockerSpaceDto> {
  for (let attempt = 1; ; attempt++) {
    try {
      return dockerSpaceFromDf(serverId, (await docker.df()) as SystemDf);
    } catch (error) {
      if (!DF_BUSY.test((error as Error).message)) throw error;
      if (attempt >= DF_ATTEMPTS) {
        throw new MistError(
          'conflict',
          'Docker is still measuring its disk use for another request: try again in a moment.',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, DF_RETRY_MS));
    }
  }
}

/**
 * Removes dangling images older than DANGLING_MIN_AGE (never a tagged one: an app's earlier images
 * stay, so rollback keeps working) and, when asked, the build cache no build is using (the next
 * builds then start cold).
 */
export async function reclaimDockerSpace(
  serverId: string,
  docker: Dockerode,
  what: { buildCache: boolean },
): Promise<DockerReclaimDto> {
  const images = await docker.pruneImages({ filters: { dangling: ['true'], until: [DANGLING_MIN_AGE] } });
  const cache = what.buildCache ? await docker.pruneBuilder() : null;
  return {
    serverId,
    removedImages: (images.ImagesDeleted ?? []).filter((entry) => entry.Deleted).length,
    reclaimedBytes: (images.SpaceReclaimed ?? 0) + (cache?.SpaceReclaimed ?? 0),
  };
}
