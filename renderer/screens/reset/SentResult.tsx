/**
 * After a reset whose password went straight to the user: where it went, and
 * that the agent will not see it. Main never sent it here. When the message
 * failed, the reset stands but nobody knows the password: reset again.
 */
import { Button, DialogActions, DialogContent, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { SentResetResponse } from '../../../main/ipc/contract';
import { DeliveryResults } from './DeliveryResults';
import { DisabledAccountNotice } from './DisabledAccountNotice';
import { useDialogContentStyles } from './dialog-content';
import { ResetNotes } from './ResetNotes';
import { sentSentence } from './delivery-words';

export function SentResult({ result, onClose }: { result: SentResetResponse; onClose(): void }) {
  const styles = useDialogContentStyles();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const failure = result.notifications.find((n) => n.kind === 'temporary-password' && !n.delivered);
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
        {!result.accountEnabled && <DisabledAccountNotice change="reset" when="after" />}
        <ResetNotes result={result} />
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
