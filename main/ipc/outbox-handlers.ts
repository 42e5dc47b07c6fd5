/**
 * The Outbox screen's one call: what the sample's local outbox received (kept
 * in the local file, and arrived since the app started). Signed-in agents the
 * read rule allows (main/reset/outbox-access.ts, shared with `resetdesk outbox
 * list`), but reading it does not count as activity: the screen refreshes
 * while open, and that must not hold off the idle lock.
 */
import type { OutboxControl, OutboxView } from '../app/outbox-host';
import { outboxReadRefusal } from '../reset/outbox-access';
import type { AgentSession } from './session';

export interface OutboxHandlerContext {
  session: AgentSession;
  /** Absent where no outbox can run (tests without one): the answer is status 'none'. */
  outbox?: OutboxControl | undefined;
}

const NO_OUTBOX: OutboxView = { status: 'none', address: null, reason: null, messages: [], note: null };

export function createOutboxHandlers({ session, outbox }: OutboxHandlerContext) {
  return {
    listOutbox: async (): Promise<OutboxView> => {
      // state() checks the idle lock without pushing it back; requireActor() then
      // throws the right refusal (NOT_SIGNED_IN or SESSION_LOCKED).
      const state = session.state();
      if (state.status !== 'signedIn') session.requireActor();
      else {
        const refusal = outboxReadRefusal(state.agent);
        if (refusal) throw refusal;
      }
      if (!outbox) return NO_OUTBOX;
      // The file may have been created (first run) or its settings changed since start-up.
      await outbox.sync();
      return outbox.view();
    },
  };
}
