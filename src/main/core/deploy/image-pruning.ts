import type Dockerode from 'dockerode';

/** Images kept per app: the running one and a few before it (for rollback without a rebuild). */
export const IMAGES_KEPT_PER_APP = 5;

/**
 * Removes an app's oldest images beyond the newest `keep` (peers filled their users' disks by never
 * doing this). The image in use is never removed; Docker refuses images a container still uses, and
 * those are skipped. Returns the tags removed.
 */
export async function pruneAppImages(
  docker: Dockerode,
  repository: string,
  inUse: string,
  keep: number = IMAGES_KEPT_PER_APP,
): Promise<string[]> {
  const images = await docker.listImages({ filters: { reference: [repository] } });
  const newestFirst = [...images].sort((a, b) => b.Created - a.Created);
  const removed: string[] = [];
  for (const image of newestFirst.slice(keep)) {
    const tags = (image.RepoTags ?? []).filter((tag) => tag.startsWith(`${repository}:`));
    if (tags.includes(inUse)) continue;
    for (const tag of tags) {
      try {
        await docker.getImage(tag).remove();
        removed.push(tag);
      } catch {
        // in use by a container (409) or already gone (404): leave it
      }
    }
  }
  return removed;
}
