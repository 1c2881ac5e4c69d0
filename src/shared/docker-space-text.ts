import type { DockerReclaimDto } from './dto/server';
import { pluralize } from './pluralize';

/** What a Docker clean-up did, as the CLI and the server page say it after "Freed SIZE…: ". */
export function reclaimedText(result: Pick<DockerReclaimDto, 'removedImages'>, buildCache: boolean): string {
  const cache = buildCache ? ', and the unused build cache cleared' : '';
  return `${pluralize(result.removedImages, 'dangling image')} removed${cache}`;
}
