/**
 * The search box, the state filters and the results, as a listbox driven from
 * the search box: the focus stays in the box while ArrowUp/ArrowDown/Home/End
 * move the active option (aria-activedescendant) and Enter opens it. The
 * listbox itself is also focusable and answers the same keys, for agents who
 * Tab into it.
 *
 * The list reaches every match: only the rows in view are in the page
 * (@tanstack/react-virtual), rows not loaded yet show "Loading more users…"
 * and ask for their page as they come into view, and the keyboard moving past
 * the loaded rows asks too. The active option is always rendered (so
 * aria-activedescendant names an element), and every option carries
 * aria-setsize and aria-posinset, so a screen reader says "12 of 171".
 */
import { Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { SearchTotal, UserSummary } from '../../../main/domain/types';
import type { UserFilter } from '../../../main/domain/user-filter';
import { ErrorBar } from '../../components/ErrorBar';
import type { UiErrorView } from '../../stores/call';
import type { SearchMove } from '../../stores/search';
import { queryTerms } from './highlight';
import { matchCountText } from './matchCount';
import { optionId, PendingOption, ResultOption } from './ResultOption';
import { filterWords, SearchFilters } from './SearchFilters';

const LISTBOX_ID = 'user-search-results';
const SHORTCUT_HINT = /Mac|iPhone|iPad/.test(navigator.platform) ? 'Press ⌘K to search from anywhere.' : 'Press Ctrl+K to search from anywhere.';
/** A row's height before it is measured: name, UPN line and badges. */
const ESTIMATED_ROW_HEIGHT = 76;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: 0, minWidth: 0, flexGrow: 1 },
  scroller: {
    overflowY: 'auto',
    overflowX: 'hidden',
    minHeight: '6rem',
    flexGrow: 1,
    flexShrink: 1,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  listbox: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    position: 'relative',
    width: '100%',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  status: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  query: string;
  filter: UserFilter;
  results: UserSummary[];
  /** How many match in all, for the answered query. */
  total: SearchTotal | null;
  /** Every match is loaded. */
  complete: boolean;
  /** Whether `results` answer the query and filter as they stand now. */
  current: boolean;
  /** The query `results` answer (for the highlights). */
  answeredQuery: string;
  activeIndex: number;
  loading: boolean;
  error: UiErrorView | null;
  selectedId: string | null;
  /** Bumped by Ctrl+K: focus the box. */
  focusRequest: number;
  onQuery(query: string): void;
  onFilter(change: UserFilter): void;
  onMove(to: SearchMove): void;
  onActive(index: number): void;
  onSelect(user: UserSummary): void;
  onLoadMore(): void;
}

/** Rows the list has room for: every match main counted, else the loaded ones and one that loads more. */
function rowCount(results: UserSummary[], total: SearchTotal | null, complete: boolean): number {
  if (complete || !total) return results.length;
  return total.exact ? Math.max(total.count, results.length) : results.length + 1;
}

export function UserSearch(props: Props) {
  const { query, filter, results, total, complete, current, activeIndex, loading, error, selectedId, focusRequest } = props;
  const styles = useStyles();
  const inputRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Only the answer to what is asked now: older results would be misleading while the new ones load.
  const shown = current ? results : [];
  const active = shown[activeIndex];
  const terms = current ? queryTerms(props.answeredQuery) : [];
  const count = current ? rowCount(results, total, complete) : 0;
  const setSize = total?.exact || complete ? count : -1;

  // The active option stays rendered wherever the list is scrolled.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return activeIndex >= 0 && activeIndex < range.count && !indexes.includes(activeIndex)
        ? [...indexes, activeIndex].sort((a, b) => a - b)
        : indexes;
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 6,
    rangeExtractor,
    getItemKey: (index) => shown[index]?.id ?? `pending-${index}`,
  });
  const items = virtualizer.getVirtualItems();
  const lastRendered = items[items.length - 1]?.index ?? -1;
  const { onLoadMore } = props;

  useEffect(() => {
    if (focusRequest > 0) inputRef.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < count) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, count, virtualizer]);

  // A row not loaded yet came into view: its page.
  useEffect(() => {
    if (current && !complete && lastRendered >= results.length) onLoadMore();
  }, [current, complete, lastRendered, results.length, onLoadMore]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (shown.length === 0) return;
    const moves: Record<string, SearchMove> = { ArrowDown: 'next', ArrowUp: 'previous', Home: 'first', End: 'last' };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      props.onMove(move);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = active ?? shown[0];
      if (chosen) props.onSelect(chosen);
    }
  };

  const showList = shown.length > 0;
  const noMatch = !loading && !error && current && shown.length === 0;
  const narrowed = filterWords(filter);

  return (
    <div className={styles.root}>
      <Field label="Search users" hint={SHORTCUT_HINT}>
        <Input
          ref={inputRef}
          type="search"
          value={query}
          placeholder="Name, UPN, department or phone"
          onChange={(_, data) => props.onQuery(data.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          aria-controls={showList ? LISTBOX_ID : undefined}
          aria-activedescendant={active ? optionId(active) : undefined}
        />
      </Field>
      <SearchFilters filter={filter} onChange={props.onFilter} />
      <ErrorBar error={error} />
      <Text role="status" className={styles.status} size={200}>
        {loading ? (
          <Spinner size="extra-tiny" label="Searching" labelPosition="after" />
        ) : noMatch ? (
          narrowed ? `No users match (${narrowed})` : 'No users match'
        ) : showList && total ? (
          matchCountText(shown.length, total, complete) + (narrowed ? ` (${narrowed})` : '')
        ) : (
          ''
        )}
      </Text>
      {showList && (
        <div ref={scrollRef} className={styles.scroller}>
          <ul
            id={LISTBOX_ID}
            role="listbox"
            aria-label="Search results"
            tabIndex={0}
            className={styles.listbox}
            style={{ height: `${virtualizer.getTotalSize()}px` }}
            onKeyDown={onKeyDown}
            aria-activedescendant={active ? optionId(active) : undefined}
          >
            {items.map((item) => {
              const user = shown[item.index];
              const place = {
                index: item.index,
                setSize,
                style: { position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` } as const,
                measure: virtualizer.measureElement,
              };
              return user ? (
                <ResultOption
                  key={item.key}
                  {...place}
                  user={user}
                  terms={terms}
                  active={item.index === activeIndex}
                  selected={user.id === selectedId}
                  onSelect={() => props.onSelect(user)}
                  onHover={() => props.onActive(item.index)}
                />
              ) : (
                <PendingOption key={item.key} {...place} />
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
