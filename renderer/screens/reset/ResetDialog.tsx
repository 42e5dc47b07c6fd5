/**
 * The reset dialog. While the password is shown a click outside does not close
 * it (the password could be lost by accident); Close or Escape does, and
 * closing makes both this store and main forget the password.
 */
import { Dialog, DialogBody, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useResetFlow } from '../../stores/resetFlow';
import { useSelectedUser } from '../../stores/selectedUser';
import { useDelivery } from '../../stores/delivery';
import { offeredChannels } from './delivery-words';
import { ResetForm } from './ResetForm';
import { ResetResult } from './ResetResult';
import { SentResult } from './SentResult';

export function ResetDialog() {
  const flow = useResetFlow();
  const { target, preflight, result } = flow;
  const open = target !== null && preflight !== null;
  const close = flow.close;
  // The pane's user is the dialog's target: what main offers for them says where the password may be sent.
  const details = useSelectedUser((s) => (s.details && s.details.user.id === target?.id ? s.details : null));
  const known = useDelivery((s) => s.channels);
  const channels = offeredChannels(details, known);

  // Fluent handles Escape on the surface only; after a click on the backdrop the
  // focus is on the page behind, and Escape must still close (close is idempotent).
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);

  // Back to where the agent was (the pane's button) on close. Noted when the
  // store opens the dialog, before React renders it and the focus moves in.
  const returnTo = useRef<Element | null>(null);
  useEffect(
    () =>
      useResetFlow.subscribe((state, previous) => {
        if (state.target && !previous.target) returnTo.current = document.activeElement;
        if (!state.target && previous.target) {
          const element = returnTo.current;
          returnTo.current = null;
          requestAnimationFrame(() => {
            if (element instanceof HTMLElement && element.isConnected) element.focus();
          });
        }
      }),
    [],
  );

  return (
    <Dialog
      open={open}
      modalType="modal"
      onOpenChange={(_, data) => {
        if (data.open) return;
        if (data.type === 'backdropClick' && (result || flow.busy)) return;
        flow.close();
      }}
    >
      <DialogSurface aria-describedby={undefined}>
        {open && (
          <DialogBody>
            <DialogTitle>Reset password for {target.displayName}</DialogTitle>
            {result && result.deliveredTo !== 'screen' ? (
              <SentResult result={result} onClose={flow.close} />
            ) : result ? (
              <ResetResult
                result={result}
                readoutShown={flow.readoutShown}
                clipboard={flow.clipboard}
                clearsAt={flow.clearsAt}
                copyError={flow.copyError}
                onToggleReadout={flow.toggleReadout}
                onCopy={() => void flow.copy()}
                onClose={flow.close}
              />
            ) : (
              <ResetForm
                userId={target?.id ?? ''}
                accountEnabled={target.enabled}
                preflight={preflight}
                forceChange={flow.forceChange}
                busy={flow.busy}
                suggesting={flow.suggesting}
                error={flow.error}
                channels={channels}
                deliverTo={flow.deliverTo}
                onDeliverTo={flow.setDeliverTo}
                onForceChange={flow.setForceChange}
                onSuggest={flow.suggest}
                onConfirm={(password) => void flow.confirm(password)}
                onCancel={flow.close}
              />
            )}
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
