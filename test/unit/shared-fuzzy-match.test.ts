import { describe, expect, it } from 'vitest';
import { fuzzyScore, preparePaletteItems, rankPaletteItems, type PaletteItem } from '../../src/shared/fuzzy-match';

const score = (query: string, text: string) => fuzzyScore(query, text)?.score ?? null;
const labels = (ranked: Array<{ item: PaletteItem }>) => ranked.map((r) => r.item.label);

describe('fuzzyScore', () => {
  it('matches the query characters in order, ignoring case', () => {
    expect(fuzzyScore('SHW', 'shop/web')).toEqual({ score: expect.any(Number), positions: [0, 1, 5] });
    expect(fuzzyScore('shw', 'Shop/Web')?.positions).toEqual([0, 1, 5]);
    expect(fuzzyScore('wsh', 'shop/web')).toBeNull();
    expect(fuzzyScore('shopp', 'shop/web')).toBeNull();
    expect(fuzzyScore('a', '')).toBeNull();
  });

  it('matches everything with an empty query and ignores whitespace in the query', () => {
    expect(fuzzyScore('', 'anything')).toEqual({ score: 0, positions: [] });
    expect(fuzzyScore('  ', 'anything')).toEqual({ score: 0, positions: [] });
    expect(fuzzyScore('shop web', 'shop/web')?.positions).toEqual([0, 1, 2, 3, 5, 6, 7]);
  });

  it('prefers word starts after / - _ and space', () => {
    expect(score('shw', 'shop/web')!).toBeGreaterThan(score('shw', 'show-stats-worker-long')!);
    expect(fuzzyScore('sw', 'shows/web')?.positions).toEqual([0, 6]); // not the w inside "shows"
    expect(fuzzyScore('sw', 'shows-web')?.positions).toEqual([0, 6]);
    expect(fuzzyScore('sw', 'shows_web')?.positions).toEqual([0, 6]);
    expect(fuzzyScore('sw', 'shows web')?.positions).toEqual([0, 6]);
    expect(score('ab', 'xx-ab')!).toBeGreaterThan(score('ab', 'xxxab')!);
  });

  it('prefers camelCase humps and digits after letters', () => {
    expect(fuzzyScore('gc', 'getconfigGetConfig')?.positions).toEqual([9, 12]);
    expect(fuzzyScore('w2', 'web22web2')?.positions).toEqual([0, 3]);
  });

  it('prefers the start of the text', () => {
    expect(score('web', 'webhooks')!).toBeGreaterThan(score('web', 'shop/web')!);
    expect(score('web', 'shop/web')!).toBeGreaterThan(score('web', 'myweb')!);
  });

  it('prefers consecutive characters, and small gaps over large ones', () => {
    expect(score('abc', 'xabcx')!).toBeGreaterThan(score('abc', 'xaxbxc')!);
    expect(fuzzyScore('abc', 'xaxbxcabc')?.positions).toEqual([6, 7, 8]);
    expect(score('ab', 'a-b')!).toBeGreaterThan(score('ab', 'a----b')!);
    expect(score('ac', 'abc')!).toBeGreaterThan(score('ac', 'abbbbbbc')!);
  });

  it('reports positions that point at the query characters', () => {
    const text = 'Deploy shop/web to Production';
    const match = fuzzyScore('dswp', text)!;
    expect(match.positions).toEqual([0, 7, 12, 19]);
    expect(match.positions.map((p) => text[p]!.toLowerCase()).join('')).toBe('dswp');
  });

  it('keeps positions in place when lower-casing would change the length', () => {
    // "İ" lower-cases to two code units; the positions still index the original text.
    expect(fuzzyScore('web', 'İstanbul web')?.positions).toEqual([9, 10, 11]);
  });
});

const ITEMS: PaletteItem[] = [
  { id: 'show', label: 'show-stats-worker-long' },
  { id: 'web', label: 'shop/web', detail: 'prod' },
  { id: 'api', label: 'shop/api', detail: 'prod' },
  { id: 'blog', label: 'blog/web', detail: 'staging' },
  { id: 'prefs', label: 'Preferences', keywords: ['settings', 'options'] },
  { id: 'new', label: 'New server…' },
];

