/**
 * Finding users and opening one: the search, and the user pane (the user,
 * the reset's preflight, recent audit, temporary password, verification methods).
 */
import { DomainError } from '../domain/errors';
import { mayRead } from '../reset/read-rights';
import type { AgentWork } from './agent-work';
import type { Handlers } from './dispatch';
import type { HandlerContext } from './handler-context';
import { temporaryPasswordOf } from './temporary-password-handlers';
import { verificationMethodsOf } from './verification-handlers';

const RECENT_AUDIT = 10;

export function createUserHandlers(ctx: HandlerContext, { preflight }: AgentWork): Pick<Handlers, 'searchUsers' | 'getUser'> {
  const { host, session } = ctx;
  // The directory may be created after start-up (first run): look it up per call.
  const services = () => host.require();

  return {
    searchUsers: async ({ query, limit, offset, filter }) => {
      const actor = session.requireActor();
      return services().directory.as(actor.credential ?? null).searchUsers(query, { limit, offset }, filter);
    },
    getUser: async ({ userId }) => {
      const actor = session.requireActor();
      const { directory, stores } = services();
      const user = await directory.as(actor.credential ?? null).getUser({ id: userId });
      if (!user) throw new DomainError('USER_NOT_FOUND');
      return {
        user,
        preflight: await preflight(userId),
        // The pane's recent activity is the audit's: for those who may read it (read-rights.ts).
        recentAudit: mayRead('audit', actor.roles) ? await stores.audit.list({ targetUpn: user.upn, limit: RECENT_AUDIT }) : [],
        temporaryPassword: await temporaryPasswordOf(host, actor, user),
        verificationMethods: await verificationMethodsOf(host, actor, user),
      };
    },
  };
}
