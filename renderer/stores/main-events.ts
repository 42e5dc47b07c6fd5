/**
 * Main's one-way events (main/ipc/contract.ts eventContract), wired to the
 * stores once for the window's life (App): the idle lock, the clipboard's
 * clear and the outbox's arrivals are pushed by main, so no store keeps a
 * timer of main's or asks it again and again. An event the window missed
 * (sent while it loaded) is made up for when the window gets the focus back:
 * one read of each, never a polling loop.
 */
import { onMainEvent } from './call';
import { useOutbox } from './outbox';
import { useResetFlow } from './resetFlow';
import { useSession } from './session';

/** Subscribes the stores; returns what undoes it. `target` hears the focus come back (the window). */
export function followMain(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): () => void {
  const stops = [
    onMainEvent('session.ended', ({ why }) => useSession.getState().ended(why)),
    onMainEvent('clipboard.changed', (status) => useResetFlow.getState().clipboardChanged(status)),
    onMainEvent('outbox.received', () => useOutbox.getState().received()),
  ];
  const caughtUp = () => {
    void useSession.getState().recheck();
    void useResetFlow.getState().recheckClipboard();
    useOutbox.getState().received();
  };
  target.addEventListener('focus', caughtUp);
  return () => {
    target.removeEventListener('focus', caughtUp);
    for (const stop of stops) stop();
  };
}
