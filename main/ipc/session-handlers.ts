/**
 * Signing in and out: the session's state, an agent's sign-in (and the change
 * of their own password when the directory asks for one), sign-out.
 */
import { Secret } from '../domain/secret';
import { signInRefusal } from '../reset/signin';
import { signInAsking } from '../app/services';
import { settleOpenIntents } from '../app/settle-intents';
import type { SessionState } from './contract';
import type { Handlers } from './dispatch';
import type { HandlerContext } from './handler-context';

export function createSessionHandlers(ctx: HandlerContext): Pick<Handlers, 'getSession' | 'signIn' | 'changeOwnPassword' | 'signOut'> {
  const { host, session } = ctx;
  // The directory may be created after start-up (first run): look it up per call.
  const services = () => host.require();

  async function signInAs(upn: string, password: Secret): Promise<SessionState> {
    // Every error about the agent's sign-in says which directory it asked.
    const { outcome, asked } = await signInAsking(services(), upn, password);
    if (outcome.result === 'ok' && outcome.user) {
      await settleOpenIntents(services(), outcome.credential);
      const state = session.begin(outcome.user, outcome.credential ?? null);
      await session.settled(); // a previous agent's session ended: its clean-up is done first
      // After the last session's end (which rests the directory's background work), so this one's stays.
      if (outcome.credential) services().directory.warm?.(outcome.credential);
      return state;
    }
    if (outcome.result === 'password_change_required') {
      session.changeRequired(upn); // the new password's live check is allowed for this UPN only
      return { status: 'passwordChangeRequired', upn };
    }
    throw signInRefusal(outcome.result, asked);
  }

  return {
    getSession: async () => {
      const state = session.state();
      // If this call is what noticed the lock, answer once its clean-up (the clipboard) is done.
      await session.settled();
      return state;
    },
    signIn: async ({ upn, password }) => signInAs(upn, new Secret(password)),
    changeOwnPassword: async ({ upn, currentPassword, newPassword }) => {
      await services().signIn.changePassword(upn, new Secret(currentPassword), new Secret(newPassword));
      return signInAs(upn, new Secret(newPassword));
    },
    signOut: async () => {
      const state = session.end();
      await session.settled(); // the clipboard is clear when the sign-in screen comes back
      return state;
    },
  };
}
