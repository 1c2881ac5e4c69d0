/**
 * Fuzzy matching for the command palette: the query's characters must appear in order in the text
 * (case-insensitive, whitespace in the query ignored), and the best-scoring way to place them wins.
 *
 * Runs on every keystroke over every palette item, so the scoring loop allocates nothing: it works
 * in module-level typed arrays that grow as needed (JavaScript is single-threaded, nothing else can
 * be inside it at the same time), and match positions are only built for the items that are shown.
 */

export interface PaletteItem {
  id: string;
  label: string;
  /** Secondary text (e.g. the server an app runs on); matched too, but a label match ranks higher. */
  detail?: string;
  /** More words that find this item (e.g. "settings" for "Preferences"). */
  keywords?: readonly string[];
}

/** An item with its lower-case text computed once, not on every keystroke: see preparePaletteItems. */
export interface PreparedPaletteItem<T extends PaletteItem = PaletteItem> {
  readonly item: T;
  /** Its place in the prepared list: the last tie-break, so equal items keep their order. */
  readonly order: number;
  readonly lowerLabel: string;
  /** detail and keywords, space-separated. */
  readonly extra: string;
  readonly lowerExtra: string;
}

export interface FuzzyMatch {
  score: number;
  /** Index in the text of each query character (whitespace in the query excluded), ascending. */
  positions: number[];
}

export interface RankedPaletteItem<T extends PaletteItem = PaletteItem> {
  item: T;
  score: number;
  /** Where the query matched the label, for highlighting; empty when it matched only detail or keywords. */
  positions: number[];
}

export interface RankOptions {
  /** Ids of recently used items, most recent first. */
  recentIds?: readonly string[];
  /** At most this many results (default 50). */
  limit?: number;
}

// Scores in the spirit of fzf: every matched character earns SCORE_MATCH, gaps cost, and a
// character earns a bonus for where it sits (start of the text, start of a word, camelCase hump).
const SCORE_MATCH = 16;
const GAP_START = -3;
const GAP_EXTENSION = -1;
const BONUS_PREFIX = 10;
const BONUS_BOUNDARY = 8;
const BONUS_CAMEL = 7;
/**
 * A run of adjacent characters earns, per character after the first, the best of: this, its own
 * bonus, and the bonus of the run's start (so all of "web" in "shop/web" counts as a word start).
 */
const BONUS_CONSECUTIVE = 4;
/** The first query character's bonus counts double: "where the match starts" matters most. */
const FIRST_CHAR_MULTIPLIER = 2;
/** A match in detail/keywords scores this much less than the same match in the label. */
const EXTRA_FIELD_PENALTY = 20;
/** The most recently used item gets this bonus, the next one less, down to 1: enough to break near-ties only. */
const RECENT_BONUS_MAX = 6;
const DEFAULT_LIMIT = 50;

/** "No match ends here". Far below any real score, and far enough above Int32 overflow. */
const NONE = -1_000_000;
const VALID = NONE / 2;

// Working memory for scoreText: per (query char, text position) the score, the back-pointer and the
// bonus the run ending there started with; and the earliest/latest position each query char can take.
let scores = new Int32Array(1024);
let from = new Int32Array(1024);
let runBonus = new Int32Array(1024);
let earliest = new Int32Array(64);
let latest = new Int32Array(64);
// What the last scoreText call found, for lastPositions.
let lastEnd = -1;
let lastQueryLength = 0;
let lastTextLength = 0;

/** Scores `query` against `text` (case-insensitive); null when its characters do not all appear in order. */
export function fuzzyScore(query: string, text: string): FuzzyMatch | null {
  const q = normalizeQuery(query);
  if (q === '') return { score: 0, positions: [] };
  const score = scoreText(q, text, lowerCase(text));
  return score === NONE ? null : { score, positions: lastPositions() };
}

/** Lower-cases the items' text once; pass the result to rankPaletteItems on every keystroke. */
export function preparePaletteItems<T extends PaletteItem>(items: readonly T[]): PreparedPaletteItem<T>[] {
  return items.map((item, order) => {
    const extra = [item.detail ?? '', ...(item.keywords ?? [])].filter((part) => part !== '').join(' ');
    return { item, order, lowerLabel: lowerCase(item.label), extra, lowerExtra: lowerCase(extra) };
  });
}

