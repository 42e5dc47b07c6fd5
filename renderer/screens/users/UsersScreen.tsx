/** Users: search on the left, the selected user on the right. Wires the stores to the components. */
import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { ErrorBar } from '../../components/ErrorBar';
import { useResetFlow } from '../../stores/resetFlow';
import { searchKey, useSearch } from '../../stores/search';
import { useSelectedUser } from '../../stores/selectedUser';
import { UserPane } from './UserPane';
import { UserSearch } from './UserSearch';
import { DeliveryNotice } from './verification/DeliveryNotice';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    // The search takes up to 40% of a narrow window (the pane keeps room for its facts at 720 px);
    // the pane may shrink below its content's width (minmax(0, …)) rather than push the page sideways.
    gridTemplateColumns: 'minmax(280px, min(380px, 40%)) minmax(0, 1fr)',
    flexGrow: 1,
    minHeight: 0,
  },
  left: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    // The results' long names end in an ellipsis inside the column instead of widening it.
    minWidth: 0,
    padding: tokens.spacingHorizontalL,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  right: {
    minHeight: 0,
    overflowY: 'auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  empty: { color: tokens.colorNeutralForeground2 },
});

export function UsersScreen({ focusSearch }: { focusSearch: number }) {
  const styles = useStyles();
  const search = useSearch();
  const selected = useSelectedUser();
  const startReset = useResetFlow((s) => s.start);
  const details = selected.details;
  const ensureStarted = search.ensureStarted;
  // Browsing without typing: the empty query lists everyone, by name.
  useEffect(() => {
    ensureStarted();
  }, [ensureStarted]);

  const openReset = () => {
    if (details?.preflight.allowed) {
      startReset({ id: details.user.id, displayName: details.user.displayName, enabled: details.user.enabled }, details.preflight);
    }
  };

  return (
    <div className={styles.layout}>
      <div className={styles.left}>
        <UserSearch
          query={search.query}
          filter={search.filter}
          results={search.results}
          total={search.total}
          complete={search.complete}
          current={search.answeredKey !== null && search.answeredKey === searchKey(search.query, search.filter)}
          answeredQuery={search.answeredQuery ?? ''}
          activeIndex={search.activeIndex}
          loading={search.loading}
          error={search.error}
          selectedId={selected.userId}
          focusRequest={focusSearch}
          onQuery={search.setQuery}
          onFilter={search.setFilter}
          onLoadMore={search.loadMore}
          onMove={search.move}
          onActive={search.setActive}
          onSelect={(user) => void selected.select(user.id)}
        />
      </div>
      <div className={styles.right}>
        <DeliveryNotice />
        {details ? (
          <UserPane
            details={details}
            unlocking={selected.unlocking}
            unlockOutcome={selected.unlockOutcome}
            unlockAccountEnabled={selected.unlockAccountEnabled}
            unlockNotices={selected.unlockNotices}
            unlockError={selected.unlockError}
            refreshing={selected.loading}
            onReset={openReset}
            onUnlock={() => void selected.unlock()}
          />
        ) : selected.loading ? (
          <Spinner label="Loading user" />
        ) : selected.error ? (
          <ErrorBar error={selected.error} />
        ) : (
          <Text className={styles.empty}>Search for a user, then select them to see their details.</Text>
        )}
        {details && <ErrorBar error={selected.error} />}
      </div>
    </div>
  );
}
