import type { z } from 'zod';
import {
  apiDefinition,
  type ApiChannel,
  type CallChannel,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/api';
import { MistError } from '../../shared/errors';
import type { CliCore } from './open-core';

/**
 * The CLI's way into the core for everything but servers: the channel's own input schema (from the
 * one API definition), then the channel's handler — what the UI's calls go through, minus the wire.
 */

/** The input as the channel's handler receives it (defaults filled in), or an `invalid-input` error. */
export function parseApiInput<K extends ApiChannel>(channel: K, input: InputOf<K>): ParsedInputOf<K> {
  const parsed = (apiDefinition[channel].input as z.ZodType).safeParse(input);
  if (parsed.success) return parsed.data as ParsedInputOf<K>;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`,
  );
  throw new MistError('invalid-input', `Invalid input for ${channel}: ${problems.join('; ')}`);
}

export async function callApi<K extends CallChannel>(
  core: Pick<CliCore, 'handlers'>,
  channel: K,
  input: InputOf<K>,
): Promise<OutputOf<K>> {
  const handler = core.handlers[channel] as unknown as (input: ParsedInputOf<K>) => Promise<OutputOf<K>> | OutputOf<K>;
  return await handler(parseApiInput(channel, input));
}
