/**
 * The footer: who is signed in, with which roles, against which directory;
 * how far the local copy of a real directory is (read, or why it cannot be);
 * the sample's outbox; and sign-out. In a narrow window its parts wrap onto a
 * second line; a part wider than the whole bar (a long UPN, many roles, a
 * deep file path) keeps to one line with an ellipsis and the whole value in
 * its tooltip, so nothing is ever cut off the window and the buttons stay.
 */
import { Button, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { AgentInfo, AppState } from '../../../main/ipc/contract';
import { LongText } from '../../components/LongText';
import { directoryLine } from '../../format';
import { replicaStatusText } from '../../../main/domain/replica-status';
import { useDirectoryCopyPolling } from '../../stores/directory-copy';

const useStyles = makeStyles({
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  name: { ...typographyStyles.body1Strong },
  text: { ...typographyStyles.body1 },
  // Basis 0: a long file path shrinks (ellipsis, whole in the tooltip) instead of pushing the buttons to a second line.
  location: { ...typographyStyles.body1, flexGrow: 1, flexBasis: 0, minWidth: '12rem' },
  copy: { ...typographyStyles.body1, flexBasis: '100%', minWidth: 0 },
  button: { flexShrink: 0 },
});

interface Props {
  agent: AgentInfo;
  appState: AppState | null;
  signingOut: boolean;
  onSignOut(): void;
  /** Shown only when the tenant has a local outbox (the sample). */
  onOpenOutbox?(): void;
}

export function StatusBar({ agent, appState, signingOut, onSignOut, onOpenOutbox }: Props) {
  const styles = useStyles();
  const directory = appState ? directoryLine(appState) : '';
  const copy = useDirectoryCopyPolling();
  const copyText = copy ? replicaStatusText(copy) : null;
  return (
    <footer aria-label="Status bar" className={styles.footer}>
      <LongText oneLine className={styles.name} text={agent.displayName} />
      <LongText oneLine className={styles.text} text={agent.upn} />
      <LongText oneLine className={styles.text} text={agent.roles.length > 0 ? agent.roles.join(', ') : 'No admin roles'} />
      <LongText oneLine className={styles.location} text={`Directory: ${directory}`} />
      {/* Its own line: progress while the copy is read (not read aloud at every page), or why it cannot be, with the server setting to change. */}
      {copyText ? (
        <div role="status" aria-live={copy?.state === 'reading' ? 'off' : 'polite'} aria-label="Directory copy" className={styles.copy}>
          {/* One line, the whole (the setting to change) in the tooltip and the accessible name; Test connection shows it whole. */}
          <LongText oneLine text={copyText} />
        </div>
      ) : null}
      {onOpenOutbox ? (
        <Button className={styles.button} size="small" appearance="subtle" onClick={onOpenOutbox}>
          Sample outbox
        </Button>
      ) : null}
      <Button className={styles.button} size="small" onClick={onSignOut} disabledFocusable={signingOut}>
        Sign out
      </Button>
    </footer>
  );
}
