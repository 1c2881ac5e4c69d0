import type { ConnectionStatus } from '../../../shared/dto/server';
import { connectionLabel } from '../lib/format';

/** The coloured connection dot; its text alternative is the state's name. */
export function StatusDot({ status }: { status: ConnectionStatus }) {
  const label = connectionLabel(status);
  return <span className={`dot dot-${status}`} role="img" aria-label={label} title={label} />;
}
