/** Audit: filters applied as typed, how many events match, the events (virtualised), one event's detail, CSV export. */
import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect } from 'react';
import { ErrorBar } from '../../components/ErrorBar';
import { useAudit } from '../../stores/audit';
import { AuditDetail } from './AuditDetail';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';

const useStyles = makeStyles({
  screen: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    // Nothing is wider than the window (the table's columns give way down to 720 px); a window too short
    // for the filters and three rows scrolls the screen, never clips it.
    overflowX: 'auto',
    overflowY: 'auto',
    minHeight: 0,
    flexGrow: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { ...typographyStyles.title3, margin: 0 },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, minHeight: '32px' },
  count: { flexGrow: 1 },
  empty: { color: tokens.colorNeutralForeground2 },
});

const number = new Intl.NumberFormat();

function countText(total: number, capped: boolean): string {
  if (capped) return `More than ${number.format(total)} events match; the newest ${number.format(total)} are listed`;
  return total === 1 ? '1 event' : `${number.format(total)} events`;
}

export function AuditScreen() {
  const styles = useStyles();
  const audit = useAudit();
  const { refresh, ensureRows, select } = audit;

  // Each visit shows the log as it is now (resets made since the last visit included).
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const total = audit.total ?? 0;
  return (
    <div className={styles.screen}>
      <h2 className={styles.heading}>Audit</h2>
      <AuditFilters filters={audit.filters} onChange={audit.setFilters} />
      <ErrorBar error={audit.error ?? audit.exportError} />
      <div className={styles.bar}>
        <div role="status" className={styles.count}>
          {audit.loading ? (
            <Spinner size="tiny" label="Loading events" labelPosition="after" />
          ) : audit.total === null ? null : total === 0 ? (
            <Text className={styles.empty}>No events match</Text>
          ) : (
            <Text>{countText(total, audit.totalCapped)}</Text>
          )}
        </div>
        <Button disabledFocusable={audit.exporting || total === 0} onClick={() => void audit.exportCsv()}>
          {audit.exporting ? 'Exporting…' : 'Export CSV…'}
        </Button>
      </div>
      {audit.exported && (
        <MessageBar intent="success" aria-labelledby={undefined}>
          <MessageBarBody>
            Exported {number.format(audit.exported.events)} {audit.exported.events === 1 ? 'event' : 'events'} to {audit.exported.path}
          </MessageBarBody>
        </MessageBar>
      )}
      {total > 0 && <AuditTable total={total} pages={audit.pages} view={audit.view} onRows={ensureRows} onOpen={select} />}
      <AuditDetail event={audit.selected} onClose={() => select(null)} />
    </div>
  );
}
