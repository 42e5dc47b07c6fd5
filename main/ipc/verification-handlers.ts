/**
 * The Verify caller panel's calls: send a code to one of the user's
 * registered methods, check what the caller read back. Main keeps the codes
 * (as HMACs) and decides; the renderer only ever sees the masked destination
 * and the resulting status. The reset itself is refused by the engine without
 * the required verification, whatever the renderer sends.
 */
import type { DirectoryHost } from '../app/directory-host';
import { Secret } from '../domain/secret';
import type { DirectoryUser } from '../domain/types';
import type { Actor } from '../reset/engine';
import type { Handler } from './dispatch';

export interface VerificationHandlerContext {
  host: DirectoryHost;
  /** Runs work as the signed-in agent (ends the session when the agent's own account can no longer act). */
  asAgent<T>(work: (actor: Actor) => Promise<T>): Promise<T>;
}

/** The pane's list of methods (getUser): masked, only those that can work (offered-methods.ts), and those withheld. */
export async function verificationMethodsOf(host: DirectoryHost, actor: Actor, user: DirectoryUser) {
  // The pane shows without it (the panel falls back to the contact methods): a failed read is not the pane's failure.
  return host.require().verification
    .methods(actor, user)
    .catch(() => undefined);
}

export function createVerificationHandlers(ctx: VerificationHandlerContext): {
  sendVerificationCode: Handler<'sendVerificationCode'>;
  checkVerificationCode: Handler<'checkVerificationCode'>;
} {
  const service = () => ctx.host.require().verification;
  return {
    sendVerificationCode: async ({ userId, method }) => ctx.asAgent((actor) => service().send(actor, { id: userId }, method)),
    checkVerificationCode: async ({ userId, method, code }) => {
      const verification = await ctx.asAgent((actor) => service().check(actor, { id: userId }, method, new Secret(code)));
      return { verification };
    },
  };
}
