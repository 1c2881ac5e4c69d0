import { MistError } from '../../../shared/errors';
import { runImage, type PipelineContext, type PipelineResult } from './deploy-pipeline';
import { IMAGES_KEPT_PER_APP } from './image-pruning';
import type { CommitInfo } from './remote-git';

/** The earlier deployment a rollback runs again: its number, the image it built, its commit. */
export interface RollbackTarget {
  number: number;
  image: string;
  commit: CommitInfo;
}

/**
 * A rollback: the image an earlier deployment built, run again with the app's current settings
 * (variables, limits, domains), with no clone and no build. The image must still be on the server
 * (Mist keeps an app's newest images); the container is replaced as in any deploy, so the running
 * one keeps serving if the old image does not start.
 */
export async function runRollbackPipeline(ctx: PipelineContext, target: RollbackTarget): Promise<PipelineResult> {
  const { docker } = ctx;
  ctx.recordCommit(target.commit, target.image);
  ctx.enterStage('deploy');
  ctx.log(
    'system',
    `Rolling back to deployment #${target.number}: ${target.commit.hash.slice(0, 12)} "${target.commit.message}" by ${target.commit.author}, image ${target.image}, no build.`,
  );
  try {
    await docker.getImage(target.image).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    throw new MistError(
      'invalid-input',
      `The image of deployment #${target.number} (${target.image}) is no longer on the server: Mist keeps ` +
        `an app's newest ${IMAGES_KEPT_PER_APP} images. Deploy commit ${target.commit.hash.slice(0, 12)} instead (it builds again).`,
    );
  }
  const containerId = await runImage(ctx, target.commit.hash, target.image);
  // no pruning: the newer images stay, for rolling forward again
  return { containerId, commit: target.commit, image: target.image, pruneRepository: null };
}
