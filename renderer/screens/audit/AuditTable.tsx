/** Audit events, newest first, with the raw action and result names the CLI also prints. */
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { AuditEvent } from '../../../main/directory/types';
import { formatTime } from '../../format';

// Long UPNs wrap inside their column instead of running into the next one.
const useStyles = makeStyles({ cell: { overflowWrap: 'anywhere' } });

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const styles = useStyles();
  return (
    <Table aria-label="Audit events" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Time</TableHeaderCell>
          <TableHeaderCell>Agent</TableHeaderCell>
          <TableHeaderCell>Target</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Result</TableHeaderCell>
          <TableHeaderCell>Code</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className={styles.cell}>{formatTime(event.at)}</TableCell>
            <TableCell className={styles.cell}>{event.actorUpn ?? '—'}</TableCell>
            <TableCell className={styles.cell}>{event.targetUpn ?? '—'}</TableCell>
            <TableCell className={styles.cell}>{event.action}</TableCell>
            <TableCell className={styles.cell}>{event.result}</TableCell>
            <TableCell className={styles.cell}>{event.errorCode ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
