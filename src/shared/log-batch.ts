import type { ServerMessage } from './wire';

/**
 * How the web shell's WebSocket carries a batch of container log lines (`apps.logs`): one compact
 * payload instead of an object per line, so a flood costs one string to encode and to parse rather
 * than hundreds of objects. Pure; both ends of the socket use it (the core packs, the page unpacks
 * back into the same events, so nothing above the transport sees a difference).
 *
 * `{ type: 'batch', id, packed: { t, k, a?, v? } }`:
 * - t: the lines' texts joined by '\n' (a batch is packed only when no text holds a '\n');
 * - k: the streams, run-length: 'o' stdout, 'e' stderr, 's' system, each followed by a count;
 * - a: Docker's timestamps joined by '\n' (only when every line has one);
 * - v: the services, run-length like k (only when every line has one).
 */
export interface PackedLogBatch {
  type: 'batch';
  id: number;
  packed: { t: string; k: (string | number)[]; a?: string; v?: (string | number)[] };
}

interface LogLine {
  stream: 'stdout' | 'stderr' | 'system';
  text: string;
  at?: string;
  service?: string;
}

const KIND = { stdout: 'o', stderr: 'e', system: 's' } as const;
const STREAM = { o: 'stdout', e: 'stderr', s: 'system' } as const;

/** The batch packed, or null when its events are not log lines that pack (then it goes as it is). */
export function packLogBatch(message: ServerMessage): PackedLogBatch | null {
  if (message.type !== 'batch' || message.events.length < 2) return null;
  const events = message.events as LogLine[];
  const texts: string[] = new Array<string>(events.length);
  const stamps: string[] = [];
  const kinds: (string | number)[] = [];
  const services: (string | number)[] = [];
  let allStamped = true;
  let allServices = true;
  for (let index = 0; index < events.length; index++) {
    const line = events[index]!;
    if (typeof line !== 'object' || line === null || typeof line.text !== 'string') return null;
    const kind = KIND[line.stream];
    if (kind === undefined || line.text.includes('\n')) return null;
    // exactly a log line's fields (another stream's events, with more, go as they are)
    const fields = 2 + (line.at === undefined ? 0 : 1) + (line.service === undefined ? 0 : 1);
    if (countKeys(line) !== fields) return null;
    texts[index] = line.text;
    runLength(kinds, kind);
    if (typeof line.at === 'string' && !line.at.includes('\n')) stamps.push(line.at);
    else if (line.at === undefined) allStamped = false;
    else return null;
    if (typeof line.service === 'string') runLength(services, line.service);
    else if (line.service === undefined) allServices = false;
    else return null;
  }
  // some lines with a timestamp (or service) and some without: not worth a format of its own
  if ((!allStamped && stamps.length > 0) || (!allServices && services.length > 0)) return null;
  return {
    type: 'batch',
    id: message.id,
    packed: {
      t: texts.join('\n'),
      k: kinds,
      ...(allStamped ? { a: stamps.join('\n') } : {}),
      ...(allServices ? { v: services } : {}),
    },
  };
}

/** A packed batch back as the batch it was (events of { stream, text, at?, service? }). */
export function unpackLogBatch(message: PackedLogBatch): ServerMessage {
  const { t, k, a, v } = message.packed;
  const texts = t.split('\n');
  const stamps = a === undefined ? null : a.split('\n');
  const events: LogLine[] = new Array<LogLine>(texts.length);
  let index = 0;
  for (let run = 0; run < k.length; run += 2) {
    const stream = STREAM[k[run] as keyof typeof STREAM];
    const end = index + (k[run + 1] as number);
    for (; index < end; index++) events[index] = { stream, text: texts[index]! };
  }
  if (stamps) for (let line = 0; line < events.length; line++) events[line]!.at = stamps[line]!;
  if (v) {
    index = 0;
    for (let run = 0; run < v.length; run += 2) {
      const service = v[run] as string;
      const end = index + (v[run + 1] as number);
      for (; index < end; index++) events[index]!.service = service;
    }
  }
  return { type: 'batch', id: message.id, events };
}

export function isPackedLogBatch(message: unknown): message is PackedLogBatch {
  return typeof message === 'object' && message !== null && 'packed' in message;
}

function runLength(runs: (string | number)[], value: string): void {
  if (runs.length > 0 && runs[runs.length - 2] === value) runs[runs.length - 1] = (runs[runs.length - 1] as number) + 1;
  else runs.push(value, 1);
}

/** Object.keys(value).length without the array (this runs once per line of a flood). */
function countKeys(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}
