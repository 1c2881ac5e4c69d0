import type { LogLineDto } from '../../../shared/dto/app';

/** Build-log lines as the terminal shows them. Pure (unit-tested in renderer-log-lines.test.ts). */

/**
 * Lines in `seq` order without duplicates: what `deployments.log` returned and what the
 * `deployments.watch` stream added, in whichever order they arrived. Returns `current` itself when
 * nothing is new, and appends without sorting in the usual case (everything new comes after).
 */
export function mergeLogLines(current: readonly LogLineDto[], incoming: readonly LogLineDto[]): readonly LogLineDto[] {
  if (incoming.length === 0) return current;
  const last = current.length > 0 ? current[current.length - 1]!.seq : -Infinity;
  let ordered = true;
  let previous = last;
  for (const line of incoming) {
    if (line.seq <= previous) {
      ordered = false;
      break;
    }
    previous = line.seq;
  }
  if (ordered) return current.length === 0 ? [...incoming] : [...current, ...incoming];

  const bySeq = new Map<number, LogLineDto>();
  for (const line of current) bySeq.set(line.seq, line);
  let added = false;
  for (const line of incoming) {
    if (!bySeq.has(line.seq)) {
      bySeq.set(line.seq, line);
      added = true;
    }
  }
  if (!added) return current;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const DIM_CYAN = '\x1b[36m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/**
 * One line as terminal output: line breaks become CRLF (a terminal needs the carriage return), our own
 * system lines are cyan, and stderr lines that carry no colours of their own are red.
 */
export function terminalText(line: LogLineDto): string {
  const text = line.text.replace(/\r?\n/g, '\r\n');
  if (line.stream === 'system') return `${DIM_CYAN}${text}${RESET}\r\n`;
  if (line.stream === 'stderr' && !text.includes('\x1b[') && /\b(error|failed)\b/i.test(text))
    return `${RED}${text}${RESET}\r\n`;
  return `${text}\r\n`;
}
