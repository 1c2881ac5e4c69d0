/** Small helpers for error messages written for a person. */

/** The text as one sentence: trimmed, ending with a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Whether an error is an AbortSignal timeout or abort (dockerode passes these through). */
export function isAbort(error: unknown): boolean {
  const name = (error as Error | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A socket that died under a request (the SSH connection dropped): worth one retry for a read. */
export function isDroppedSocket(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(messageOf(error));
}
