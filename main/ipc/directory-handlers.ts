import { openFeed } from '../app/replica/open-feed';
import { testDirectory } from '../app/directory-test';
import type { DirectoryHost } from '../app/directory-host';
import { DomainError } from '../domain/errors';
import { Secret } from '../domain/secret';
import { readOwnAccount } from '../app/services';
import { changeProfiles, connectionAdministratorRefusal, connectionRoleRefusal, type ProfileChange } from '../app/profile-changes';
import { AGENT_RECHECK_SECONDS } from './access';
import type { AppState, DirectoriesView, ValidRequestOf } from './contract';
import type { AgentSession } from './session';

export interface DirectoryHandlerContext {
  host: DirectoryHost;
  session: AgentSession;
}

/**
 * The Directories screen's calls. Reading the profiles is for those who may
 * (main/ipc/access.ts). Adding, changing or removing a profile, and switching
 * the directory in use, is a Global Administrator's change, signed in to the
 * directory in use, asked of it now and audited, refused attempts included
 * (main/app/profile-changes.ts). Testing a profile is a Global
 * Administrator's too, except at first run, before any file or administrator
 * exists, when the person installing tests the first.
 */
export function createDirectoryHandlers(ctx: DirectoryHandlerContext) {
  const { host, session } = ctx;

  /**
   * The profiles, and whether this agent may change them, by the roles the
   * directory holds for them now (what the gate just read, at most
   * AGENT_RECHECK_SECONDS old): a Global Administrator stripped of the role
   * since sign-in is shown the connections read-only, not a form Save refuses.
   */
  async function view(): Promise<DirectoriesView> {
    const services = host.require();
    const actor = session.currentActor();
    const inUse = host.active?.name ?? null;
    const account = await session.ownAccount(AGENT_RECHECK_SECONDS * 1000, () => readOwnAccount(services, actor));
    const refusal = connectionRoleRefusal({ upn: actor.upn, signedInTo: inUse, roles: account?.roles ?? [] });
    return { active: inUse, profiles: await host.profiles(), changeRefusal: refusal?.toPayload() ?? null };
  }

  async function asGlobalAdministrator(change: ProfileChange, apply: () => void | Promise<void>): Promise<void> {
    const services = host.require();
    // The session belongs to the directory in use: that is where the agent signed in.
    const inUse = host.active?.name ?? null;
    try {
      await changeProfiles(services.stores, change, { inUse, signIn: async () => ({ services, actor: session.requireActor(), signedInTo: inUse }) }, apply);
    } catch (error) {
      // Disabled, locked or stripped of its roles since sign-in: signed out, as a reset does.
      if (error instanceof DomainError && error.code === 'AGENT_ACCOUNT_UNUSABLE') session.end('accountUnusable');
      throw error;
    }
  }

  return {
    listDirectories: async (): Promise<DirectoriesView> => view(),
    saveDirectory: async ({ profile, replace }: ValidRequestOf<'saveDirectory'>): Promise<DirectoriesView> => {
      await asGlobalAdministrator({ op: replace ? 'change' : 'add', name: profile.name }, () => host.saveProfile(profile, replace));
      return await view();
    },
    removeDirectory: async ({ name }: ValidRequestOf<'removeDirectory'>): Promise<DirectoriesView> => {
      await asGlobalAdministrator({ op: 'remove', name }, () => host.removeProfile(name));
      return await view();
    },
    testDirectory: async ({ profile, upn, password }: ValidRequestOf<'testDirectory'>) => {
      if (host.services) {
        const reason = await connectionAdministratorRefusal({ services: host.services, actor: session.requireActor(), signedInTo: host.active?.name ?? null });
        if (reason) throw reason;
      }
      // Against the candidate profile, audited in the local file like any sign-in.
      const candidate = host.candidate(profile);
      try {
        // With the replica's feed: the test also says whether the server lets the sync page through every user.
        return { steps: await testDirectory(candidate.services, upn, new Secret(password), { openFeed: (bind) => openFeed(profile, bind) }) };
      } finally {
        await candidate.close();
      }
    },
    useDirectory: async ({ name }: ValidRequestOf<'useDirectory'>): Promise<AppState> => {
      await asGlobalAdministrator({ op: 'use', name }, async () => {
        // A sign-in belongs to the directory that answered it.
        session.end('directorySwitched');
        await session.settled();
        await host.use(name);
      });
      return await appStateOf(host);
    },
  };
}

export async function appStateOf(host: DirectoryHost): Promise<AppState> {
  const stores = host.services?.stores;
  const active = host.active;
  return {
    directory: stores ? 'ready' : 'missing',
    location: host.location,
    tenantName: stores ? (await stores.tenant.get()).name : null,
    directoryKind: active?.kind ?? null,
    directoryCapabilities: host.services?.directory.capabilities ?? null,
    directoryName: active?.name ?? null,
    directoryLocation: active?.location ?? null,
  };
}