describe('rankPaletteItems', () => {
  const prepared = preparePaletteItems(ITEMS);

  it('filters and orders by score, best first', () => {
    expect(labels(rankPaletteItems(prepared, 'shw'))).toEqual(['shop/web', 'show-stats-worker-long']);
    const ranked = rankPaletteItems(prepared, 'web');
    // Equal scores and lengths: list order.
    expect(labels(ranked)).toEqual(['shop/web', 'blog/web']);
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    expect(rankPaletteItems(prepared, 'zzz')).toEqual([]);
  });

  it('returns the label positions for highlighting', () => {
    const [top] = rankPaletteItems(prepared, 'shw');
    expect(top).toEqual({ item: ITEMS[1], score: fuzzyScore('shw', 'shop/web')!.score, positions: [0, 1, 5] });
  });

  it('matches detail and keywords below label matches, without label positions', () => {
    expect(rankPaletteItems(prepared, 'settings')).toEqual([
      { item: ITEMS[4], score: expect.any(Number), positions: [] },
    ]);
    // Only the two apps whose detail is "prod"; no label has p-r-o-d in order.
    expect(labels(rankPaletteItems(prepared, 'prod'))).toEqual(['shop/web', 'shop/api']);
    // A label match of the same strength beats a detail match.
    const items = preparePaletteItems([
      { id: 'by-detail', label: 'zzz', detail: 'stage' },
      { id: 'by-label', label: 'stage' },
    ]);
    expect(rankPaletteItems(items, 'stage').map((r) => r.item.id)).toEqual(['by-label', 'by-detail']);
  });

  it('keeps label positions when the label matched but the detail scored higher', () => {
    const items = preparePaletteItems([{ id: 'x', label: 'a-very-scattered-label', detail: 'vsl' }]);
    const [only] = rankPaletteItems(items, 'vsl');
    expect(only!.positions).toEqual(fuzzyScore('vsl', 'a-very-scattered-label')!.positions);
  });

  it('lists recent items first for an empty query, most recent first, then the rest in order', () => {
    const ranked = rankPaletteItems(prepared, '  ', { recentIds: ['blog', 'gone', 'web', 'blog'] });
    expect(ranked.map((r) => r.item.id)).toEqual(['blog', 'web', 'show', 'api', 'prefs', 'new']);
    expect(ranked.every((r) => r.score === 0 && r.positions.length === 0)).toBe(true);
    expect(rankPaletteItems(prepared, '', { limit: 2 }).map((r) => r.item.id)).toEqual(['show', 'web']);
  });

  it('breaks ties by recency, most recent first', () => {
    const items = preparePaletteItems([
      { id: 'a', label: 'shop/web', detail: 'server-a' },
      { id: 'b', label: 'shop/web', detail: 'server-b' },
      { id: 'c', label: 'shop/web', detail: 'server-c' },
    ]);
    expect(rankPaletteItems(items, 'web').map((r) => r.item.id)).toEqual(['a', 'b', 'c']);
    expect(rankPaletteItems(items, 'web', { recentIds: ['c', 'b'] }).map((r) => r.item.id)).toEqual(['c', 'b', 'a']);
  });

  it('does not let recency outrank a clearly better match', () => {
    const items = preparePaletteItems([
      { id: 'weak', label: 'w-x-e-x-b-x' },
      { id: 'strong', label: 'web' },
    ]);
    expect(rankPaletteItems(items, 'web', { recentIds: ['weak'] }).map((r) => r.item.id)).toEqual(['strong', 'weak']);
  });

  it('puts the shorter label first on an equal score', () => {
    const items = preparePaletteItems([
      { id: 'long', label: 'web-frontend' },
      { id: 'short', label: 'web' },
    ]);
    expect(rankPaletteItems(items, 'web').map((r) => r.item.id)).toEqual(['short', 'long']);
  });

  it('returns at most `limit` results', () => {
    expect(rankPaletteItems(prepared, 's', { limit: 2 })).toHaveLength(2);
    expect(rankPaletteItems(prepared, 's', { limit: 0 })).toEqual([]);
  });

  it('ranks 1,000 items across 20 servers correctly', () => {
    const apps = ['web', 'api', 'worker', 'db', 'cache', 'queue', 'admin', 'blog', 'auth', 'search'];
    const items: PaletteItem[] = [];
    for (let server = 0; server < 20; server++) {
      for (let n = 0; n < 50; n++) {
        const project = `proj${Math.floor(n / 10)}`;
        const app = apps[n % 10]!;
        items.push({ id: `${server}:${project}/${app}`, label: `${project}/${app}`, detail: `server-${server}` });
      }
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(1000);
    const prepared = preparePaletteItems(items);
    const isSubsequence = (query: string, text: string) => {
      let at = 0;
      for (const ch of text.toLowerCase()) if (ch === query[at]) at++;
      return at === query.length;
    };

    for (const query of ['p3/web', 'wrk', 'server-17', 'q', 'proj', 'xyz']) {
      const ranked = rankPaletteItems(prepared, query, { limit: 1000 });
      const expected = items.filter((i) => isSubsequence(query, i.label) || isSubsequence(query, i.detail!));
      expect(ranked.map((r) => r.item.id).sort()).toEqual(expected.map((i) => i.id).sort());
      for (let k = 1; k < ranked.length; k++) expect(ranked[k - 1]!.score).toBeGreaterThanOrEqual(ranked[k]!.score);
      for (const r of ranked) {
        if (r.positions.length === 0) continue;
        expect(r.positions.map((p) => r.item.label[p]).join('')).toBe(query);
      }
    }

    // The exact label comes first; the same label on every server, in list (server) order.
    const exact = rankPaletteItems(prepared, 'proj3/web', { limit: 20 });
    expect(exact).toHaveLength(20);
    expect(exact.every((r) => r.item.label === 'proj3/web')).toBe(true);
    expect(exact.map((r) => r.item.id)).toEqual(Array.from({ length: 20 }, (_, s) => `${s}:proj3/web`));
    // A server name in the query finds that server's apps through the detail.
    const onServer = rankPaletteItems(prepared, 'server-17', { limit: 1000 });
    expect(onServer).toHaveLength(50);
    expect(onServer.every((r) => r.item.detail === 'server-17' && r.positions.length === 0)).toBe(true);
    // Recent items lead among equals.
    const recent = rankPaletteItems(prepared, 'proj3/web', { recentIds: ['19:proj3/web', '7:proj3/web'] });
    expect(recent.slice(0, 2).map((r) => r.item.id)).toEqual(['19:proj3/web', '7:proj3/web']);
  });
});
