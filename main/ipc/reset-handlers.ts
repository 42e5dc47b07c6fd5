/**
 * A reset and an unlock, as the signed-in agent: the preflight, main's own
 * suggested password, the reset with its messages, the unlock, and the reset
 * result's copy to the clipboard and its end.
 */
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { groupForDisplay, natoReadout } from '../reset/generator';
import { suggestPassword } from '../reset/suggest';
import { resetAndNotify, resetFacts, unlockAndNotify } from '../app/out-of-band';
import type { AgentWork } from './agent-work';
import type { Handlers } from './dispatch';
import type { HandlerContext } from './handler-context';
import { SuggestedPasswords } from './suggested-passwords';

export function createResetHandlers(ctx: HandlerContext, { asAgent, preflight }: AgentWork): Pick<Handlers, 'preflightReset' | 'suggestPassword' | 'resetPassword' | 'unlockAccount' | 'copyTemporaryPassword' | 'clipboardStatus' | 'forgetResetResult'> {
  const { host, session, results } = ctx;
  // Main's own suggestions: a reset with one, unchanged, is audited as generated.
  const suggested = new SuggestedPasswords();
  // The directory may be created after start-up (first run): look it up per call.
  const services = () => host.require();

  return {
    preflightReset: async ({ userId }) => preflight(userId),
    // Only for a reset this agent may do with a typed password (on-premises users; AD and OpenLDAP ones too).
    suggestPassword: async ({ userId }) => {
      const answer = await preflight(userId);
      if (!answer.allowed) throw new DomainError(answer.code);
      if (answer.passwordMode === 'generated') throw new DomainError('PASSWORD_NOT_ALLOWED');
      const password = suggestPassword(answer.policy);
      suggested.remember(session.requireActor().id, userId, password);
      return { password: password.reveal() };
    },
    resetPassword: async ({ userId, password, forceChangeNextSignIn, deliverTo }) => {
      // The reset, then the messages after it (main/app/out-of-band.ts): the CLI runs the same function.
      const done = await asAgent((actor) =>
        resetAndNotify(
          services(),
          actor,
          {
            target: { id: userId },
            ...(password !== undefined ? { password: new Secret(password), passwordGenerated: suggested.take(actor.id, userId, password) } : {}),
            forceChangeNextSignIn,
          },
          deliverTo,
        ),
      );
      const facts = resetFacts(done);
      if (done.deliveredTo !== 'screen') {
        // Sent out of band: the password is in the message only, never here, and there is nothing to copy.
        return { ...facts, deliveredTo: done.deliveredTo, resultId: null, temporaryPassword: null, groups: [], readout: [], sentTo: done.sentTo, sent: done.sent.delivered };
      }
      const clear = done.outcome.temporaryPassword.reveal();
      return {
        ...facts,
        deliveredTo: 'screen',
        resultId: results.add(done.outcome.temporaryPassword, facts.upn),
        temporaryPassword: clear,
        groups: groupForDisplay(clear),
        readout: natoReadout(clear),
        sentTo: null,
      };
    },
    unlockAccount: async ({ userId }) => {
      const { outcome, notifications } = await asAgent((actor) => unlockAndNotify(services(), actor, { id: userId }));
      return { upn: outcome.upn, wasLocked: outcome.wasLocked, accountEnabled: outcome.accountEnabled, notifications };
    },
    copyTemporaryPassword: async ({ resultId }) => {
      session.requireActor();
      const { clearsAt } = await ctx.clipboard.copy(results.get(resultId).password);
      return { clearsAt };
    },
    // Not activity: the renderer asks while a countdown runs, which must not hold off the idle lock.
    clipboardStatus: async () => ctx.clipboard.status(),
    forgetResetResult: async ({ resultId }) => ({ forgotten: results.forget(resultId) }),
  };
}
