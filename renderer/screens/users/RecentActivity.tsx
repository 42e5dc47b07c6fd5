/**
 * The last audit events about this user, newest first, as main returned them:
 * in the same words as the audit screen ("Password reset", "Sign-in failed:
 * wrong password"), never raw codes, and UPNs kept whole.
 */
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { AuditEvent } from '../../../main/domain/types';
import { LongText } from '../../components/LongText';
import { formatTime } from '../../format';
import { describeEvent } from '../../../main/domain/audit-words';

const useStyles = makeStyles({
  what: { overflowWrap: 'break-word' },
});

export function RecentActivity({ events }: { events: AuditEvent[] }) {
  const styles = useStyles();
  return (
    <Table aria-label="Recent activity" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Time</TableHeaderCell>
          <TableHeaderCell>What happened</TableHeaderCell>
          <TableHeaderCell>Agent</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.length === 0 ? (
          <TableRow>
            <TableCell colSpan={3}>No recent activity</TableCell>
          </TableRow>
        ) : (
          events.map((event) => (
            <TableRow key={event.id}>
              <TableCell>{formatTime(event.at)}</TableCell>
              <TableCell className={styles.what}>{describeEvent(event)}</TableCell>
              <TableCell>
                {/* An address broken mid-word reads as two: it wraps at its dots and @ only. */}
                <LongText text={event.actorUpn !== null && event.actorUpn === event.targetUpn ? 'Self' : (event.actorUpn ?? '—')} />
              </TableCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}