/**
 * The items matching `query`, best first (ties: more recent, then shorter label, then list order).
 * An empty query lists recently used items first, most recent first, then the rest in list order.
 */
export function rankPaletteItems<T extends PaletteItem>(
  items: readonly PreparedPaletteItem<T>[],
  query: string,
  options: RankOptions = {},
): RankedPaletteItem<T>[] {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (limit <= 0) return [];
  const recency = recencyRanks(options.recentIds ?? []);
  const q = normalizeQuery(query);
  if (q === '') return recentFirst(items, recency, limit);

  const hits: Array<{ prepared: PreparedPaletteItem<T>; score: number; recent: number; inLabel: boolean }> = [];
  for (const prepared of items) {
    const inLabel = scoreText(q, prepared.item.label, prepared.lowerLabel);
    const inExtra =
      prepared.lowerExtra === '' ? NONE : scoreText(q, prepared.extra, prepared.lowerExtra) - EXTRA_FIELD_PENALTY;
    if (inLabel === NONE && inExtra <= VALID) continue;
    const recent = recency.get(prepared.item.id) ?? Infinity;
    const bonus = recent === Infinity ? 0 : Math.max(1, RECENT_BONUS_MAX - recent);
    hits.push({ prepared, score: Math.max(inLabel, inExtra) + bonus, recent, inLabel: inLabel !== NONE });
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      a.recent - b.recent ||
      a.prepared.item.label.length - b.prepared.item.label.length ||
      a.prepared.order - b.prepared.order,
  );

  return hits.slice(0, limit).map(({ prepared, score, inLabel }) => {
    // Positions only for what is shown: score the label again to leave its path in the buffers.
    const positions = inLabel && scoreText(q, prepared.item.label, prepared.lowerLabel) !== NONE ? lastPositions() : [];
    return { item: prepared.item, score, positions };
  });
}

/**
 * The best score for placing every character of `query` (already lower-case) in `text`, or NONE.
 * `lower` is `text` lower-cased with the same length. Dynamic programming over (query character,
 * text position), limited to the positions each character can take; leaves the best path for
 * lastPositions.
 */
function scoreText(query: string, text: string, lower: string): number {
  const m = query.length;
  const n = lower.length;
  if (m > n) return NONE;

  if (earliest.length < m) {
    earliest = new Int32Array(m * 2);
    latest = new Int32Array(m * 2);
  }
  // The earliest position each character can take; most texts fail here, cheaply.
  let j = 0;
  for (let i = 0; i < m; i++) {
    const c = query.charCodeAt(i);
    while (j < n && lower.charCodeAt(j) !== c) j++;
    if (j === n) return NONE;
    earliest[i] = j++;
  }
  // The latest position each character can take, leaving room for the ones after it.
  j = n - 1;
  for (let i = m - 1; i >= 0; i--) {
    const c = query.charCodeAt(i);
    while (lower.charCodeAt(j) !== c) j--;
    latest[i] = j--;
  }

  if (scores.length < m * n) {
    scores = new Int32Array(m * n * 2);
    from = new Int32Array(m * n * 2);
    runBonus = new Int32Array(m * n * 2);
  }

  // Row 0: the first character, wherever it can be.
  const first = query.charCodeAt(0);
  for (let k = earliest[0]!; k <= latest[0]!; k++) {
    if (lower.charCodeAt(k) !== first) {
      scores[k] = NONE;
      continue;
    }
    const bonus = bonusAt(text, k);
    scores[k] = SCORE_MATCH + bonus * FIRST_CHAR_MULTIPLIER;
    runBonus[k] = bonus;
  }

  for (let i = 1; i < m; i++) {
    const c = query.charCodeAt(i);
    const row = i * n;
    const prev = row - n;
    const prevStart = earliest[i - 1]!;
    const prevEnd = latest[i - 1]!;
    const start = earliest[i]!;
    const end = latest[i]!;
    // The best previous-row cell at least two positions back, with the cost of the gap up to here.
    let gap = NONE;
    let gapFrom = -1;
    for (let k = prevStart + 1; k <= end; k++) {
      if (gap > VALID) gap += GAP_EXTENSION;
      const back = k - 2;
      if (back >= prevStart && back <= prevEnd && scores[prev + back]! + GAP_START > gap) {
        gap = scores[prev + back]! + GAP_START;
        gapFrom = back;
      }
      if (k < start) continue;
      if (lower.charCodeAt(k) !== c) {
        scores[row + k] = NONE;
        continue;
      }
      const bonus = bonusAt(text, k);
      let best = NONE;
      let bestFrom = -1;
      let bestRun = bonus;
      const adjacent = k - 1 <= prevEnd ? scores[prev + k - 1]! : NONE;
      if (adjacent > VALID) {
        const started = runBonus[prev + k - 1]!;
        best = adjacent + Math.max(bonus, started, BONUS_CONSECUTIVE);
        bestFrom = k - 1;
        // A word start inside the run lifts the rest of it (camelCase humps do not).
        bestRun = bonus >= BONUS_BOUNDARY ? Math.max(started, bonus) : started;
      }
      if (gap > VALID && gap + bonus > best) {
        best = gap + bonus;
        bestFrom = gapFrom;
        bestRun = bonus;
      }
      scores[row + k] = best > VALID ? best + SCORE_MATCH : NONE;
      from[row + k] = bestFrom;
      runBonus[row + k] = bestRun;
    }
  }

  // The best place for the last character (the earliest, on a tie).
  const last = (m - 1) * n;
  let best = NONE;
  for (let k = earliest[m - 1]!; k <= latest[m - 1]!; k++) {
    if (scores[last + k]! > best) {
      best = scores[last + k]!;
      lastEnd = k;
    }
  }
  lastQueryLength = m;
  lastTextLength = n;
  return best;
}

