/**
 * The live password checks (NIST SP 800-63B: tell the person why a password is
 * refused, as they choose it): the reset dialog's typed password, for the
 * signed-in agent, and the must-change screen's new password, for the user the
 * sign-in just sent there. Policy and banned terms only: history costs scrypt
 * work per stored password and is checked when the password is submitted.
 * The answer is the reasons, never the password.
 */
import type { DirectoryHost } from '../app/directory-host';
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { checkChosenPassword } from '../reset/password-check';
import type { Handlers } from './dispatch';
import type { AgentSession } from './session';

export function createPasswordCheckHandlers(ctx: { host: DirectoryHost; session: AgentSession }): Pick<Handlers, 'checkPassword' | 'checkNewPassword'> {
  const { host, session } = ctx;
  return {
    checkPassword: async ({ userId, password }) => {
      const actor = session.requireActor();
      const { directory, stores } = host.require();
      const user = await directory.as(actor.credential ?? null).getUser({ id: userId });
      if (!user) throw new DomainError('USER_NOT_FOUND');
      return { problems: await checkChosenPassword(user, new Secret(password), await stores.tenant.get()) };
    },
    checkNewPassword: async ({ upn, password }) => {
      // Only the UPN whose right password just met "change it first": nobody else learns what the check says of a user.
      if (!session.isChangeRequiredFor(upn)) throw new DomainError('NOT_SIGNED_IN');
      const { directory, stores } = host.require();
      // Without an agent an LDAP directory may not show the entry (agent mode): then no names, the lists still apply.
      const user = await directory.as(null).getUser({ upn }).catch(() => null);
      return { problems: await checkChosenPassword(user, new Secret(password), await stores.tenant.get()) };
    },
  };
}
