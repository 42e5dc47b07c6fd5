/**
 * What happened to each message after a reset: Entra's notices to the user and
 * to the Global Administrators. A message that did not go out never undid the
 * reset; the agent sees why, and the audit has it too.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { NoticeResult } from '../../../main/ipc/contract';
import { noticeLine } from './delivery-words';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/** The notices only: the out-of-band password has its own sentence (SentResult). */
export function DeliveryResults({ results }: { results: readonly NoticeResult[] }) {
  const styles = useStyles();
  const notices = results.filter((r) => r.kind !== 'temporary-password');
  if (notices.length === 0) return null;
  return (
    <div>
      <Text weight="semibold">Notifications</Text>
      <ul className={styles.list} aria-label="Notifications">
        {notices.map((result, i) => (
          <li key={i} className={result.delivered ? undefined : styles.failed}>
            {noticeLine(result)}
          </li>
        ))}
      </ul>
    </div>
  );
}
