import type { ISearchOptions, SearchAddon } from '@xterm/addon-search';
import { useEffect, useRef, useState } from 'react';

const DECORATIONS: ISearchOptions['decorations'] = {
  matchBackground: '#f2d16b',
  matchOverviewRuler: '#f2d16b',
  activeMatchBackground: '#ff9632',
  activeMatchColorOverviewRuler: '#ff9632',
};

/** Find in the log (Ctrl/Cmd+F): Enter next, Shift+Enter previous, a case toggle, Escape closes. */
export function LogSearchBar({ search, onClose }: { search: SearchAddon | null; onClose: () => void }) {
  const [term, setTerm] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  useEffect(() => {
    if (!search) return;
    const subscription = search.onDidChangeResults(({ resultIndex, resultCount }) =>
      setResults({ index: resultIndex, count: resultCount }),
    );
    return () => {
      subscription.dispose();
      search.clearDecorations();
    };
  }, [search]);

  const options = (incremental: boolean): ISearchOptions => ({ caseSensitive, incremental, decorations: DECORATIONS });
  const find = (direction: 'next' | 'previous', value = term, incremental = false) => {
    if (!search) return;
    if (value === '') {
      search.clearDecorations();
      setResults(null);
      return;
    }
    if (direction === 'next') search.findNext(value, options(incremental));
    else search.findPrevious(value, options(false));
  };

  return (
    <div className="log-search" role="search" aria-label="Find in log">
      <input
        ref={inputRef}
        type="search"
        aria-label="Find in log"
        placeholder="Find"
        value={term}
        onChange={(event) => {
          setTerm(event.target.value);
          find('next', event.target.value, true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            find(event.shiftKey ? 'previous' : 'next');
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onClose();
          }
        }}
      />
      <span className="muted log-search-count" data-testid="log-search-count" aria-live="polite">
        {term === '' || results === null
          ? ''
          : results.count === 0
            ? 'No matches'
            : `${results.index + 1} of ${results.count}`}
      </span>
      <button
        type="button"
        className="small"
        aria-pressed={caseSensitive}
        title="Match case"
        onClick={() => setCaseSensitive((value) => !value)}
      >
        Aa
      </button>
      <button type="button" className="small" onClick={() => find('previous')} title="Previous match (Shift+Enter)">
        Previous
      </button>
      <button type="button" className="small" onClick={() => find('next')} title="Next match (Enter)">
        Next
      </button>
      <button type="button" className="small" onClick={onClose} aria-label="Close find">
        ✕
      </button>
    </div>
  );
}
