/** The last audit events about this user, newest first, as main returned them. */
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { AuditEvent } from '../../../main/domain/types';
import { formatTime } from '../../format';

// Long UPNs wrap inside their column instead of running into the next one.
const useStyles = makeStyles({ cell: { overflowWrap: 'anywhere' } });

export function RecentActivity({ events }: { events: AuditEvent[] }) {
  const styles = useStyles();
  return (
    <Table aria-label="Recent activity" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Time</TableHeaderCell>
          <TableHeaderCell>Agent</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Result</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.length === 0 ? (
          <TableRow>
            <TableCell colSpan={4}>No recent activity</TableCell>
          </TableRow>
        ) : (
          events.map((event) => (
            <TableRow key={event.id}>
              <TableCell className={styles.cell}>{formatTime(event.at)}</TableCell>
              <TableCell className={styles.cell}>{event.actorUpn ?? '—'}</TableCell>
              <TableCell className={styles.cell}>{event.action}</TableCell>
              <TableCell className={styles.cell}>{event.errorCode ? `${event.result} (${event.errorCode})` : event.result}</TableCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}
