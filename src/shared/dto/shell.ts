/**
 * What an `apps.shell` stream sends: first `started` (with the id that `shell.input` and
 * `shell.resize` name), then terminal output as text, and `exit` when the shell ends.
 */
export type ShellEventDto =
  | { kind: 'started'; sessionId: string; container: string; service: string | null }
  | { kind: 'output'; data: string }
  | { kind: 'exit'; code: number | null; message: string | null };
