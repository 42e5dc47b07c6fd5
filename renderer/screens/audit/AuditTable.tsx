/**
 * The audit events, newest first, in words. Only the rows in view are in the
 * page (@tanstack/react-virtual), so 100,000 events scroll like 100; rows not
 * fetched yet show "Loading…" and are asked for as they come into view. For
 * assistive technology it is still one table: aria-rowcount says how many rows
 * there are, aria-rowindex where each rendered row sits. UPNs never wrap.
 *
 * The header is its own row above the scrolling body (never under it: it does
 * not shrink, and nothing scrolls beneath it). Closing an event's detail puts
 * the focus back on the row that opened it (Fluent's focus restorer: each
 * row's button is a restore target, the dialog its source).
 */
import { Link, makeStyles, mergeClasses, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { AuditEvent } from '../../../main/domain/types';
import { describeEvent } from '../../../main/domain/audit-words';
import { formatTime } from '../../format';
import { AUDIT_PAGE_SIZE } from '../../stores/audit';

/** Two lines: "what happened" may wrap between words; UPNs never wrap. */
const ROW_HEIGHT = 48;

// Time, what happened, target, agent. The time is as wide as the longest this
// locale writes (measured), so it never wraps; the rest share what is left,
// the target most. At the default window (1100 px) a sentence wraps at most
// once and the usual UPNs (an agent's, a member's) are whole; a longer one (a
// guest's #EXT# UPN) and any UPN in a narrower window is cut with an ellipsis,
// never broken mid-word, and is whole in its tooltip, its cell's text (the
// accessible name) and the event's detail. Nothing scrolls sideways down to the
// minimum window (720 px).
const TIME_PADDING_PX = 2 * 8 + 4; // the cell's padding, and a little air
const columnsFor = (timeWidth: string) => `${timeWidth} minmax(9rem, 1fr) minmax(9rem, 1.5fr) minmax(6rem, 1fr)`;

const useStyles = makeStyles({
  // Its least height is the header and three rows: a shorter window scrolls the screen instead. Explicit,
  // never 'auto': that would be the body's whole content (every row's height), and every row would render.
  table: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, minHeight: `${4 * ROW_HEIGHT}px` },
  row: {
    display: 'grid',
    gridTemplateColumns: 'var(--audit-columns)',
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  header: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground1 },
  // The same scrollbar gutter in the header and the body keeps their columns aligned; the header keeps its height.
  headerGroup: { flexShrink: 0, overflowY: 'hidden', scrollbarGutter: 'stable' },
  body: {
    flexGrow: 1,
    minHeight: `${3 * ROW_HEIGHT}px`,
    overflowY: 'auto',
    overflowX: 'hidden',
    scrollbarGutter: 'stable',
    position: 'relative',
  },
  clickable: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover } },
  cell: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  // The sentence may wrap between words, to two lines at most (whole in its tooltip and the detail).
  sentence: {
    whiteSpace: 'normal',
    textAlign: 'start',
    overflow: 'hidden',
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
  },
  failure: { color: tokens.colorPaletteRedForeground1 },
  placeholder: { color: tokens.colorNeutralForeground3 },
});

interface Props {
  total: number;
  pages: Record<number, AuditEvent[]>;
  /** Changes when the filters' first page arrives: the table goes back to the top. */
  view: number;
  onRows(first: number, last: number): void;
  onOpen(event: AuditEvent): void;
}

/** Who acted, or "Self" when the user acted on their own account (a sign-in, a password change). */
function agentText(event: AuditEvent): string {
  if (event.actorUpn === null) return '—';
  return event.actorUpn.toLowerCase() === event.targetUpn?.toLowerCase() ? 'Self' : event.actorUpn;
}

const eventAt = (pages: Record<number, AuditEvent[]>, index: number) =>
  pages[Math.floor(index / AUDIT_PAGE_SIZE)]?.[index % AUDIT_PAGE_SIZE];

/** The longest time this locale writes: each month's 28th at 23:58 (the widest hour on a 12- or 24-hour clock). */
function widestTimes(): string[] {
  return Array.from({ length: 12 }, (_, month) => formatTime(new Date(2026, month, 28, 23, 58).toISOString()));
}

/** The time column's width in px, measured in the table's own font; null until measured. */
function useTimeColumnWidth(table: RefObject<HTMLDivElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = table.current;
    const context = element ? document.createElement('canvas').getContext('2d') : null;
    if (!element || !context) return;
    context.font = getComputedStyle(element).font;
    setWidth(Math.ceil(Math.max(...widestTimes().map((text) => context.measureText(text).width))) + TIME_PADDING_PX);
  }, [table]);
  return width;
}

export function AuditTable({ total, pages, view, onRows, onOpen }: Props) {
  const styles = useStyles();
  const table = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const restoreFocusTarget = useRestoreFocusTarget();
  const timeWidth = useTimeColumnWidth(table);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [view, virtualizer]);
  useEffect(() => {
    if (last >= first) onRows(first, last);
  }, [first, last, view, onRows]);

  const columns = { '--audit-columns': columnsFor(timeWidth === null ? '11rem' : `${timeWidth}px`) } as CSSProperties;
  return (
    // +1: the header row counts.
    <div ref={table} role="table" aria-label="Audit events" aria-rowcount={total + 1} className={styles.table} style={columns}>
      <div role="rowgroup" className={styles.headerGroup}>
        <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.header)}>
          <div role="columnheader" className={styles.cell}>Time</div>
          <div role="columnheader" className={styles.cell}>What happened</div>
          <div role="columnheader" className={styles.cell}>Target</div>
          <div role="columnheader" className={styles.cell}>Agent</div>
        </div>
      </div>
      {/* Focusable so the keyboard can scroll it; the rows' links are in the tab order too. */}
      <div role="rowgroup" ref={scroller} className={styles.body} tabIndex={0}>
        <div role="presentation" style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          {items.map((item) => {
            const event = eventAt(pages, item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={mergeClasses(styles.row, event ? styles.clickable : undefined)}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
                onClick={
                  event
                    ? (e) => {
                        // The row's button takes the focus, as a click on it would: closing the detail comes back to it.
                        e.currentTarget.querySelector('button')?.focus();
                        onOpen(event);
                      }
                    : undefined
                }
              >
                {event ? (
                  <>
                    <div role="cell" className={styles.cell}>
                      {formatTime(event.at)}
                    </div>
                    <div role="cell" className={styles.cell}>
                      <Link
                        as="button"
                        {...restoreFocusTarget}
                        title={describeEvent(event)}
                        className={mergeClasses(styles.sentence, event.result === 'failure' ? styles.failure : undefined)}
                        onClick={(e) => {
                          e.stopPropagation();
                          e.currentTarget.focus();
                          onOpen(event);
                        }}
                      >
                        {describeEvent(event)}
                      </Link>
                    </div>
                    <div role="cell" className={styles.cell} title={event.targetUpn ?? undefined}>
                      {event.targetUpn ?? '—'}
                    </div>
                    <div role="cell" className={styles.cell} title={event.actorUpn ?? undefined}>
                      {agentText(event)}
                    </div>
                  </>
                ) : (
                  <div role="cell" className={mergeClasses(styles.cell, styles.placeholder)}>
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
