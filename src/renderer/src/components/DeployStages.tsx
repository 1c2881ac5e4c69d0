import type { AppType, DeploymentDto } from '../../../shared/dto/app';
import { useNow } from '../hooks/useNow';
import { deployStagesFor, isFinished, stageProgress, type StageState } from '../lib/deploy-stages';
import { formatDuration } from '../lib/format';

const STATE_TEXT: Record<StageState, string> = {
  pending: 'waiting',
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
};
const STATE_ICON: Record<StageState, string> = {
  pending: '○',
  running: '◐',
  done: '✓',
  failed: '✕',
  cancelled: '–',
  skipped: '·',
};

/** queued → resolve → fetch → build → deploy (a database: pull instead of fetch and build), each with its state and time. */
export function DeployStages({ deployment, appType }: { deployment: DeploymentDto; appType: AppType }) {
  const live = !isFinished(deployment.status);
  const now = useNow(500, live);
  const stages = stageProgress(deployment, live ? now : undefined, deployStagesFor(appType, deployment));
  return (
    <ol className="stages" aria-label="Deployment stages">
      {stages.map((stage) => (
        <li
          key={stage.stage}
          className={`stage stage-${stage.state}`}
          data-stage={stage.stage}
          data-state={stage.state}
          aria-current={stage.state === 'running' ? 'step' : undefined}
        >
          <span className="stage-icon" aria-hidden="true">
            {STATE_ICON[stage.state]}
          </span>
          <span className="stage-text">
            <span className="stage-label">{stage.label}</span>
            <span className="stage-state">
              {STATE_TEXT[stage.state]}
              {stage.durationMs !== null ? ` · ${formatDuration(stage.durationMs)}` : ''}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
