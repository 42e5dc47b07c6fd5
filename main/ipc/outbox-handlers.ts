/**
 * The Outbox screen's one call: what the sample's local outbox received (kept
 * in the local file, and arrived since the app started). Signed-in agents the
 * read rule allows (main/reset/read-rights.ts: checked by the IPC gate, and by
 * `resetdesk outbox list`), but reading it does not count as activity: the
 * screen refreshes while open, and that must not hold off the idle lock.
 */
import type { OutboxControl, OutboxView } from '../app/outbox-host';
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
      // Signed in (NOT_SIGNED_IN or SESSION_LOCKED otherwise), without pushing the idle lock back.
      session.currentActor();
      if (!outbox) return NO_OUTBOX;
      // The file may have been created (first run) or its settings changed since start-up.
      await outbox.sync();
      return outbox.view();
    },
  };
}
