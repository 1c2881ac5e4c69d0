import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';

/**
 * The second step of a destructive action: what will happen (children), the action's error if it
 * failed, the danger button, and "Keep it", which has the focus so Enter never destroys by accident.
 */
export function ConfirmPanel({
  label,
  confirmLabel,
  onConfirm,
  onKeep,
  pending,
  error = null,
  confirmBlockedReason,
  children,
}: {
  /** The group's accessible name, e.g. "Confirm deleting web". */
  label: string;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  onKeep: () => void;
  pending: boolean;
  error?: unknown;
  /** Set when the action cannot be confirmed yet (the button is disabled and says why on hover). */
  confirmBlockedReason?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="confirm" role="group" aria-label={label}>
      {children}
      <ErrorNotice error={error} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          onClick={onConfirm}
          disabled={pending || confirmBlockedReason !== undefined}
          title={confirmBlockedReason}
        >
          {confirmLabel}
        </button>
        <button type="button" onClick={onKeep} disabled={pending} autoFocus>
          Keep it
        </button>
      </div>
    </div>
  );
}
