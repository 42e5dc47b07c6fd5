/**
 * After a reset whose password went straight to the user: where it went, and
 * that the agent will not see it. Main never sent it here. When the message
 * failed, the reset stands but nobody knows the password: reset again.
 */
import { Button, DialogActions, DialogContent, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { SentResetResponse } from '../../../main/ipc/contract';
import { formatTime } from '../../format';
import { DeliveryResults } from './DeliveryResults';
import { sentSentence } from './delivery-words';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function SentResult({ result, onClose }: { result: SentResetResponse; onClose(): void }) {
  const styles = useStyles();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const failure = result.notifications.find((n) => n.kind === 'temporary-password' && !n.delivered);
  const notes = [
    result.forceChangeNextSignIn && 'The user must change this password at next sign-in.',
    result.unlocked && 'The reset also unlocked the account.',
    result.expiresAt && `This temporary password expires ${formatTime(result.expiresAt)}.`,
  ].filter((note): note is string => typeof note === 'string');
  return (
    <>
      <DialogContent className={styles.content}>
        {result.sent ? (
          <Text role="status">{sentSentence(result)}</Text>
        ) : (
          <MessageBar intent="error" role="alert" aria-labelledby={undefined}>
            <MessageBarBody>
              The password of {result.upn} was reset, but the message to {result.sentTo} could not be sent
              {failure?.error ? ` (${failure.error.message})` : ''}. Nobody knows the new password: reset it again.
            </MessageBarBody>
          </MessageBar>
        )}
        {notes.length > 0 && (
          <ul className={styles.notes}>
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <DeliveryResults results={result.notifications} />
      </DialogContent>
      <DialogActions>
        <Button ref={closeRef} appearance="primary" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </>
  );
}
