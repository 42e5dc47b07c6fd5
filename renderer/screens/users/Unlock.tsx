/**
 * Unlock in the user pane: the button, the confirmation it asks first when
 * there is something to know before the click, and the outcome.
 *
 * The caller check is the reset's (main/domain/caller-check.ts): where the
 * rule recommends a check not done, the same warning and a confirmation;
 * where it requires one, the button is disabled with the pane's refusal, as
 * main refuses the unlock for every reason it refuses the reset (one check in
 * main/reset/engine.ts). A disabled account is said to stay disabled, before
 * and after. Otherwise one click unlocks.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { callerCheckAsks } from '../../../main/domain/caller-check';
import { disabledAfter } from '../../../main/domain/disabled-account';
import type { PreflightResponse } from '../../../main/ipc/contract';
import type { UnlockOutcome } from '../../stores/selectedUser';
import { useDialogContentStyles } from '../reset/dialog-content';
import { DisabledAccountNotice } from '../reset/DisabledAccountNotice';
import { UnverifiedWarning } from './verification/UnverifiedWarning';

interface ButtonProps {
  user: { displayName: string; enabled: boolean };
  preflight: PreflightResponse;
  locked: boolean;
  unlocking: boolean;
  /** The pane's refusal, which describes this button too when main would refuse. */
  refusalId: string;
  onUnlock(): void;
}

export function UnlockButton({ user, preflight, locked, unlocking, refusalId, onUnlock }: ButtonProps) {
  const body = useDialogContentStyles();
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const refused = !preflight.allowed;
  const confirmFirst = callerCheckAsks(preflight.verification) === 'confirm' || !user.enabled;

  // Back on the pane's button, where the agent was (Fluent restores focus only for its own triggers).
  const close = () => {
    setConfirming(false);
    requestAnimationFrame(() => buttonRef.current?.focus());
  };

  return (
    <>
      <Button
        ref={buttonRef}
        disabledFocusable={!locked || unlocking || refused}
        aria-describedby={refused ? refusalId : undefined}
        icon={unlocking ? <Spinner size="tiny" /> : undefined}
        onClick={() => (confirmFirst ? setConfirming(true) : onUnlock())}
      >
        Unlock account
      </Button>
      <Dialog open={confirming} modalType="modal" onOpenChange={(_, data) => !data.open && close()}>
        <DialogSurface aria-describedby={undefined}>
          <DialogBody>
            <DialogTitle>Unlock account for {user.displayName}</DialogTitle>
            <DialogContent className={body.content}>
              {!user.enabled && <DisabledAccountNotice change="unlock" when="before" />}
              <UnverifiedWarning status={preflight.verification} change="unlock" />
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  close();
                  onUnlock();
                }}
              >
                Unlock account
              </Button>
              <Button onClick={close}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

/** What the unlock did, announced (the pane's one status); a disabled account is said to stay so. */
export function UnlockStatus({ outcome, accountEnabled }: { outcome: UnlockOutcome | null; accountEnabled: boolean }) {
  if (!outcome) return null;
  return (
    <MessageBar intent={accountEnabled ? 'success' : 'warning'} role="status" aria-labelledby={undefined}>
      <MessageBarBody>
        {outcome === 'unlocked' ? 'Account unlocked.' : 'The account was not locked.'}
        {accountEnabled ? '' : ` ${disabledAfter('unlock')}`}
      </MessageBarBody>
    </MessageBar>
  );
}
