import type { AppType } from '../../../shared/dto/app';
import { runComposePipeline } from '../compose/compose-pipeline';
import { runDatabasePipeline } from '../databases/database-pipeline';
import { runImagePipeline, type PipelineContext, type PipelineResult } from './deploy-pipeline';
import { runRollbackPipeline } from './rollback-pipeline';

/** How each app type deploys: web and service apps build their image, databases pull theirs, compose runs `up`. */
const PIPELINES: Record<AppType, (ctx: PipelineContext) => Promise<PipelineResult>> = {
  web: runImagePipeline,
  service: runImagePipeline,
  database: runDatabasePipeline,
  compose: runComposePipeline,
};

export function runPipeline(ctx: PipelineContext): Promise<PipelineResult> {
  if (ctx.rollbackTo) return runRollbackPipeline(ctx, ctx.rollbackTo);
  return PIPELINES[ctx.app.type](ctx);
}
