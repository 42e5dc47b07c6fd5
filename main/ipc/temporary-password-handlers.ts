/**
 * The temporary passwords' life over IPC: the follow-up list, and the pane's
 * part of getUser. Both read as the signed-in agent (an LDAP directory answers
 * in the agent's own bind), and both are where an AD or OpenLDAP user's own
 * change is learnt (TemporaryPasswordLife records it when it reads them).
 */
import type { DirectoryHost } from '../app/directory-host';
import type { OutstandingTemporaryPasswords, TemporaryPasswordView } from '../domain/temporary-passwords';
import type { DirectoryUser } from '../domain/types';
import type { Actor } from '../reset/engine';
import { TemporaryPasswordLife } from '../reset/temporary-password-life';
import type { ValidRequestOf } from './contract';
import type { AgentSession } from './session';

export interface TemporaryPasswordHandlerContext {
  host: DirectoryHost;
  session: AgentSession;
}

function lifeFor(host: DirectoryHost, actor: Actor): TemporaryPasswordLife {
  const { directory, stores } = host.require();
  return new TemporaryPasswordLife(stores, directory, directory.as(actor.credential ?? null));
}

/** getUser's `temporaryPassword`: the user's latest one, or null. */
export function temporaryPasswordOf(host: DirectoryHost, actor: Actor, user: DirectoryUser): Promise<TemporaryPasswordView | null> {
  return lifeFor(host, actor).forUser(user);
}

export function createTemporaryPasswordHandlers({ host, session }: TemporaryPasswordHandlerContext) {
  return {
    listOutstandingTemporaryPasswords: async ({
      limit,
      offset,
    }: ValidRequestOf<'listOutstandingTemporaryPasswords'>): Promise<OutstandingTemporaryPasswords> =>
      lifeFor(host, session.requireActor()).outstanding({ limit, offset }),
  };
}
