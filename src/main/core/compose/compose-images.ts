import type Dockerode from 'dockerode';
import { listComposeContainers } from './compose-status';

/** The images (IDs) the app's compose containers run. */
export async function composeImageIds(docker: Dockerode, appId: string): Promise<Set<string>> {
  return new Set((await listComposeContainers(docker, appId)).map((container) => container.ImageID));
}

/**
 * After `compose up`: removes the images the app's containers ran before (`before`) and no longer
 * do, once no tag names them, which is what a rebuilt service leaves behind (the new image took its
 * tag). Without this every deploy that changes a build leaves an untagged image on the server. An
 * image a tag still names (one compose pulled, such as postgres:15 after the file moved to 16) is
 * left alone, and Docker refuses one that any container still uses. Returns the IDs removed.
 */
export async function removeReplacedImages(
  docker: Dockerode,
  appId: string,
  before: ReadonlySet<string>,
): Promise<string[]> {
  const now = await composeImageIds(docker, appId);
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