/** The positions of the best path the last successful scoreText found. */
function lastPositions(): number[] {
  const positions = new Array<number>(lastQueryLength);
  let k = lastEnd;
  for (let i = lastQueryLength - 1; i >= 0; i--) {
    positions[i] = k;
    k = from[i * lastTextLength + k]!;
  }
  return positions;
}

/** What a character earns for where it sits: at the start, after a separator, or on a camelCase/digit hump. */
function bonusAt(text: string, k: number): number {
  if (k === 0) return BONUS_PREFIX;
  const before = text.charCodeAt(k - 1);
  // Any ASCII character that is not a letter or digit starts a word: / - _ space . : # and the like.
  if (before < 128 && !isAsciiAlphanumeric(before)) return BONUS_BOUNDARY;
  const here = text.charCodeAt(k);
  if (before >= 97 && before <= 122 && here >= 65 && here <= 90) return BONUS_CAMEL;
  if (!isDigit(before) && isDigit(here)) return BONUS_CAMEL;
  return 0;
}

function isAsciiAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function normalizeQuery(query: string): string {
  return lowerCase(query.replace(/\s+/g, ''));
}

/** Lower case that keeps every index in place ("İ" lower-cases to two characters: it stays as it is). */
function lowerCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let same = '';
  for (let k = 0; k < text.length; k++) {
    const unit = text[k]!.toLowerCase();
    same += unit.length === 1 ? unit : text[k];
  }
  return same;
}

/** Id → 0 for the most recent, 1 for the next…; a repeated id keeps its most recent rank. */
function recencyRanks(recentIds: readonly string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const id of recentIds) if (!ranks.has(id)) ranks.set(id, ranks.size);
  return ranks;
}

function recentFirst<T extends PaletteItem>(
  items: readonly PreparedPaletteItem<T>[],
  recency: Map<string, number>,
  limit: number,
): RankedPaletteItem<T>[] {
  const recent: Array<PreparedPaletteItem<T> | undefined> = new Array(recency.size);
  const rest: PreparedPaletteItem<T>[] = [];
  for (const prepared of items) {
    const rank = recency.get(prepared.item.id);
    if (rank !== undefined && recent[rank] === undefined) recent[rank] = prepared;
    else rest.push(prepared);
  }
  return [...recent.filter((p) => p !== undefined), ...rest]
    .slice(0, limit)
    .map((prepared) => ({ item: prepared.item, score: 0, positions: [] }));
}
