/** The footer: who is signed in, with which roles, against which directory; the sample's outbox; and sign-out. */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { AgentInfo, AppState } from '../../../main/ipc/contract';
import { directoryLine } from '../../format';

const useStyles = makeStyles({
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    fontSize: tokens.fontSizeBase200,
  },
  // Basis 0: a long file path shrinks (ellipsis, whole in the tooltip) instead of pushing the buttons to a second line.
  location: { flexGrow: 1, flexBasis: 0, minWidth: '12rem', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
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
  return (
    <footer aria-label="Status bar" className={styles.footer}>
      <Text weight="semibold">{agent.displayName}</Text>
      <Text>{agent.upn}</Text>
      <Text>{agent.roles.length > 0 ? agent.roles.join(', ') : 'No admin roles'}</Text>
      <Text className={styles.location} title={directory}>
        Directory: {directory}
      </Text>
      {onOpenOutbox ? (
        <Button size="small" appearance="subtle" onClick={onOpenOutbox}>
          Sample outbox
        </Button>
      ) : null}
      <Button size="small" onClick={onSignOut} disabledFocusable={signingOut}>
        Sign out
      </Button>
    </footer>
  );
}
