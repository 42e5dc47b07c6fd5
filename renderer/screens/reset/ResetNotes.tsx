/**
 * What a reset did besides setting the password, as a short list under the
 * result: shown or sent, the facts are the same.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ResetResponse } from '../../../main/ipc/contract';
import { formatTime } from '../../format';

const useStyles = makeStyles({
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function ResetNotes({ result }: { result: Pick<ResetResponse, 'forceChangeNextSignIn' | 'unlocked' | 'expiresAt'> }) {
  const styles = useStyles();
  const notes = [
    result.forceChangeNextSignIn && 'The user must change this password at next sign-in.',
    result.unlocked && 'The reset also unlocked the account.',
    result.expiresAt && `This temporary password expires ${formatTime(result.expiresAt)}.`,
  ].filter((note): note is string => typeof note === 'string');
  if (notes.length === 0) return null;
  return (
    <ul className={styles.notes}>
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
