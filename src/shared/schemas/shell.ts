import { z } from 'zod';
import { composeServiceSchema } from './app';
import { idSchema } from './server';

/** zod schemas for the container shell (`apps.shell`, `shell.input`, `shell.resize`). */

/** Terminal sizes a real window can have; anything else is a bug or an attack on the PTY. */
export const terminalColsSchema = z.number().int().min(2).max(1000);
export const terminalRowsSchema = z.number().int().min(1).max(500);
/** One keystroke or one paste: large pastes are split by the renderer. */
export const SHELL_INPUT_MAX = 64 * 1024;
/** Session ids are random tokens handed out in the stream's first event. */
export const shellSessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a shell session id');

export const openShellInputSchema = z.object({
  appId: idSchema,
  /** Compose apps: the service whose container to enter (optional when the app has one service). */
  service: composeServiceSchema.optional(),
  cols: terminalColsSchema.default(80),
  rows: terminalRowsSchema.default(24),
});

export const shellInputSchema = z.object({
  sessionId: shellSessionIdSchema,
  data: z.string().max(SHELL_INPUT_MAX, `at most ${SHELL_INPUT_MAX} characters at a time`),
});

export const shellResizeInputSchema = z.object({
  sessionId: shellSessionIdSchema,
  cols: terminalColsSchema,
  rows: terminalRowsSchema,
});
