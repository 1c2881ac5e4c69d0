import { useCallback, useState } from 'react';
import { visibleErrors } from '../lib/zod-errors';

/**
 * Instant validation for a form whose errors are recomputed from its values on every render: remembers
 * which fields were left and whether a submit was tried, and shows the errors that are due.
 */
export function useFieldErrors<F extends string>(errors: Partial<Record<F, string>>) {
  const [touched, setTouched] = useState<ReadonlySet<F>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const touch = useCallback(
    (field: F) => setTouched((current) => (current.has(field) ? current : new Set(current).add(field))),
    [],
  );
  const reset = useCallback(() => {
    setTouched(new Set());
    setSubmitted(false);
  }, []);
  return {
    shown: visibleErrors(errors, touched, submitted),
    touch,
    markSubmitted: () => setSubmitted(true),
    reset,
  };
}
