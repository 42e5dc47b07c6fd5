/**
 * "Temporary passwords not yet changed": the outstanding ones, oldest first,
 * with their age, for follow-up calls. A row's button opens the user on the
 * Users screen. Asked again on each visit.
 */
import {
  Button,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import type { OutstandingTemporaryPassword } from '../../../main/domain/temporary-passwords';
import { ErrorBar } from '../../components/ErrorBar';
import { useScreenStyles } from '../../components/layout';
import { LongText } from '../../components/LongText';
import { formatTime } from '../../format';
import { useSetup } from '../../stores/setup';
import { TEMPORARY_PASSWORDS_PAGE, useTemporaryPasswords } from '../../stores/temporaryPasswords';
import { ageText, expiryText, issuerName, openStateText } from './life-text';

const useStyles = makeStyles({
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, minHeight: '32px' },
  count: { flexGrow: 1 },
  empty: { color: tokens.colorNeutralForeground2 },
  upn: { display: 'block', color: tokens.colorNeutralForeground2 },
});

const TITLE = 'Temporary passwords not yet changed';

function countText(total: number): string {
  if (total === 0) return 'Every temporary password has been changed by its user.';
  return total === 1 ? '1 temporary password not yet changed' : `${total} temporary passwords not yet changed`;
}

export function TemporaryPasswordsScreen({ onOpenUser }: { onOpenUser(userId: string): void }) {
  const styles = useStyles();
  const screen = useScreenStyles();
  const store = useTemporaryPasswords();
  const { load } = store;
  // Before a directory is open nothing is listed; the embedded default costs nothing.
  const firstUseReported = useSetup((s) => s.appState?.directoryCapabilities?.reportsFirstUse ?? true);
  const now = Date.now();

  useEffect(() => {
    void load(0);
  }, [load]);

  const stateLabel = (row: OutstandingTemporaryPassword) => openStateText(row.state, firstUseReported);
  const total = store.total ?? 0;
  const last = Math.min(store.offset + TEMPORARY_PASSWORDS_PAGE, total);

  return (
    <div className={screen.screen}>
      <h2 className={screen.heading}>{TITLE}</h2>
      <Text className={styles.empty}>Oldest first: call these users to make sure they chose a password of their own.</Text>
      <ErrorBar error={store.error} />
      <div className={styles.bar}>
        <div role="status" className={styles.count}>
          {store.loading ? (
            <Spinner size="tiny" label="Loading temporary passwords" labelPosition="after" />
          ) : store.total === null ? null : (
            <Text>{countText(total)}</Text>
          )}
        </div>
        {total > TEMPORARY_PASSWORDS_PAGE && (
          <>
            <Text>
              {store.offset + 1}–{last} of {total}
            </Text>
            <Button disabled={store.offset === 0} onClick={() => void load(Math.max(0, store.offset - TEMPORARY_PASSWORDS_PAGE))}>
              Previous
            </Button>
            <Button disabled={last >= total} onClick={() => void load(store.offset + TEMPORARY_PASSWORDS_PAGE)}>
              Next
            </Button>
          </>
        )}
        <Button onClick={() => void load()}>Refresh</Button>
      </div>
      {store.rows.length > 0 && (
        <Table aria-label={TITLE} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>User</TableHeaderCell>
              <TableHeaderCell>Issued</TableHeaderCell>
              <TableHeaderCell>By</TableHeaderCell>
              <TableHeaderCell>Age</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>Expiry</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {store.rows.map((row) => (
              <TableRow key={row.userId}>
                <TableCell>
                  <Button appearance="transparent" aria-label={`Open ${row.displayName ?? row.upn}`} onClick={() => onOpenUser(row.userId)}>
                    {row.displayName ?? row.upn}
                  </Button>
                  <LongText className={styles.upn} text={row.upn} />
                </TableCell>
                <TableCell>{formatTime(row.issuedAt)}</TableCell>
                <TableCell>{issuerName(row.issuedBy)}</TableCell>
                <TableCell>{ageText(row.ageDays)}</TableCell>
                <TableCell>{stateLabel(row)}</TableCell>
                <TableCell>{expiryText(row.expiresAt, now)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
