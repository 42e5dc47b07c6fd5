/**
 * Said once, calmly, where the agent works: with no mail set up, users are
 * not told of resets and unlocks (the Verify caller panel says which codes
 * cannot be sent), and who can change that. Information, not an error: nothing failed,
 * and no reset or unlock repeats it. The agent may put it away (useDelivery).
 */
import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { useDelivery } from '../../../stores/delivery';
import { useSession } from '../../../stores/session';
import { noticesOff } from './words';

const useStyles = makeStyles({
  bar: { marginBottom: tokens.spacingVerticalL },
  // A command is read (and typed) as one piece: kept on one line.
  command: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
});

export function DeliveryNotice() {
  const styles = useStyles();
  const upn = useSession((s) => s.agent?.upn ?? null);
  const channels = useDelivery((s) => s.channels);
  const dismissed = useDelivery((s) => (upn ? s.dismissed.includes(upn.toLowerCase()) : false));
  const load = useDelivery((s) => s.load);
  useEffect(() => {
    if (upn) void load();
  }, [upn, load]);

  const off = noticesOff(channels);
  if (!off || !upn || dismissed) return null;
  const smtp = <code className={styles.command}>resetdesk delivery smtp …</code>;
  return (
    <MessageBar intent="info" layout="multiline" className={styles.bar}>
      <MessageBarBody>
        <MessageBarTitle>Notices to users are off.</MessageBarTitle>{' '}
        {off === 'none' ? (
          <>
            No mail or SMS delivery is set up. A Global Administrator can set it up with {smtp} or{' '}
            <code className={styles.command}>resetdesk delivery sms …</code>.
          </>
        ) : (
          <>No mail delivery is set up (notices go by email). A Global Administrator can set it up with {smtp}.</>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => useDelivery.getState().dismiss(upn)}>Dismiss</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
