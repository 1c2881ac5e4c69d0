import type { AppStatus } from '../../../shared/dto/app';
import { appStatusLabel } from '../lib/app-status';

/** The coloured app-status dot; its text alternative is the status's name. */
export function AppStatusDot({ status }: { status: AppStatus | undefined }) {
  const label = appStatusLabel(status);
  return <span className={`dot app-dot app-dot-${status ?? 'unknown'}`} role="img" aria-label={label} title={label} />;
}
