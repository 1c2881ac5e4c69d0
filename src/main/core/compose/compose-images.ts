import type Dockerode from 'dockerode';

/** The images (IDs) the given compose containers run. */
export function imageIdsOf(containers: readonly Pick<Dockerode.ContainerInfo, 'ImageID'>[]): Set<string> {
  return new Set(containers.map((container) => container.ImageID));
}

/**
 * After `compose up`: removes the images the app's containers ran before (`before`) and no longer
 * do (`now`, from the containers as they are after it), once no tag names them, which is what a rebuilt service leaves behind (the new image took its
 * tag). Without this every deploy that changes a build leaves an untagged image on the server. An
 * image a tag still names (one compose pulled, such as postgres:15 after the file moved to 16) is
 * left alone, and Docker refuses one that any container still uses. Returns the IDs removed.
 */
export async function removeReplacedImages(
  docker: Dockerode,
  before: ReadonlySet<string>,
  now: ReadonlySet<string>,
): Promise<string[]> {
  const removed: string[] = [];
  for (const id of before) {
    if (now.has(id)) continue;
    try {
      const image = await docker.getImage(id).inspect();
      const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
      if (tags.length > 0) continue;
      await docker.getImage(id).remove();
      removed.push(id);
    } catch {
      // gone already (404) or still used by a container (409): leave it
    }
  }
  return removed;
}
