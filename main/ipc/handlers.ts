import type { Handlers } from './dispatch';
import { createAgentWork } from './agent-work';
import { createAuditHandlers } from './audit-handlers';
import { createDeliveryHandlers } from './delivery-handlers';
import { createDirectoryHandlers } from './directory-handlers';
import { createFirstRunHandlers } from './first-run-handlers';
import type { HandlerContext } from './handler-context';
import { createOutboxHandlers } from './outbox-handlers';
import { createPasswordCheckHandlers } from './password-check-handlers';
import { createResetHandlers } from './reset-handlers';
import { createSessionHandlers } from './session-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { createTemporaryPasswordHandlers } from './temporary-password-handlers';
import { createUserHandlers } from './user-handlers';
import { createVerificationHandlers } from './verification-handlers';

export type { HandlerContext };

/**
 * The plain handlers behind every IPC method: functions of (session, validated
 * request) over the core. No Electron here; the dispatcher has already checked
 * the sender and the schema. Each area's handlers are in a file of their own
 * (*-handlers.ts); this is the table that joins them.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const { host, session } = ctx;
  const work = createAgentWork({ host, session });
  return {
    ...createDirectoryHandlers({ host, session }),
    ...createPasswordCheckHandlers({ host, session }),
    ...createTemporaryPasswordHandlers({ host, session }),
    ...createOutboxHandlers({ session, outbox: ctx.outbox }),
    ...createVerificationHandlers({ host, asAgent: work.asAgent }),
    ...createDeliveryHandlers({ host, session }),
    ...createSettingsHandlers(ctx),
    ...createFirstRunHandlers(ctx),
    ...createSessionHandlers(ctx),
    ...createUserHandlers(ctx, work),
    ...createResetHandlers(ctx, work),
    ...createAuditHandlers(ctx),
  };
}
