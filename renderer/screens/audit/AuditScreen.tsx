/** Audit: filters, the events table and paging. */
import { Button, makeStyles, Spinner, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect } from 'react';
import { ErrorBar } from '../../components/ErrorBar';
import { useAudit } from '../../stores/audit';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';

const useStyles = makeStyles({
  screen: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    overflowY: 'auto',
    minHeight: 0,
    flexGrow: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { ...typographyStyles.title3, margin: 0 },
  footer: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  empty: { color: tokens.colorNeutralForeground2 },
});

export function AuditScreen() {
  const styles = useStyles();
  const audit = useAudit();
  const { apply } = audit;

  // Each visit shows the log as it is now (resets made since the last visit included).
  useEffect(() => {
    void apply();
  }, [apply]);

  return (
    <div className={styles.screen}>
      <h2 className={styles.heading}>Audit</h2>
      <AuditFilters
        draft={audit.draft}
        ignored={audit.ignored}
        loading={audit.loading}
        onDraft={audit.setDraft}
        onApply={() => void audit.apply()}
      />
      <ErrorBar error={audit.error} />
      {audit.events.length > 0 && <AuditTable events={audit.events} />}
      <div className={styles.footer} role="status">
        {audit.loading ? (
          <Spinner size="tiny" label="Loading events" />
        ) : audit.loaded && audit.events.length === 0 ? (
          <Text className={styles.empty}>No events match</Text>
        ) : null}
      </div>
      {audit.hasMore && (
        <div>
          <Button disabledFocusable={audit.loading} onClick={() => void audit.loadMore()}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
