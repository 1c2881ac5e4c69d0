import { z } from 'zod';
import { apiDefinition, isApiChannel, type ApiChannel } from '../../../shared/api';
import { MistError, type MistErrorShape } from '../../../shared/errors';
import { STREAM_LIMITS, type ServerMessage } from '../../../shared/wire';
import type { ApiHandlers } from './api-handlers';
import { StreamSink } from './stream-sink';

const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(100),
    input: z.unknown(),
  }),
  z.object({
    type: z.literal('subscribe'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(100),
    input: z.unknown(),
  }),
  z.object({ type: z.literal('ack'), id: z.number().int().nonnegative(), count: z.number().int().nonnegative() }),
  z.object({ type: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
]);

/**
 * Serves the API to one peer (a window, or one web-shell socket): validates every message and
 * every input against the one definition, runs the handler, answers, and runs streams with flow
 * control. Whatever goes wrong becomes a MistError shape, never a crash.
 */
export class ApiSession {
  private readonly streams = new Map<number, { sink: StreamSink<unknown>; stop: () => void }>();

  constructor(
    private readonly handlers: ApiHandlers,
    private readonly send: (message: ServerMessage) => void,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  receive(raw: unknown): void {
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log(`mist api: dropped a malformed message: ${z.prettifyError(parsed.error)}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'call':
        void this.call(message.id, message.channel, message.input);
        return;
      case 'subscribe':
        this.subscribe(message.id, message.channel, message.input);
        return;
      case 'ack':
        this.streams.get(message.id)?.sink.acknowledge(message.count);
        return;
      case 'unsubscribe':
        this.stopStream(message.id);
        return;
    }
  }

  /** The peer went away: stop every stream it had. */
  close(): void {
    for (const id of [...this.streams.keys()]) this.stopStream(id);
  }

  private async call(id: number, channel: string, input: unknown): Promise<void> {
    try {
      const def = this.definition(channel, 'call');
      const value = await (this.handlers[channel as ApiChannel] as (input: unknown) => unknown)(
        parseInput(def.input, input),
      );
      this.send({ type: 'result', id, ok: true, value: value ?? null });
    } catch (error) {
      this.send({ type: 'result', id, ok: false, error: this.toShape(error, channel) });
    }
  }

  private subscribe(id: number, channel: string, input: unknown): void {
    if (this.streams.has(id)) {
      // ids come from the client's own counter: a repeat is a client bug, and answering with an
      // `end` for that id would end the stream that is already running under it
      this.log(`mist api: ignored a second subscribe with stream id ${id}`);
      return;
    }
    try {
      const def = this.definition(channel, 'stream');
      const limits = STREAM_LIMITS[channel];
      const sink = new StreamSink<unknown>(
        (events) => this.send({ type: 'batch', id, events }),
        ...(limits ? ([limits.window, limits.batchMax, limits.window * 4] as const) : []),
      );
      const handler = this.handlers[channel as ApiChannel] as (input: unknown, sink: StreamSink<unknown>) => () => void;
      const stop = handler(parseInput(def.input, input), sink);
      this.streams.set(id, { sink, stop });
    } catch (error) {
      this.send({ type: 'end', id, error: this.toShape(error, channel) });
    }
  }

  private stopStream(id: number): void {
    const stream = this.streams.get(id);
    if (!stream) return;
    this.streams.delete(id);
    stream.sink.end();
    stream.stop();
    this.send({ type: 'end', id, error: null });
  }

  private definition(channel: string, kind: 'call' | 'stream') {
    if (!isApiChannel(channel) || apiDefinition[channel].kind !== kind) {
      throw new MistError('invalid-input', `Unknown API ${kind}: ${channel}`);
    }
    return apiDefinition[channel];
  }

  private toShape(error: unknown, channel: string): MistErrorShape {
    if (error instanceof MistError) return error.toShape();
    this.log(`mist api: ${channel} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
    return {
      code: 'internal',
      message: `Unexpected error in ${channel}: ${(error as Error)?.message ?? String(error)}`,
    };
  }
}

function parseInput(schema: z.ZodType, input: unknown): unknown {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`,
  );
  throw new MistError('invalid-input', `Invalid input: ${problems.join('; ')}`);
}
