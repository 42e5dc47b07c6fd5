/**
 * The audit events, newest first, in words. Only the rows in view are in the
 * page (@tanstack/react-virtual), so 100,000 events scroll like 100; rows not
 * fetched yet show "Loading…" and are asked for as they come into view. For
 * assistive technology it is still one table: aria-rowcount says how many rows
 * there are, aria-rowindex where each rendered row sits. UPNs never wrap.
 */
import { Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AuditEvent } from '../../../main/domain/types';
import { formatTime } from '../../format';
import { AUDIT_PAGE_SIZE } from '../../stores/audit';
import { describeEvent } from './describe';

/** Two lines: "what happened" may wrap between words; UPNs never wrap. */
const ROW_HEIGHT = 48;

// Time, what happened, target, agent. The UPN columns are at least wide enough
// for the sample's longest UPNs (a guest's #EXT# UPN); a narrower window
// scrolls sideways rather than cut them. A longer UPN still is cut with an
// ellipsis (never broken mid-word) and shown whole in the event's detail.
// Sized so the default window (1100 px) fits them all.
const COLUMNS = '7rem minmax(11.5rem, 1fr) minmax(30.75rem, 1.5fr) minmax(15.25rem, 1fr)';

const useStyles = makeStyles({
  table: { display: 'flex', flexDirection: 'column', minHeight: 0, flexGrow: 1, minWidth: '64rem' },
  row: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    boxSizing: 'border-box',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  header: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground1 },
  // The same scrollbar gutter in the header and the body keeps their columns aligned.
  headerGroup: { overflowY: 'hidden', scrollbarGutter: 'stable' },
  body: {
    flexGrow: 1,
    minHeight: '12rem',
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
  // The time and the sentence may wrap between words, to two lines at most.
  wraps: { whiteSpace: 'normal' },
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

export function AuditTable({ total, pages, view, onRows, onOpen }: Props) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
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

  return (
    // +1: the header row counts.
    <div role="table" aria-label="Audit events" aria-rowcount={total + 1} className={styles.table}>
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
                onClick={event ? () => onOpen(event) : undefined}
              >
                {event ? (
                  <>
                    <div role="cell" className={mergeClasses(styles.cell, styles.wraps)}>
                      {formatTime(event.at)}
                    </div>
                    <div role="cell" className={styles.cell}>
                      <Link
                        as="button"
                        className={mergeClasses(styles.sentence, event.result === 'failure' ? styles.failure : undefined)}
                        onClick={(e) => {
                          e.stopPropagation();
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
